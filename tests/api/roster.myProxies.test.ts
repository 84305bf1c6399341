// GET /api/me/proxies: an owner sees the entrustments of their dwellings with status and reason, the proxy sees the
// dwellings they may vote for, and nobody sees anyone else's.
import { startTestServer, type TestServer } from '../support/server';
import { bind, createUser, seedAreaTree, T, type TestUser } from '../support/identity';
import { gridRows, importFile, PNG_1PX, postFile, toXlsx } from '../support/rosterFiles';
import { Dwelling } from '../../server/src/roster/model';
import type { Json } from '../support/json';

let s: TestServer;
let owner: TestUser;
let proxy: TestUser;
let stranger: TestUser;
let committee: TestUser;
let dwellings: string[] = [];

beforeAll(async () => {
  s = await startTestServer({ DB_PREFIX: 'my_proxies', JOBS: 'false' });
  await seedAreaTree();
  const admin = await createUser({ name: '管理员', grants: [{ role: 'admin', scope: 'root' }] });
  expect((await importFile(s, admin.token, T.complex, await toXlsx(gridRows({ buildings: 1, floors: 2, seed: 4100 })))).status).toBe(200);
  dwellings = (await Dwelling.find({ complexCode: T.complex }).sort({ room: 1 }).lean()).map((d) => String(d._id));
  owner = await createUser({ name: '次仁' });
  proxy = await createUser({ name: '央金' });
  stranger = await createUser({ name: '路人' });
  committee = await createUser({ name: '业委会', grants: [{ role: 'committee', scope: T.complex }] });
  await bind(owner.id, dwellings[0], 'owner');
  await bind(owner.id, dwellings[1], 'owner');
});
afterAll(async () => s.stop());

const mine = async (u: TestUser) => {
  const r = await s.api('/api/me/proxies', { token: u.token });
  expect(r.status).toBe(200);
  return r.body as { given: Json[]; received: Json[] };
};
const register = (dwellingId: string, proxyUserId: string) =>
  postFile(s, '/api/proxies', { token: owner.token, fields: { dwellingId, proxyUserId, note: '外出务工期间' }, file: { bytes: PNG_1PX, name: '委托书.png' } });

it('needs login and starts empty', async () => {
  expect((await s.api('/api/me/proxies')).status).toBe(401);
  expect(await mine(owner)).toEqual({ given: [], received: [] });
});

it("shows both directions with status and the committee's reason, newest first, and nothing to others", async () => {
  const a = await register(dwellings[0], proxy.id);
  expect(a.status).toBe(201);
  const b = await register(dwellings[1], proxy.id);
  expect(b.status).toBe(201);
  const rejected = await s.api(`/api/proxies/${b.body.id}/decision`, { token: committee.token, body: { approve: false, reason: '委托书没有签名' } });
  expect(rejected.status).toBe(200);
  expect((await s.api(`/api/proxies/${a.body.id}/decision`, { token: committee.token, body: { approve: true } })).status).toBe(200);

  const o = await mine(owner);
  expect(o.received).toEqual([]);
  expect(o.given.map((p) => [p.id, p.status, p.reason, p.proxyName])).toEqual([
    [b.body.id, 'rejected', '委托书没有签名', '央金'],
    [a.body.id, 'approved', null, '央金'],
  ]);
  expect(o.given[1].dwelling).toMatchObject({ dwellingId: dwellings[0], complexName: '幸福小区' });
  expect(o.given[1].note).toBe('外出务工期间');

  const p = await mine(proxy);
  expect(p.given).toEqual([]);
  expect(p.received.map((x) => [x.id, x.status])).toEqual([
    [b.body.id, 'rejected'],
    [a.body.id, 'approved'],
  ]);

  expect(await mine(stranger)).toEqual({ given: [], received: [] });
  // The committee member registered nothing and owns nothing here: reviewing does not make them a party.
  expect(await mine(committee)).toEqual({ given: [], received: [] });
});

it('keeps a revoked entrustment visible, with its reason, to the owner and to the former proxy', async () => {
  const c = await register(dwellings[0], stranger.id);
  expect(c.status).toBe(201);
  const revoked = await s.api(`/api/proxies/${c.body.id}/revoke`, { token: owner.token, body: { reason: '改为本人投票' } });
  expect(revoked.status).toBe(200);
  const o = await mine(owner);
  expect(o.given[0]).toMatchObject({ id: c.body.id, status: 'revoked', reason: '改为本人投票' });
  expect((await mine(stranger)).received[0]).toMatchObject({ id: c.body.id, status: 'revoked' });
});
