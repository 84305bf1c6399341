// Pledges beyond the scenario: races, closed stages, validation, elevator edge cases, the audit trail.
import { startTestServer, type TestServer } from '../support/server';
import { AuditLog } from '../../server/src/identity/audit';
import { Project } from '../../server/src/projects/model';
import { person, seedWorld, type Person, type World } from './projects.helpers';
import type { Json } from '../support/json';

let s: TestServer;
let w: World;
let street: Person, c1: Person, c2: Person, r3: Person;
let P: string;
const api = (path: string, token: string, body?: unknown, method?: string) => s.api(path, { token, body, method });

beforeAll(async () => {
  s = await startTestServer({ DB_PREFIX: 'pledges' });
  w = await seedWorld();
  street = await person('st', { grants: [{ role: 'street_staff', scope: 'S1' }] });
  c1 = await person('c1', { grants: [{ role: 'committee', scope: 'X' }] });
  c2 = await person('c2', { grants: [{ role: 'committee', scope: 'X' }] });
  r3 = await person('r3', { dwellings: [w.X[2]] });
  P = (await api('/api/projects', street.token, { complexCode: 'X', year: 2025 })).body.id;
});
afterAll(async () => {
  await s.stop();
});

const pledge = (body: object) => api(`/api/projects/${P}/pledges`, r3.token, { dwellingId: w.X[2], ...body });

describe('pledges', () => {
  it('two committee members confirming at once: exactly one wins, the history records it once', async () => {
    const id = (await pledge({ kind: 'money', amountFen: 1000 })).body.id;
    const [a, b] = await Promise.all([c1, c2].map((c) => api(`/api/pledges/${id}/confirm`, c.token, {})));
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const list = (await api(`/api/projects/${P}/pledges`, c1.token)).body.pledges;
    expect(list.find((p: Json) => p.id === id).history.filter((h: Json) => h.to === 'confirmed')).toHaveLength(1);
  });

  it('validates amounts, quantities and days', async () => {
    expect((await pledge({ kind: 'money', amountFen: 0 })).status).toBe(400);
    expect((await pledge({ kind: 'money', amountFen: 12.5 })).status).toBe(400);
    expect((await pledge({ kind: 'materials', material: { item: '砂', quantity: 1.234, unit: '吨' } })).status).toBe(400);
    expect((await pledge({ kind: 'labour', labour: { days: 0.3, skill: '瓦工' } })).status).toBe(400);
    expect((await pledge({ kind: 'labour', labour: { days: 1.5, skill: '瓦工' } })).status).toBe(201);
  });

  it('every change lands in the audit log with who and why', async () => {
    const id = (await pledge({ kind: 'money', amountFen: 500 })).body.id;
    await api(`/api/pledges/${id}/cancel`, c1.token, { reason: '重复登记' });
    const logs = await AuditLog.find({ targetType: 'pledge', targetId: id }).sort({ at: 1 }).lean();
    expect(logs.map((l) => [l.action, l.actorId])).toEqual([
      ['pledge.create', r3.id],
      ['pledge.cancel', c1.id],
    ]);
    expect(logs[1].reason).toBe('重复登记');
  });

  it('no new pledges once the works are accepted', async () => {
    await Project.updateOne({ _id: P }, { $set: { status: 'acceptance' } });
    const r = await pledge({ kind: 'money', amountFen: 100 });
    expect([r.status, r.body.error.code]).toEqual([409, 'PLEDGES_CLOSED']);
    await Project.updateOne({ _id: P }, { $set: { status: 'reserve' } });
  });
});

describe('elevator shares', () => {
  it('no plan yet → 404; an entrance of another complex → 404', async () => {
    expect((await api(`/api/projects/${P}/elevators/XU1`, c1.token)).body.error.code).toBe('ELEVATOR_PLAN_NOT_FOUND');
    expect((await api(`/api/projects/${P}/elevators/YU1`, c1.token, { totalFen: 100 }, 'PUT')).body.error.code).toBe('ENTRANCE_NOT_FOUND');
  });

  it('tiny and odd totals still sum exactly; floors above the table are extended', async () => {
    for (const totalFen of [0, 1, 3, 999_999_999]) {
      const r = (await api(`/api/projects/${P}/elevators/XU1`, c1.token, { totalFen }, 'PUT')).body;
      expect(r.sumOfSharesFen).toBe(totalFen);
      expect(r.shares.slice(0, 2).map((x: Json) => x.shareFen)).toEqual([0, 0]);
    }
    // A table up to floor 4 prices floors 5 and 6 at +0.1 per floor.
    const table = [1, 2, 3, 4].map((floor) => ({ floor, coefficient: floor < 3 ? '0' : '1' }));
    const r = (await api(`/api/projects/${P}/elevators/XU1`, c1.token, { totalFen: 100, coefficients: table }, 'PUT')).body;
    expect(r.shares.map((x: Json) => x.coefficient)).toEqual(['0.0', '0.0', '1.0', '1.0', '1.1', '1.2']);
  });

  it('residents get their own share; a household without a plan for its entrance gets none', async () => {
    const mine = (await api(`/api/projects/${P}/elevators/mine`, r3.token)).body.shares;
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ dwellingId: w.X[2], floor: 3 });
    const ry = await person('ry', { dwellings: [w.Y[0]] });
    const q = (await api('/api/projects', street.token, { complexCode: 'Y', year: 2025 })).body.id;
    expect((await api(`/api/projects/${q}/elevators/mine`, ry.token)).body.shares).toEqual([]);
  });
});
