// Import cost must not grow with the rest of the city's roster (issue #8): on FerretDB a keyed filter per row scans
// every dwelling, so 1,000 rows next to another complex's 1,000 dwellings used to time out (503 DB_TIMEOUT).
import { startTestServer, type TestServer } from '../support/server';
import { createUser, seedAreaTree, T, type TestUser } from '../support/identity';
import { gridRows, importFile, toXlsx } from '../support/rosterFiles';
import { Area, Dwelling } from '../../server/src/roster/model';

let s: TestServer;
let street: TestUser;
beforeAll(async () => {
  s = await startTestServer({ DB_PREFIX: 'roster_scale', JOBS: 'false' });
  await seedAreaTree();
  street = await createUser({ name: '街道', grants: [{ role: 'street_staff', scope: T.street }] });
});
afterAll(async () => {
  await s.stop();
});

const snapshot = async (complexCode: string) => JSON.stringify(await Dwelling.find({ complexCode }).sort({ _id: 1 }).lean());

it("imports 1,000 rows into a database already holding another complex's 1,000 dwellings; re-import changes nothing", async () => {
  const other = await importFile(s, street.token, T.complex2, await toXlsx(gridRows({ buildings: 10, entrances: 2, floors: 25, seed: 5000 })));
  expect(other.body).toMatchObject({ status: 'applied', created: 1000 }); // the body says why when not
  expect(await Dwelling.countDocuments({ complexCode: T.complex2 })).toBe(1000);

  const file = await toXlsx(gridRows({ buildings: 10, entrances: 2, floors: 25, seed: 100 }));
  const r = await importFile(s, street.token, T.complex, file);
  expect(r.status).toBe(200); // was a 503 DB_TIMEOUT after 21 s (per-row keyed upserts, each a full scan)
  expect(r.body).toMatchObject({ status: 'applied', rows: 1000, created: 1000, updated: 0, unchanged: 0, buildings: 10, entrances: 20, missing: [] });
  expect(await Dwelling.countDocuments({ complexCode: T.complex })).toBe(1000);
  expect(await Area.countDocuments({ path: T.complex, level: { $in: ['building', 'entrance'] } })).toBe(30);

  const before = await snapshot(T.complex);
  const otherBefore = await snapshot(T.complex2);
  const again = await importFile(s, street.token, T.complex, file);
  expect(again.status).toBe(200);
  expect(again.body).toMatchObject({ rows: 1000, created: 0, updated: 0, unchanged: 1000, missing: [] });
  expect(await snapshot(T.complex)).toBe(before);
  expect(await snapshot(T.complex2)).toBe(otherBefore);
}, 120_000);
