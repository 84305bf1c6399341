// The demo seed: area chain with Tibetan names, a roster imported through the import command, one user per role.
import { createHash } from 'node:crypto';
import mongoose from 'mongoose';
import { startTestServer, type TestServer } from '../support/server';
import { seedDemo, DEMO_COMPLEX, DEMO_USERS } from '../../server/src/demo/seed';
import { CO_OWNERS, TASHI } from '../../server/src/demo/rosterData';
import { Area, Dwelling } from '../../server/src/roster/model';
import { RosterImport } from '../../server/src/roster/import/model';
import { dwellingsInScope, votingDwellings, memberDwellings } from '../../server/src/roster/queries';
import { User } from '../../server/src/identity/model';
import type { Json } from '../support/json';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer({ DB_PREFIX: 'identity_seed', JOBS: 'false', DEV_LOGIN: 'true' });
});
afterAll(async () => {
  await s.stop();
});

async function digest() {
  const db = mongoose.connection.db!;
  const out: Record<string, string> = {};
  for (const c of (await db.listCollections().toArray()).map((x) => x.name).sort()) {
    if (c === 'rate_counters') continue;
    const docs = await db.collection(c).find({}).sort({ _id: 1 }).toArray();
    out[c] = createHash('sha256').update(JSON.stringify(docs)).digest('hex');
  }
  return out;
}

it('seeds the demo world, and a second run changes nothing', async () => {
  await seedDemo();
  const first = await digest();
  await seedDemo();
  expect(await digest()).toEqual(first);

  const complex = await Area.findOne({ code: DEMO_COMPLEX }).lean();
  expect(complex).toEqual(expect.objectContaining({ name: '幸福小区', nameBo: 'བདེ་སྐྱིད་ཁྱིམ་ཁུལ།', level: 'complex' }));
  const chain = await Area.find({ code: { $in: complex!.path } }).lean();
  expect(chain.map((a) => a.name).sort()).toEqual(['八廓街道', '冲赛康社区', '城关区', '幸福小区', '拉萨市', '西藏自治区'].sort());
  expect(await RosterImport.countDocuments({ complexCode: DEMO_COMPLEX, status: 'applied' })).toBe(1);

  const dwellings = await dwellingsInScope({ complexCode: DEMO_COMPLEX });
  expect(dwellings).toHaveLength(48);
  expect(new Set(dwellings.map((d) => d.buildingCode)).size).toBe(3);
  expect(dwellings.some((d) => d.areaHundredths % 10 !== 0)).toBe(true); // genuine 2-decimal areas
  const tashi = dwellings.filter((d) => d.owners.some((o) => o.name === TASHI.name));
  expect(tashi).toHaveLength(2);
  expect(tashi[0].headcountKey).toBe(tashi[1].headcountKey);
  const co = dwellings.find((d) => d.owners.length === 2)!;
  expect(co.owners.map((o) => o.name)).toEqual(CO_OWNERS.map((o) => o.name));
  const dev = dwellings.filter((d) => d.developerHeld);
  expect(dev.length).toBeGreaterThanOrEqual(2);
  expect(new Set(dev.map((d) => d.headcountKey))).toEqual(new Set([`developer:${DEMO_COMPLEX}`]));
  expect(JSON.stringify(await Dwelling.find({}).lean())).not.toContain(TASHI.phone);

  // every role has a demo user with a Chinese name in dev login; residents have active bindings
  const list = (await s.api('/api/auth/dev-users')).body.users;
  expect(list).toHaveLength(DEMO_USERS.length);
  const roles = (await User.find({ demoKey: { $exists: true } }).lean()).flatMap((u) => (u.grants ?? []).map((g) => g.role));
  expect(new Set(roles)).toEqual(
    new Set(['committee', 'community_worker', 'street_staff', 'county_official', 'prefecture_official', 'region_official', 'admin']),
  );
  expect(list.every((u: Json) => /[\u4e00-\u9fff]/.test(u.displayName))).toBe(true);
  const byName = (n: string) => list.find((u: Json) => u.displayName === n).id as string;
  expect(await votingDwellings(byName('扎西次仁'))).toHaveLength(2);
  expect(await votingDwellings(byName('边巴'))).toEqual([]);
  expect(await memberDwellings(byName('边巴'))).toEqual([expect.objectContaining({ relation: 'tenant' })]);

  // dev login works for them, and the street staff may manage this roster
  const login = await s.api('/api/auth/dev-login', { body: { userId: byName('李明') } });
  expect(login.status).toBe(200);
  const view = await s.api(`/api/roster/${DEMO_COMPLEX}/dwellings`, { token: login.body.accessToken });
  expect(view.status).toBe(200);
  expect(view.body.totals.dwellings).toBe(48);
});
