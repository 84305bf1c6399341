// GET /api/evaluation/dashboard: one row per complex of the scope, figures computed by hand below.
// Community C1 holds X (six flats) and Y (two flats).
import { Types } from 'mongoose';
import { startTestServer, type TestServer } from '../support/server';
import { Project } from '../../server/src/projects/model';
import { Consultation } from '../../server/src/consultations/model';
import { TallyDelta } from '../../server/src/consultations/tallyModels';
import { Pledge } from '../../server/src/pledges/model';
import { Rating } from '../../server/src/ratings/model';
import { closedConsultation, person, seedWorld, type Person, type World } from './projects.helpers';

let s: TestServer;
let w: World;
let street: Person, region: Person, committeeY: Person, countyK2: Person, resident: Person;
let older: string, P: string;
const DAY = 86_400_000;
const get = (path: string, token?: string) => s.api(path, { token });
const oid = (id: string) => new Types.ObjectId(id);

async function pledge(projectId: string, dwelling: string, kind: 'money' | 'materials', amountFen: number, status: 'pledged' | 'confirmed' | 'fulfilled') {
  await Pledge.create({
    projectId: oid(projectId), complexCode: 'X', areaPath: ['R', 'P1', 'K1', 'S1', 'C1', 'X', 'XB1', 'XU1'], dwellingId: oid(dwelling), userId: 'u',
    kind, amountFen, status, ...(kind === 'materials' ? { material: { item: '水泥', quantityHundredths: 500, unit: '袋' } } : {}),
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
  // Residents' share 2,000.00 yuan; received = confirmed 300.00 + fulfilled 200.00 (pledged and material ones are not money received).
  await Project.collection.updateOne({ _id: oid(P) }, { $set: { funding: { input: { residentsFen: 200_000 }, updatedAt: new Date(), updatedBy: 'seed' } } });
  await pledge(P, w.X[0], 'money', 30_000, 'confirmed');
  await pledge(P, w.X[1], 'money', 20_000, 'fulfilled');
  await pledge(P, w.X[2], 'money', 15_000, 'pledged');
  await pledge(P, w.X[3], 'materials', 0, 'confirmed');
  await pledge(older, w.X[0], 'money', 99_900, 'confirmed');
  // Ratings of the 2025 project: 5 + 4 + 4 = 13 over 3 → 4.33; the 2024 project has one 2.
  await rate(P, w.X[0], 5); await rate(P, w.X[1], 4); await rate(P, w.X[2], 4);
  await rate(older, w.X[0], 2);
  // X: an older vote (1 of 6), the latest closed one (3 of 6 heads), and a newer draft that has not opened.
  await closedConsultation({ kind: 'whether', complexCode: 'X', dwellings: w.X, choices: ['approve', null, null, null, null, null], closedAt: new Date(Date.now() - 10 * DAY) });
  await closedConsultation({ kind: 'how', complexCode: 'X', dwellings: w.X, choices: ['approve', 'approve', 'reject', null, null, null], projectId: P });
  await Consultation.create({
    kind: 'whether', title: '草稿', complexCode: 'X', areaPath: ['R', 'P1', 'K1', 'S1', 'C1', 'X'], scope: { level: 'complex', buildingCodes: [], entranceCode: null },
    questions: [], leadTimeHours: 0, opensAt: new Date(Date.now() + DAY), closesAt: new Date(Date.now() + 2 * DAY), status: 'draft', createdBy: 'seed',
  });
  // Y: a vote still open, two of its two heads counted by the live counters.
  const open = await Consultation.create({
    kind: 'whether', title: 'Y 投票中', complexCode: 'Y', areaPath: ['R', 'P1', 'K1', 'S1', 'C1', 'Y'], scope: { level: 'complex', buildingCodes: [], entranceCode: null },
    questions: [{ id: 'q1', title: '是否同意', format: 'yes_no', rule: 'civil_major', options: [] }], leadTimeHours: 0,
    opensAt: new Date(Date.now() - DAY), closesAt: new Date(Date.now() + DAY), status: 'open', createdBy: 'seed',
    electorate: { frozenAt: new Date(), dwellings: 2, totalAreaHundredths: 16_000, totalHeadcount: 2, digest: 'x' },
  });
  for (const seq of [1, 2]) await TallyDelta.create({ consultationId: String(open._id), seq, questionId: 'q1', key: 'participation', dwellings: 1, areaHundredths: 8000, headcount: 1 });
});
afterAll(async () => { await s.stop(); });

const TOTALS = {
  complexes: 2, projects: 1,
  participation: { num: 3 + 2, den: 6 + 2 },
  pledges: { receivedFen: 50_000, targetFen: 200_000 },
  satisfaction: { sum: 13, count: 3, mean: 4.33 },
};

describe('dashboard of a community', () => {
  it('one row per complex with participation, pledges, satisfaction and the evaluation of the newest project', async () => {
    const r = await get('/api/evaluation/dashboard?scope=C1', street.token);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ scope: 'C1', scopeName: 'C1社区', year: null, totals: TOTALS, nextCursor: null });
    const [x, y] = r.body.rows;
    expect(x).toMatchObject({
      complexCode: 'X', complexName: 'X小区', projectId: P, projectStatus: 'reserve', projectStatusLabel: '储备',
      participation: { num: 3, den: 6, title: 'X how', status: 'closed' },
      pledges: { receivedFen: 50_000, targetFen: 200_000 },
      satisfaction: { sum: 13, count: 3, mean: 4.33 },
    });
    // The same evaluation the single-project endpoint computes (same rules, same settings).
    const single = (await get(`/api/evaluation/projects/${P}`, street.token)).body;
    expect(x.evaluation).toEqual({
      total: single.total, totalHundredths: single.totalHundredths, grade: single.grade, gradeLabel: single.gradeLabel, year: 2025,
      dimensions: single.dimensions.map((d: any) => ({ dimension: d.dimension, label: d.label, score: d.score })),
    });
    // Satisfaction by hand: a mean of 1–5 maps to 100 × (sum − count) / (4 × count) = 100 × 10 / 12 = 83.33.
    expect(x.evaluation.dimensions.find((d: any) => d.dimension === 'satisfaction').score).toBe(83.33);
    expect(y).toMatchObject({
      complexCode: 'Y', projectId: null, pledges: null, satisfaction: null, evaluation: null,
      participation: { num: 2, den: 2, title: 'Y 投票中', status: 'open' },
    });
  });

  it('pages by complex code; the totals always cover the whole scope', async () => {
    const a = (await get('/api/evaluation/dashboard?scope=C1&limit=1', street.token)).body;
    expect(a.rows.map((r: any) => r.complexCode)).toEqual(['X']);
    expect(a.nextCursor).toBe('X');
    const b = (await get('/api/evaluation/dashboard?scope=C1&limit=1&cursor=X', street.token)).body;
    expect(b.rows.map((r: any) => r.complexCode)).toEqual(['Y']);
    expect(b.nextCursor).toBeNull();
    expect(b.totals).toEqual(a.totals);
    expect(b.totals).toMatchObject(TOTALS);
  });

  it('a year narrows the projects: 2024 shows the older project, its one pledge and its one rating', async () => {
    const x = (await get('/api/evaluation/dashboard?scope=C1&year=2024', street.token)).body.rows[0];
    expect(x).toMatchObject({ projectId: older, pledges: { receivedFen: 99_900, targetFen: 0 }, satisfaction: { sum: 2, count: 1, mean: 2 } });
  });

  it('a region official sees the region: four complexes, K2 ones without data', async () => {
    const r = (await get('/api/evaluation/dashboard?scope=R', region.token)).body;
    expect(r.rows.map((x: any) => x.complexCode)).toEqual(['W', 'X', 'Y', 'Z']);
    expect(r.totals).toMatchObject({ ...TOTALS, complexes: 4 });
  });
});

describe('refusals', () => {
  it('outside the caller\'s grants the scope does not exist (404); no token is 401', async () => {
    for (const p of [committeeY, countyK2, resident]) {
      const r = await get('/api/evaluation/dashboard?scope=C1', p.token);
      expect([r.status, r.body.error.code]).toEqual([404, 'AREA_NOT_FOUND']);
    }
    expect((await get('/api/evaluation/dashboard?scope=NOPE', region.token)).status).toBe(404);
    expect((await get('/api/evaluation/dashboard?scope=C1')).status).toBe(401);
  });

  it('bad paging or scope is a 400 with the validation code', async () => {
    for (const q of ['scope=C1&limit=0', 'scope=C1&limit=101', 'scope=C1;drop', 'scope=C1&cursor=%24gt', '']) {
      const r = await get(`/api/evaluation/dashboard?${q}`, street.token);
      expect([q, r.status, r.body.error.code]).toEqual([q, 400, 'VALIDATION_FAILED']);
      expect(r.body.error.message).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});
