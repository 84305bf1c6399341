// GET /api/dwellings/:id/household: an owner picks a proxy among the family members and tenants bound to the
// dwelling (names masked), with the entrustments already registered marked; nobody else learns who lives there.
import { startTestServer, type TestServer } from '../support/server';
import { bind, createUser, seedAreaTree, T, type TestUser } from '../support/identity';
import { gridRows, importFile, PNG_1PX, postFile, toXlsx } from '../support/rosterFiles';
import { Dwelling } from '../../server/src/roster/model';

let s: TestServer;
let owner: TestUser;
let committee: TestUser;
let dwellings: string[] = [];

beforeAll(async () => {
  s = await startTestServer({ DB_PREFIX: 'household', JOBS: 'false' });
  await seedAreaTree();
  const admin = await createUser({ name: '管理员', grants: [{ role: 'admin', scope: 'root' }] });
  expect((await importFile(s, admin.token, T.complex, await toXlsx(gridRows({ buildings: 1, floors: 2, seed: 4200 })))).status).toBe(200);
  dwellings = (await Dwelling.find({ complexCode: T.complex }).sort({ room: 1 }).lean()).map((d) => String(d._id));
  owner = await createUser({ name: '次仁' });
  committee = await createUser({ name: '业委会', grants: [{ role: 'committee', scope: T.complex }] });
  await bind(owner.id, dwellings[0], 'owner');
});
afterAll(async () => s.stop());

const household = (id: string, token?: string) => s.api(`/api/dwellings/${id}/household`, { token });

it('lists active family members and tenants with masked names, and marks registered entrustments', async () => {
  expect((await household(dwellings[0], owner.token)).body).toEqual({ dwellingId: dwellings[0], members: [] });
  const wife = await createUser({ name: '卓玛央金' });
  const tenant = await createUser({ name: '王五' });
  const applicant = await createUser({ name: '李四' });
  const coOwner = await createUser({ name: '达瓦' });
  const neighbour = await createUser({ name: '赵六' });
  await bind(wife.id, dwellings[0], 'family');
  await bind(tenant.id, dwellings[0], 'tenant');
  await bind(applicant.id, dwellings[0], 'family', 'pending'); // not yet approved: not listed
  await bind(coOwner.id, dwellings[0], 'owner'); // votes in their own right: not a proxy candidate
  await bind(neighbour.id, dwellings[1], 'family'); // another dwelling
  const reg = await postFile(s, '/api/proxies', {
    token: owner.token,
    fields: { dwellingId: dwellings[0], proxyUserId: wife.id },
    file: { bytes: PNG_1PX, name: '委托书.png' },
  });
  expect(reg.status).toBe(201);

  const r = await household(dwellings[0], owner.token);
  expect(r.status).toBe(200);
  expect(r.body.members).toEqual([
    { userId: wife.id, displayName: '卓***', relation: 'family', proxyStatus: 'pending' },
    { userId: tenant.id, displayName: '王*', relation: 'tenant', proxyStatus: null },
  ]);
  expect(JSON.stringify(r.body)).not.toMatch(/央金|王五|李四/);
});

it('answers 404 to anyone but the owner (staff included), 400 to a malformed id, 401 without login', async () => {
  const family = await createUser({ name: '家人' });
  await bind(family.id, dwellings[0], 'family');
  for (const token of [family.token, committee.token, (await createUser()).token]) {
    const r = await household(dwellings[0], token);
    expect(r.status).toBe(404);
    expect(r.body.error).toMatchObject({ code: 'DWELLING_NOT_FOUND', message: '房屋不存在' });
  }
  expect((await household('0123456789abcdef01234567', owner.token)).status).toBe(404);
  const bad = await household('123', owner.token);
  expect(bad.status).toBe(400);
  expect(bad.body.error.code).toBe('VALIDATION_FAILED');
  expect((await household(dwellings[0])).status).toBe(401);
});
