// The committee's dwelling list comes from one per-complex roster document kept by the import (issue 18): it does
// not read the dwellings collection, shows what the last import wrote (masked as before), and is rebuilt when lost.
import mongoose from 'mongoose';
import { startTestServer, type TestServer } from '../support/server';
import { bind, createUser, seedAreaTree, T, type TestUser } from '../support/identity';
import { gridRows, importFile, row, toXlsx, fakePhone } from '../support/rosterFiles';
import type { Json } from '../support/json';

let s: TestServer;
let street: TestUser;
beforeAll(async () => {
  s = await startTestServer({ DB_PREFIX: 'roster_view', JOBS: 'false' });
  await seedAreaTree();
  street = await createUser({ name: '街道王', grants: [{ role: 'street_staff', scope: T.street }] });
});
afterAll(async () => {
  await s.stop();
});

const list = () => s.api(`/api/roster/${T.complex}/dwellings`, { token: street.token });
const roomsOf = (body: Json) => (body.items as Json[]).map((d) => `${d.buildingName}${d.entranceName}${d.room}`);

/** Collections the server queried while `f` ran (mongoose's debug hook sees every call, raw `.collection` ones too). */
async function collectionsTouched(f: () => Promise<unknown>): Promise<string[]> {
  const seen: string[] = [];
  mongoose.set('debug', (collection: string) => {
    seen.push(collection);
  });
  try {
    await f();
  } finally {
    mongoose.set('debug', false);
  }
  return seen;
}

it('lists what the import wrote, masked and in order, without reading the dwellings collection', async () => {
  const rows = gridRows({ buildings: 2, floors: 2, seed: 500 });
  expect((await importFile(s, street.token, T.complex, await toXlsx(rows))).status).toBe(200);
  let r!: Awaited<ReturnType<typeof list>>;
  const touched = await collectionsTouched(async () => {
    r = await list();
  });
  expect(r.status).toBe(200);
  expect(touched).toContain('roster_views'); // the hook sees the server's queries
  expect(touched).not.toContain('dwellings');
  expect(r.body.totals).toMatchObject({ dwellings: 8 });
  expect(roomsOf(r.body)).toEqual(['1栋1单元101', '1栋1单元102', '1栋1单元201', '1栋1单元202', '2栋1单元101', '2栋1单元102', '2栋1单元201', '2栋1单元202']);
  const text = JSON.stringify(r.body);
  expect(text).not.toContain('业主500'); // full names only through the audited reveal
  expect(text).not.toContain(fakePhone(500));
  // Nor is anything clear stored in the roster document itself.
  const stored = JSON.stringify(await mongoose.connection.db!.collection('roster_views').findOne({ _id: T.complex as never }));
  expect(stored).not.toContain('业主500');
  expect(stored).not.toContain(fakePhone(500));
});

it('shows a re-import at once (new room, changed area) and counts active bindings as they change', async () => {
  const rows = [
    ...gridRows({ buildings: 2, floors: 2, seed: 500 }),
    row({ 楼栋: '3', 单元: '1', 房号: '101', 楼层: 1, '专有面积(㎡)': 123.45, 业主姓名: '新业主', 业主手机号: fakePhone(900) }),
  ];
  rows[0] = row({ 楼栋: '1', 单元: '1', 房号: '101', 楼层: 1, '专有面积(㎡)': 66.6, 业主姓名: '业主500', 业主手机号: fakePhone(500) });
  expect((await importFile(s, street.token, T.complex, await toXlsx(rows))).status).toBe(200);
  const before = await list();
  expect(before.body.totals).toMatchObject({ dwellings: 9 });
  const items = before.body.items as Json[];
  expect(items.find((d) => d.buildingName === '1栋' && d.room === '101')).toMatchObject({ area: '66.60', activeBindings: 0 });
  expect(items.find((d) => d.buildingName === '3栋')).toMatchObject({ area: '123.45' });

  const owner = await createUser({ name: '住户' });
  await bind(owner.id, String(items[0].dwellingId));
  const after = await list();
  expect((after.body.items as Json[])[0]).toMatchObject({ dwellingId: items[0].dwellingId, activeBindings: 1 });
});

it('rebuilds a lost roster document from the collection on the next read (repair path)', async () => {
  const want = (await list()).body;
  await mongoose.connection.db!.collection('roster_views').deleteOne({ _id: T.complex as never });
  const again = await list();
  expect(again.status).toBe(200);
  expect(again.body).toEqual(want);
  expect(await mongoose.connection.db!.collection('roster_views').countDocuments({ _id: T.complex as never })).toBe(1);
});

it('keeps least disclosure: a resident cannot read the list', async () => {
  const resident = await createUser({ name: '居民' });
  expect((await s.api(`/api/roster/${T.complex}/dwellings`, { token: resident.token })).status).toBe(403);
});
