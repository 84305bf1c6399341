// GET /api/evaluation/dashboard in the shared test world: every project of the scope counts (not the newest one),
// with its pledges and ratings; paging keeps the scope's figures. Figures by hand below.
// Community C1 holds X (six flats) and Y (two flats); K2 holds Z and W.
import { Types } from 'mongoose';
import { startTestServer, type TestServer } from '../support/server';
import { Project } from '../../server/src/projects/model';
import { Pledge } from '../../server/src/pledges/model';
import { Rating } from '../../server/src/ratings/model';
import { person, seedWorld, type Person, type World } from './projects.helpers';
import type { Json } from '../support/json';

let s: TestServer;
let w: World;
let street: Person, region: Person, committeeY: Person, countyK2: Person, resident: Person;
let older: string, P: string;
const get = (path: string, token?: string) => s.api(path, { token });
const oid = (id: string) => new Types.ObjectId(id);

async function pledge(
  projectId: string,
  dwelling: string,
  kind: 'money' | 'labour',
  amountFen: number,
  status: 'pledged' | 'confirmed' | 'fulfilled',
  halfDays = 0,
) {
  await Pledge.create({
    projectId: oid(projectId),
    complexCode: 'X',
    areaPath: ['R', 'P1', 'K1', 'S1', 'C1', 'X', 'XB1', 'XU1'],
    dwellingId: oid(dwelling),
    userId: 'u',
    kind,
    amountFen,
    status,
    ...(kind === 'labour' ? { labour: { halfDays, skill: '木工' } } : {}),
  });
}
const rate = (projectId: string, dwelling: string, overall: number) =>
  Rating.create({ projectId: oid(projectId), dwellingId: oid(dwelling), complexCode: 'X', userId: `u${overall}${dwelling}`, overall });

beforeAll(async () => {
  s = await startTestServer({ DB_PREFIX: 'evaluation_dashboard' });
  w = await seedWorld();
  street = await person('st', { grants: [{ role: 'street_staff', scope: 'S1' }] });
  region = await person('rg', { grants: [{ role: 'region_official', scope: 'R' }] });
  committeeY = await person('cy', { grants: [{ role: 'committee', scope: 'Y' }] });
  countyK2 = await person('k2', { grants: [{ role: 'county_official', scope: 'K2' }] });
  resident = await person('res', { dwellings: [w.X[0]] });
  older = (await s.api('/api/projects', { token: street.token, body: { complexCode: 'X', year: 2024 } })).body.id;
  P = (await s.api('/api/projects', { token: street.token, body: { complexCode: 'X', year: 2025 } })).body.id;
  await Project.collection.updateOne({ _id: oid(P) }, { $set: { funding: { input: { residentsFen: 200_000 }, updatedAt: new Date(), updatedBy: 'seed' } } });
  // 2025: received 300.00 + 200.00 (a pledge not yet confirmed is not received); 2024: 999.00 and a labour pledge of 2 days.
  await pledge(P, w.X[0], 'money', 30_000, 'confirmed');
  await pledge(P, w.X[1], 'money', 20_000, 'fulfilled');
  await pledge(P, w.X[2], 'money', 15_000, 'pledged');
  await pledge(older, w.X[0], 'money', 99_900, 'confirmed');
  await pledge(older, w.X[0], 'labour', 0, 'pledged', 4);
  // 2025: 5 + 4 + 4; 2024: the resident's 4 stars.
  await rate(P, w.X[0], 5);
  await rate(P, w.X[1], 4);
  await rate(P, w.X[2], 4);
  await rate(older, w.X[0], 4);
});
afterAll(async () => {
  await s.stop();
});

describe('dashboard of a community', () => {
  it('both projects of X count: 2 projects, pledges 1,499.00 of 2,000.00 and 2 labour days, ratings 17 over 4', async () => {
    const r = await get('/api/evaluation/dashboard?scope=C1', street.token);
    expect([r.status, r.body?.error]).toEqual([200, undefined]);
    expect(r.body).toMatchObject({ code: 'C1', name: 'C1社区', childLevel: 'complex', year: null, nextOffset: null });
    const f = r.body.figures;
    expect([f.projects, f.graded]).toEqual([2, 0]);
    expect(f.pledges).toMatchObject({ receivedFen: 149_900, targetFen: 200_000, labourDays: 2, percent: '74.95' });
    // (5 + 4 + 4 + 4) / 4 = 4.25; no project is graded yet (both in 储备), so no score and no grade.
    expect(f.satisfaction).toMatchObject({ counts: [0, 0, 0, 3, 1], sum: 17, count: 4, mean: 4.25 });
    expect([f.total.mean, f.distribution.map((d: Json) => d.count)]).toEqual([null, [0, 0, 0, 0]]);
    // Only complexes with a project are listed.
    expect(r.body.rows.map((x: Json) => [x.code, x.rank, x.figures.projects])).toEqual([['X', null, 2]]);
  });

  it("a year narrows every figure: 2024 shows the older project, its pledges and the resident's rating", async () => {
    const f = (await get('/api/evaluation/dashboard?scope=C1&year=2024', street.token)).body.figures;
    expect([f.projects, f.pledges.receivedFen, f.pledges.targetFen, f.pledges.labourDays, f.satisfaction.count, f.satisfaction.mean]).toEqual([
      1, 99_900, 0, 2, 1, 4,
    ]);
  });

  it('pages by position; the scope figures stay the same on every page', async () => {
    const a = (await get('/api/evaluation/dashboard?scope=X&limit=1', street.token)).body;
    expect([a.childLevel, a.rows.length, a.nextOffset, a.totalRows]).toEqual(['project', 1, 1, 2]);
    const b = (await get('/api/evaluation/dashboard?scope=X&limit=1&offset=1', street.token)).body;
    expect([b.rows.length, b.nextOffset]).toEqual([1, null]);
    expect(new Set([a.rows[0].code, b.rows[0].code])).toEqual(new Set([P, older]));
    expect(b.figures).toEqual(a.figures);
  });

  it('a region official starts at the region and sees its prefecture', async () => {
    const r = (await get('/api/evaluation/dashboard?scope=R', region.token)).body;
    expect([r.childLevel, r.rows.map((x: Json) => x.code), r.figures.projects]).toEqual(['prefecture', ['P1'], 2]);
  });
});

describe('refusals', () => {
  it("outside the caller's grants the scope does not exist (404); no token is 401", async () => {
    for (const p of [committeeY, countyK2, resident]) {
      const r = await get('/api/evaluation/dashboard?scope=C1', p.token);
      expect([r.status, r.body.error.code]).toEqual([404, 'AREA_NOT_FOUND']);
    }
    expect((await get('/api/evaluation/dashboard?scope=NOPE', region.token)).status).toBe(404);
    expect((await get('/api/evaluation/dashboard?scope=C1')).status).toBe(401);
  });

  it('bad paging or scope is a 400 with the validation code', async () => {
    for (const q of ['scope=C1&limit=0', 'scope=C1&limit=101', 'scope=C1;drop', 'scope=C1&offset=x', '']) {
      const r = await get(`/api/evaluation/dashboard?${q}`, street.token);
      expect([q, r.status, r.body.error.code]).toEqual([q, 400, 'VALIDATION_FAILED']);
      expect(r.body.error.message).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});
