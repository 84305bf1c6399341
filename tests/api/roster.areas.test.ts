// The area tree for pickers and its maintenance.
import { AreaChildren, AreaDetail, ComplexList, RoomList } from '@gongzhi/shared';
import { startTestServer, type TestServer } from '../support/server';
import { createUser, seedAreaTree, T, type TestUser } from '../support/identity';
import { gridRows, importFile, toXlsx } from '../support/rosterFiles';
import { Area } from '../../server/src/roster/model';
import { commandsWhile } from '../support/commands';

let s: TestServer;
let street: TestUser;
let resident: TestUser;
beforeAll(async () => {
  s = await startTestServer({ DB_PREFIX: 'roster_areas', JOBS: 'false' });
  await seedAreaTree();
  await Area.updateOne({ code: T.complex }, { $set: { nameBo: 'བདེ་སྐྱིད།' } });
  street = await createUser({ grants: [{ role: 'street_staff', scope: T.street }] });
  resident = await createUser();
  await importFile(s, street.token, T.complex, await toXlsx(gridRows({ buildings: 2, entrances: 2, floors: 2 })));
});
afterAll(async () => {
  await s.stop();
});

it('walks the tree from the regions down to the rooms of an entrance', async () => {
  const roots = AreaChildren.parse((await s.api('/api/areas/root/children', { token: resident.token })).body);
  expect(roots.area).toBeNull();
  expect(roots.items.map((a) => a.name)).toEqual(['西藏自治区', '青海省']);
  const complexes = AreaChildren.parse((await s.api(`/api/areas/${T.community}/children`, { token: resident.token })).body);
  expect(complexes.items.map((a) => a.code)).toEqual([T.complex, T.complex2]);
  const buildings = AreaChildren.parse((await s.api(`/api/areas/${T.complex}/children`, { token: resident.token })).body);
  expect(buildings.items.map((a) => [a.name, a.level])).toEqual([
    ['1栋', 'building'],
    ['2栋', 'building'],
  ]);
  const entrances = AreaChildren.parse((await s.api(`/api/areas/${buildings.items[1].code}/children`, { token: resident.token })).body);
  expect(entrances.items.map((a) => a.name)).toEqual(['1单元', '2单元']);
  const rooms = RoomList.parse((await s.api(`/api/areas/${entrances.items[0].code}/rooms`, { token: resident.token })).body);
  expect(rooms.items.map((r) => r.room)).toEqual(['101', '102', '201', '202']);
  const detail = AreaDetail.parse((await s.api(`/api/areas/${entrances.items[0].code}`, { token: resident.token })).body);
  expect(detail.ancestors.map((a) => a.level)).toEqual(['region', 'prefecture', 'county', 'street', 'community', 'complex', 'building']);
  expect((await s.api('/api/areas/NOPE/children', { token: resident.token })).status).toBe(404);
  expect((await s.api(`/api/areas/${T.complex}/rooms`, { token: resident.token })).status).toBe(404); // not an entrance
});

it('lists complexes by name (Chinese or Tibetan) and by area, with dwelling counts', async () => {
  const byName = ComplexList.parse((await s.api(`/api/complexes?q=${encodeURIComponent('幸福')}`, { token: resident.token })).body);
  expect(byName.items.map((c) => [c.code, c.dwellings])).toEqual([[T.complex, 16]]);
  const byBo = ComplexList.parse((await s.api(`/api/complexes?q=${encodeURIComponent('བདེ')}`, { token: resident.token })).body);
  expect(byBo.items.map((c) => c.code)).toEqual([T.complex]);
  const under = ComplexList.parse((await s.api(`/api/complexes?under=${T.street2}`, { token: resident.token })).body);
  expect(under.items.map((c) => c.name)).toEqual(['和平小区']);
  expect((await s.api('/api/complexes?q=%2E%2A', { token: resident.token })).body.items).toEqual([]); // regex characters are literal
});

it('street staff add complexes under their communities; levels follow the hierarchy; codes are unique', async () => {
  const ok = await s.api('/api/areas', {
    token: street.token,
    body: { parentCode: T.community, code: '540102001001009', level: 'complex', name: '新建小区', nameBo: 'ཁྱིམ་ཁུལ་གསར་པ།' },
  });
  expect(ok.status).toBe(201);
  expect(ok.body.path).toEqual([T.region, T.prefecture, T.county, T.street, T.community, '540102001001009']);
  const dup = await s.api('/api/areas', { token: street.token, body: { parentCode: T.community, code: '540102001001009', level: 'complex', name: '重复' } });
  expect(dup.status).toBe(409);
  const level = await s.api('/api/areas', { token: street.token, body: { parentCode: T.community, code: 'X1', level: 'community', name: '错层' } });
  expect(level.status).toBe(400);
  expect(level.body.error.code).toBe('AREA_LEVEL_INVALID');
  // buildings and entrances come only from roster imports: street staff may not, and even an admin gets 400
  expect((await s.api('/api/areas', { token: street.token, body: { parentCode: T.complex, code: 'X2', level: 'building', name: '楼' } })).status).toBe(403);
  const admin = await createUser({ grants: [{ role: 'admin', scope: 'root' }] });
  const byAdmin = await s.api('/api/areas', { token: admin.token, body: { parentCode: T.complex, code: 'X2', level: 'building', name: '楼' } });
  expect(byAdmin.status).toBe(400);
});

it('the claim picker reads one directory document, and shows a complex as soon as it is added or renamed', async () => {
  const search = async (q: string) =>
    ComplexList.parse((await s.api(`/api/complexes?q=${encodeURIComponent(q)}`, { token: resident.token })).body).items.map((c) => [
      c.code,
      c.pathNames.at(-1),
    ]);
  await search('小区'); // builds the directory if a write dropped it
  const { result, commands } = await commandsWhile(() => search('幸福'));
  expect(result).toEqual([[T.complex, expect.any(String)]]);
  // Areas by `_id` only (the directory document): no scan of `areas`, which holds every building and entrance.
  expect(commands.filter((c) => c.collection === 'areas')).toEqual([]);
  expect(commands.filter((c) => c.collection === 'area_directory').map((c) => c.filter)).toEqual([{ _id: 'complexes' }]);

  const added = await s.api('/api/areas', {
    token: street.token,
    body: { parentCode: T.community, code: '540102001001010', level: 'complex', name: '阳光家园' },
  });
  expect(added.status).toBe(201);
  expect(await search('阳光')).toEqual([['540102001001010', expect.any(String)]]);
  // A community renamed: the complexes under it show the new name on their way.
  await Area.updateOne({ code: T.community }, { $set: { name: '新名社区' } });
  expect(await search('阳光')).toEqual([['540102001001010', '新名社区']]);
  // An import's buildings and entrances leave the directory as it is.
  await importFile(s, street.token, '540102001001010', await toXlsx(gridRows({ buildings: 1, entrances: 1, floors: 1 })));
  expect((await commandsWhile(() => search('阳光'))).commands.filter((c) => c.collection === 'areas')).toEqual([]);
});
