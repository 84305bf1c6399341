// Evaluation beyond the scenario: settings validation, an empty area, the stage-based publicity fallback,
// consultations without a result, region-wide exports.
import { startTestServer, type TestServer } from '../support/server';
import { Project } from '../../server/src/projects/model';
import { Consultation } from '../../server/src/consultations/model';
import { refreshListings } from '../../server/src/consultations/listing';
import { closedConsultation, fetchBinary, person, readXlsx, seedWorld, type Person, type World } from './projects.helpers';
import type { Json } from '../support/json';

let s: TestServer;
let w: World;
let street: Person, region: Person, admin: Person;
let P: string;
const api = (path: string, token: string, body?: unknown, method?: string) => s.api(path, { token, body, method });
const DAY = 86_400_000;

beforeAll(async () => {
  s = await startTestServer({ DB_PREFIX: 'evaluation' });
  w = await seedWorld();
  street = await person('st', { grants: [{ role: 'street_staff', scope: 'S1' }] });
  region = await person('rg', { grants: [{ role: 'region_official', scope: 'R' }] });
  admin = await person('ad', { grants: [{ role: 'admin', scope: 'root' }] });
  P = (await api('/api/projects', street.token, { complexCode: 'X', year: 2025 })).body.id;
});
afterAll(async () => {
  await s.stop();
});

describe('settings', () => {
  it('defaults: equal weights, 优秀 > 95, 良好 85–95, 合格 75–85, 差 < 75', async () => {
    expect((await api('/api/evaluation/settings', region.token)).body).toMatchObject({
      weights: { consultation: 1, planning: 1, results: 1, satisfaction: 1 },
      bands: { excellentAbove: 95, goodFrom: 85, qualifiedFrom: 75 },
      planPublicityDays: 7,
      ratingWindowDays: 30,
      updatedAt: null,
    });
  });
  it('refuses bands out of order and all-zero weights', async () => {
    const base = {
      weights: { consultation: 1, planning: 1, results: 1, satisfaction: 1 },
      bands: { excellentAbove: 95, goodFrom: 85, qualifiedFrom: 75 },
      planPublicityDays: 7,
      ratingWindowDays: 30,
    };
    expect(
      (await api('/api/evaluation/settings', admin.token, { ...base, bands: { excellentAbove: 80, goodFrom: 85, qualifiedFrom: 75 } }, 'PUT')).status,
    ).toBe(422);
    expect(
      (await api('/api/evaluation/settings', admin.token, { ...base, weights: { consultation: 0, planning: 0, results: 0, satisfaction: 0 } }, 'PUT')).body
        .error.code,
    ).toBe('WEIGHTS_ALL_ZERO');
    expect((await api('/api/evaluation/settings', admin.token, { ...base, bands: { ...base.bands, goodFrom: 85.123 } }, 'PUT')).status).toBe(400);
  });
});

describe('inputs', () => {
  it('an area without evaluated projects rolls up to nothing, not to zero', async () => {
    const r = (await api('/api/evaluation/rollup?scope=R&level=prefecture', region.token)).body;
    expect(r).toMatchObject({ count: 0, mean: null, byArea: [] });
  });

  it('without a plan notice the time in 方案公示 counts; consultations still open are left out', async () => {
    await closedConsultation({ kind: 'whether', complexCode: 'X', dwellings: w.X, choices: ['approve', 'approve', null, null, null, null], projectId: P });
    const seeded = await Consultation.create({
      kind: 'whether',
      title: '未结束',
      complexCode: 'X',
      areaPath: ['R', 'P1', 'K1', 'S1', 'C1', 'X'],
      scope: { level: 'complex', buildingCodes: [], entranceCode: null },
      questions: [],
      leadTimeHours: 0,
      opensAt: new Date(),
      closesAt: new Date(Date.now() + DAY),
      status: 'open',
      projectId: P,
      createdBy: 'seed',
    });
    await refreshListings(seeded); // written directly: keep the lists as the commands would
    const now = Date.now();
    await Project.updateOne(
      { _id: P },
      {
        $set: {
          status: 'construction',
          noticeIds: [],
          transitions: [
            { from: null, to: 'reserve', at: new Date(now - 20 * DAY), by: 'x' },
            { from: 'design', to: 'publicity', at: new Date(now - 10 * DAY), by: 'x' },
            { from: 'publicity', to: 'construction', at: new Date(now - 6 * DAY), by: 'x' },
          ],
        },
      },
    );
    const e = (await api(`/api/evaluation/projects/${P}`, region.token)).body;
    // Four whole days in 方案公示 out of the 7 the settings require; no objections → answered in full: (4/7 + 1) / 2 = 78.57.
    expect(e.dimensions[1].inputs).toMatchObject({ source: 'stage', shownDays: 4, requiredDays: 7 });
    expect(e.dimensions[1].score).toBe(78.57);
    // Only the closed 改不改: 2 of 6 voted (8,520 + 7,250 = 15,770 of 50,573 hundredths of m²), both approved.
    expect(e.dimensions[0].components.map((c: Json) => [c.num, c.den])).toEqual([
      [15_770, 50_573],
      [2, 6],
      [2, 2],
    ]);
  });

  it('region-wide exports carry a roll-up sheet per level', async () => {
    await Project.updateOne({ _id: P }, { $set: { status: 'evaluation' } });
    const book = await readXlsx((await fetchBinary(s, '/api/evaluation/export.xlsx?scope=R', region.token)).buf);
    expect(Object.keys(book).filter((n) => n.startsWith('按'))).toEqual(['按社区汇总', '按街道汇总', '按县（区）汇总', '按地（市）汇总', '按自治区汇总']);
    expect(book['按自治区汇总'].at(-1)).toEqual([
      '合计',
      'R',
      1,
      expect.any(Number),
      expect.any(Number),
      expect.any(Number),
      expect.any(Number),
      expect.any(Number),
    ]);
  });
});
