// GET /api/consultations/:id/deliveries: the delivery screen reloads what was recorded (which dwellings, how, when),
// only for this consultation, and only for those who may record deliveries.
import { startTestServer, type TestServer } from '../support/server';
import { openVote, person, seedAreas, seedDwellings, shortLeadTime, type Person } from '../support/consultations';
import type { Json } from '../support/json';

let s: TestServer;
let d: string[];
let committee: Person;
let owner: Person;
let outsider: Person;

beforeAll(async () => {
  s = await startTestServer({ DB_PREFIX: 'cons_deliv_list' });
  const paths = await seedAreas();
  d = await seedDwellings(paths, [
    ...[1, 2, 3, 4].map((i) => ({ entrance: 'QB1U1', room: `${i}01`, area: 9000 })),
    { entrance: 'ZB1U1', room: '101', area: 9000 },
  ]);
  const admin = await person({ grants: [{ role: 'admin', scope: 'root' }] });
  committee = await person({ grants: [{ role: 'committee', scope: 'Q' }] });
  owner = await person({ owns: [d[0]] });
  outsider = await person({ owns: [d[4]] });
  await shortLeadTime(s, admin.token);
}, 60_000);
afterAll(async () => {
  await s.stop();
});

const covenantVote = () =>
  openVote(s, committee.token, {
    kind: 'whether',
    title: '筹集维修资金',
    complexCode: 'Q',
    electorate: { level: 'entrance', entranceCode: 'QB1U1' },
    covenant: { enabled: true, clauseText: '管理规约第十二条' },
  });
const record = (id: string, dwellingIds: string[], method: string) =>
  s.api(`/api/consultations/${id}/deliveries`, { token: committee.token, body: { dwellingIds, method } });
const list = (id: string, token = committee.token) => s.api(`/api/consultations/${id}/deliveries`, { token });

it("lists the recorded dwellings with the first method and time, and only this consultation's", async () => {
  const id = await covenantVote();
  const other = await covenantVote();
  expect((await list(id)).body).toEqual({ count: 0, items: [] });

  expect((await record(id, [d[1], d[2]], 'door')).body).toEqual({ count: 2 });
  // Recording d[2] again keeps the first record (送达 happens once); d[3] is new.
  expect((await record(id, [d[2], d[3]], 'mail')).body).toEqual({ count: 3 });
  expect((await record(other, [d[0]], 'in_person')).status).toBe(200);

  const r = await list(id);
  expect(r.status).toBe(200);
  expect(r.body.count).toBe(3);
  const byDwelling = Object.fromEntries(r.body.items.map((i: Json) => [i.dwellingId, i.method]));
  expect(byDwelling).toEqual({ [d[1]]: 'door', [d[2]]: 'door', [d[3]]: 'mail' });
  for (const i of r.body.items) expect(Date.parse(i.at)).toBeGreaterThan(Date.now() - 60_000);
  expect((await list(other)).body.items.map((i: Json) => i.dwellingId)).toEqual([d[0]]);
}, 30_000);

it('refuses residents (403), other complexes (404), unknown and malformed ids, and anonymous callers', async () => {
  const id = await covenantVote();
  const own = await list(id, owner.token);
  expect(own.status).toBe(403);
  expect(own.body.error.code).toBe('FORBIDDEN');
  expect((await list(id, outsider.token)).status).toBe(404);
  const unknown = await list('0123456789abcdef01234567');
  expect(unknown.status).toBe(404);
  expect(unknown.body.error.message).toMatch(/[\u4e00-\u9fa5]/);
  const bad = await list('nope');
  expect(bad.status).toBe(400);
  expect(bad.body.error.code).toBe('VALIDATION_FAILED');
  expect((await s.api(`/api/consultations/${id}/deliveries`)).status).toBe(401);
}, 30_000);
