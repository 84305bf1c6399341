// Idempotency-Key on create routes (platform/http/idempotency.ts): a phone that retries a pledge after a lost answer
// or a 503 gets the first answer back and the project holds one pledge, not two.
import { createHash } from 'node:crypto';
import { canonicalJson } from '@gongzhi/shared';
import { startTestServer, type TestServer } from '../support/server';
import { IdempotencyRecord } from '../../server/src/platform/http/idempotency';
import { Project } from '../../server/src/projects/model';
import { person, seedWorld, type Person, type World } from './projects.helpers';

let s: TestServer;
let w: World;
let street: Person, r3: Person, r4: Person;
let P: string;

beforeAll(async () => {
  s = await startTestServer({ DB_PREFIX: 'idem' });
  w = await seedWorld();
  street = await person('st', { grants: [{ role: 'street_staff', scope: 'S1' }] });
  r3 = await person('r3', { dwellings: [w.X[2]] });
  r4 = await person('r4', { dwellings: [w.X[2]] });
  P = (await s.api('/api/projects', { token: street.token, body: { complexCode: 'X', year: 2025 } })).body.id;
});
afterAll(async () => {
  await s.stop();
});

const pledge = (who: Person, key: string | undefined, amountFen = 1000) =>
  s.api(`/api/projects/${P}/pledges`, {
    token: who.token,
    body: { dwellingId: w.X[2], kind: 'money', amountFen },
    headers: key ? { 'idempotency-key': key } : {},
  });
const pledgeCount = async () => (await s.api(`/api/projects/${P}/pledges`, { token: street.token })).body.pledges.length as number;

describe('Idempotency-Key on POST /api/projects/:id/pledges', () => {
  it('a retry with the same key gets the first status and body, and only one pledge exists', async () => {
    const before = await pledgeCount();
    const first = await pledge(r3, 'retry-key-0001');
    const again = await pledge(r3, 'retry-key-0001');
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await pledgeCount()).toBe(before + 1);
  });

  it('the same key with another body is refused with 422 and writes nothing', async () => {
    await pledge(r3, 'reused-key-0001', 500);
    const before = await pledgeCount();
    const other = await pledge(r3, 'reused-key-0001', 700);
    expect([other.status, other.body.error.code]).toEqual([422, 'IDEMPOTENCY_KEY_REUSED']);
    expect(await pledgeCount()).toBe(before);
  });

  it('keys belong to one user: another household member with the same key makes their own pledge', async () => {
    const a = await pledge(r3, 'shared-key-0001', 300);
    const b = await pledge(r4, 'shared-key-0001', 300);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(b.body.id).not.toBe(a.body.id);
  });

  it('a malformed key is 400 IDEMPOTENCY_KEY_INVALID and nothing is written', async () => {
    const before = await pledgeCount();
    const r = await pledge(r3, 'bad key!');
    expect([r.status, r.body.error.code]).toEqual([400, 'IDEMPOTENCY_KEY_INVALID']);
    expect(await pledgeCount()).toBe(before);
  });

  it('a refused first attempt does not use up the key: the retry after the cause is fixed is applied', async () => {
    await Project.updateOne({ _id: P }, { $set: { status: 'acceptance' } });
    const closed = await pledge(r3, 'fix-then-retry-01', 800);
    expect([closed.status, closed.body.error.code]).toEqual([409, 'PLEDGES_CLOSED']);
    await Project.updateOne({ _id: P }, { $set: { status: 'reserve' } });
    const before = await pledgeCount();
    const retried = await pledge(r3, 'fix-then-retry-01', 800);
    expect(retried.status).toBe(201);
    expect(retried.headers.get('idempotent-replayed')).toBeNull();
    expect(await pledgeCount()).toBe(before + 1);
  });

  it('while the first attempt still runs a retry is told 409; once its holder is gone the retry is applied once', async () => {
    const raw = 'crashed-holder-01';
    const key = createHash('sha256').update(`${r3.id}\u0000POST /api/projects/${P}/pledges\u0000${raw}`).digest('hex');
    const body = { dwellingId: w.X[2], kind: 'money', amountFen: 900 };
    const bodyHash = createHash('sha256')
      .update(canonicalJson({ body, files: [] }))
      .digest('hex');
    const pending = { _id: key, bodyHash, status: 'pending' as const, responseStatus: null, response: null, createdAt: new Date() };
    await IdempotencyRecord.create({ ...pending, lockedUntil: new Date(Date.now() + 60_000) });
    const busy = await pledge(r3, raw, 900);
    expect([busy.status, busy.body.error.code]).toEqual([409, 'IDEMPOTENCY_IN_PROGRESS']);

    await IdempotencyRecord.updateOne({ _id: key }, { $set: { lockedUntil: new Date(Date.now() - 1000) } });
    const before = await pledgeCount();
    const [a, b] = await Promise.all([pledge(r3, raw, 900), pledge(r3, raw, 900)]);
    expect([a.status, b.status]).toContain(201);
    expect([a.status, b.status].every((st) => st === 201 || st === 409)).toBe(true);
    expect(await pledgeCount()).toBe(before + 1);
  });
});
