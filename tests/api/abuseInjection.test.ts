import { startTestServer, type TestServer } from '../support/server';
import { seedWorld, dbDigest, type World } from '../abuse/fixtures';
import { operations, example, fieldPaths, setAt, fillPath, type Operation } from '../abuse/openapi';

/**
 * NoSQL operator injection in every JSON field of every POST/PUT/PATCH operation of the OpenAPI document, sent
 * authenticated (administrator and resident), and in query strings of every GET: each answers 4xx and the
 * database is byte-for-byte what it was before.
 */
const SECRET = 'abuse-injection-secret-0123456789';
let s: TestServer;
let world: World;
let ops: Operation[];

beforeAll(async () => {
  s = await startTestServer({ DB_PREFIX: 'abuse_inj', JOBS: 'false', JWT_SECRET: SECRET, DEV_LOGIN: 'true' });
  world = await seedWorld(SECRET);
  ops = operations((await s.api('/api/openapi.json')).body);
}, 60_000);
afterAll(async () => {
  await s?.stop();
});

const OPERATORS: unknown[] = [
  { $gt: '' },
  { $ne: null },
  { $where: 'sleep(100) || true' },
  { $regex: '.*' },
  { $in: ['a'] },
  { $exists: true },
  { nested: { $gt: '' } },
  { 'a.b': 1 },
  [{ $ne: 1 }],
];

interface Failure {
  op: string;
  field: string;
  status: number;
  code?: string;
}

describe('NoSQL operator injection', () => {
  it('the OpenAPI document lists write operations to attack', () => {
    expect(ops.filter((o) => o.body).length).toBeGreaterThan(0);
  });

  it('every JSON field of every POST/PUT/PATCH, as administrator and resident → 4xx, nothing written', async () => {
    const before = await dbDigest();
    const failures: Failure[] = [];
    let sent = 0;
    const writes = ops.filter((o) => o.body && ['post', 'put', 'patch'].includes(o.method));
    for (const op of writes) {
      const base = example(op.body);
      const paths = [[] as (string | number)[], ...fieldPaths(base)];
      let k = 0;
      for (const path of paths) {
        for (const token of [world.tokens.admin, world.tokens.resident]) {
          const hostile = OPERATORS[k++ % OPERATORS.length];
          const body = path.length === 0 ? { ...(typeof base === 'object' && base ? base : {}), $where: '1 == 1' } : setAt(base, path, hostile);
          const r = await s.api(fillPath(op), { method: op.method.toUpperCase(), body, token });
          sent++;
          if (r.status < 400 || r.status >= 500 || r.body?.error?.code === 'ROUTE_NOT_FOUND') {
            failures.push({ op: `${op.method} ${op.path}`, field: path.join('.') || '(root)', status: r.status, code: r.body?.error?.code });
          }
        }
      }
    }
    expect(failures).toEqual([]);
    expect(sent).toBeGreaterThan(writes.length);
    expect(await dbDigest()).toEqual(before);
  }, 120_000);

  it('operators in query strings of every GET → 4xx, nothing written', async () => {
    const before = await dbDigest();
    const failures: Failure[] = [];
    for (const op of ops.filter((o) => o.method === 'get')) {
      const names = op.params.filter((p) => p.in === 'query').map((p) => p.name);
      const probes = [...names.map((n) => `${n}[$ne]=x`), '$where=1', 'filter[$gt]=', ...names.map((n) => `${n}[]=a&${n}[]=b`)];
      for (const q of probes) {
        const r = await s.api(`${fillPath(op)}?${q}`, { token: world.tokens.admin });
        if (r.status >= 500 || (r.status < 400 && q.includes('$')))
          failures.push({ op: `get ${op.path}?${q}`, field: q, status: r.status, code: r.body?.error?.code });
      }
    }
    expect(failures).toEqual([]);
    expect(await dbDigest()).toEqual(before);
  }, 120_000);

  it('operator-shaped path segments are refused, not run as queries', async () => {
    const withId = ops.filter((o) => o.params.some((p) => p.in === 'path'));
    const failures: Failure[] = [];
    for (const op of withId) {
      for (const v of ['{"$gt":""}', '$where', '[object Object]', '..%2F..%2Fadmin']) {
        const overrides = Object.fromEntries(op.params.filter((p) => p.in === 'path').map((p) => [p.name, v]));
        const r = await s.api(fillPath(op, overrides), {
          method: op.method.toUpperCase(),
          body: op.body ? example(op.body) : undefined,
          token: world.tokens.admin,
        });
        if (r.status < 400 || r.status >= 500) failures.push({ op: `${op.method} ${op.path}`, field: v, status: r.status, code: r.body?.error?.code });
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);
});
