// Golden figures: the county of evaluation.golden.world.ts, every number computed by hand below, then compared
// API ↔ XLSX cell by cell. Dimension scores are integer hundredths; means are rounded half-up once.
//
// Per project (民意协商 / 方案编制 / 改造成效 / 满意度 → total):
//  A24 后评价: (3/4+3/4+3/3)/3 = 83.33 · 7/7 days, no objections → 100 · 2/2 done, on time, accepted → 100 ·
//      ratings 5,4: (9−2)/8 = 87.50 → (8333+10000+10000+8750)/4 = 9270.75 → 92.71 良好
//  A25 施工: (2/4+2/4+1/2)/3 = 50 · (5/7+1)/2 = 85.71 · 0 · 0 → 33.93, no grade
//  B25 竣工验收: 100 · 8 days ≥ 7 → 100 · 100 · rating 3: 2/4 = 50 → 87.50 良好（预评）
//  C25 后评价: (1+1+1/3)/3 = 77.78 · (3/7+1)/2 = 71.43 · (1+1/2+1)/3 = 83.33 · ratings 2,1: 1/8 = 12.50 → 61.26 差
//  C26 储备: latest 改不改 2 of 3 took part, both approved → next year's only candidate (100.00%, 66.67%)
import { startTestServer, type TestServer } from '../support/server';
import { fetchBinary, person, readXlsx, type Person } from './projects.helpers';
import { seedGolden, type Golden } from './evaluation.golden.world';
import type { Json } from '../support/json';

let s: TestServer;
let g: Golden;
let county: Person, streetOfficer: Person, outsider: Person;
const get = async (path: string, who = county) => {
  const r = await s.api(path, { token: who.token });
  expect([path, r.status]).toEqual([path, 200]);
  return r.body;
};

beforeAll(async () => {
  s = await startTestServer({ DB_PREFIX: 'evaluation_golden' });
  g = await seedGolden();
  county = await person('county', { grants: [{ role: 'county_official', scope: 'G' }] });
  streetOfficer = await person('street', { grants: [{ role: 'street_staff', scope: 'GS1' }] });
  outsider = await person('other', { grants: [{ role: 'county_official', scope: 'K2' }] });
});
afterAll(async () => {
  await s.stop();
});

/** [4 dimension means, total mean, projects, graded, provisional, participation, pledges, ratings] as the API gives them. */
const fig = (f: Json) => [
  f.dimensions.map((d: Json) => d.mean),
  f.total.mean,
  f.projects,
  f.graded,
  f.provisional,
  [f.participation.num, f.participation.den, f.participation.percent],
  [f.pledges.receivedFen, f.pledges.targetFen, f.pledges.percent, f.pledges.labourDays],
  [f.satisfaction.counts, f.satisfaction.sum, f.satisfaction.count, f.satisfaction.mean],
  f.distribution.map((x: Json) => x.count),
];

// County: graded A24, B25, C25 → 民意协商 (8333+10000+7778)/3 = 8703.67 → 87.04; 方案编制 (10000+10000+7143)/3 → 90.48;
// 改造成效 (10000+10000+8333)/3 → 94.44; 满意度 (8750+5000+1250)/3 = 50.00; total (9271+8750+6126)/3 = 8049 → 80.49.
// Turnout over all five: (3+2+2+3+2)/(4+4+2+3+3) = 12/16; received 40,000+20,000+30,000 fen of 100,000+50,000+30,000+90,000;
// labour 3+2 half-days; ratings 1–5 one each.
const COUNTY = [[87.04, 90.48, 94.44, 50], 80.49, 5, 3, 1, [12, 16, '75.00'], [90_000, 270_000, '33.33', 2.5], [[1, 1, 1, 1, 1], 15, 5, 3], [0, 2, 0, 1]];
// GS1 (A24, A25, B25): graded A24, B25 → (8333+10000)/2 = 9166.5 → 91.67; 100; 100; (8750+5000)/2 = 68.75; (9271+8750)/2 → 90.11.
const GS1 = [[91.67, 100, 100, 68.75], 90.11, 3, 2, 1, [7, 10, '70.00'], [90_000, 180_000, '50.00', 1.5], [[0, 0, 1, 1, 1], 12, 3, 4], [0, 2, 0, 0]];
// GS2 (C25, C26): C25 alone is graded.
const GS2 = [[77.78, 71.43, 83.33, 12.5], 61.26, 2, 1, 0, [5, 6, '83.33'], [0, 90_000, '0.00', 1], [[1, 1, 0, 0, 0], 3, 2, 1.5], [0, 0, 0, 1]];

describe('one set of figures', () => {
  it('county dashboard: the totals over all five projects and one ranked row per street', async () => {
    const v = await get('/api/evaluation/dashboard?scope=G');
    expect([v.name, v.level, v.childLevel, v.totalRows, v.nextOffset]).toEqual(['金县', 'county', 'street', 2, null]);
    expect(fig(v.figures)).toEqual(COUNTY);
    expect(v.rows.map((r: Json) => [r.rank, r.code, r.name])).toEqual([
      [1, 'GS1', '东街道'],
      [2, 'GS2', '西街道'],
    ]);
    expect(fig(v.rows[0].figures)).toEqual(GS1);
    expect(fig(v.rows[1].figures)).toEqual(GS2);
    // Each figure carries the arithmetic an official can re-do.
    expect(v.figures.total.formula).toBe('总分 =（92.71 + 87.50 + 61.26）÷ 3 = 80.49（各 3 个已评级项目的平均）');
    expect(v.figures.participation.formula).toContain('12 ÷ 应参与人数 16 = 75.00%');
    expect(v.figures.pledges.formula).toContain('¥900.00 ÷ 居民出资计划 ¥2700.00 = 33.33%；另认捐劳务 2.5 天');
    expect(v.priority).toEqual([
      expect.objectContaining({
        rank: 1,
        projectId: g.p.C26,
        complexCode: 'GC',
        willingness: { num: 2, den: 2, percent: '100.00' },
        participation: { num: 2, den: 3, percent: '66.67' },
      }),
    ]);
    expect(v.breadcrumb.map((b: Json) => b.code)).toEqual(['G']);
  });

  it('drill-down: street → complex → project; grades only where the stage allows them', async () => {
    const st = await get('/api/evaluation/dashboard?scope=GS1');
    expect(fig(st.figures)).toEqual(GS1);
    expect(st.breadcrumb.map((b: Json) => b.code)).toEqual(['G', 'GS1']);
    // 甲小区 (A24 + A25): only A24 graded; turnout 5/8; 60,000 of 150,000 fen; ratings 5, 4.
    expect(st.rows.map((r: Json) => [r.rank, r.code, r.figures.total.mean])).toEqual([
      [1, 'GA', 92.71],
      [2, 'GB', 87.5],
    ]);
    expect(fig(st.rows[0].figures).slice(5, 8)).toEqual([
      [5, 8, '62.50'],
      [60_000, 150_000, '40.00', 1.5],
      [[0, 0, 0, 1, 1], 9, 2, 4.5],
    ]);
    const cx = await get('/api/evaluation/dashboard?scope=GA');
    expect(cx.childLevel).toBe('project');
    expect(cx.rows.map((r: Json) => [r.rank, r.code, r.project.status, r.project.total, r.project.gradeKind, r.project.gradeLabel])).toEqual([
      [1, g.p.A24, 'evaluation', 92.71, 'final', '良好'],
      [null, g.p.A25, 'construction', null, 'none', '未到评价阶段'],
    ]);
    const b = await get('/api/evaluation/dashboard?scope=GB');
    expect(b.rows[0].project).toMatchObject({ status: 'acceptance', gradeKind: 'provisional', grade: 'good', gradeLabel: '良好（预评）', total: 87.5 });
    // The single-project endpoint agrees and refuses a grade to the project in 施工.
    expect(await get(`/api/evaluation/projects/${g.p.A25}`)).toMatchObject({ total: 33.93, grade: null, gradeKind: 'none', gradeLabel: '未到评价阶段' });
  });

  it('ranking, roll-up and candidates cover every graded project in the filter', async () => {
    const rank = await get('/api/evaluation/ranking?scope=G');
    expect(rank.rows.map((r: Json) => [r.rank, r.projectId, r.total, r.gradeLabel])).toEqual([
      [1, g.p.A24, 92.71, '良好'],
      [2, g.p.B25, 87.5, '良好（预评）'],
      [3, g.p.C25, 61.26, '差'],
    ]);
    const roll = await get('/api/evaluation/rollup?scope=G&level=street');
    expect(roll.byArea.map((a: Json) => [a.areaCode, a.count, a.mean])).toEqual([
      ['GS1', 2, 90.11],
      ['GS2', 1, 61.26],
    ]);
    expect([roll.count, roll.mean]).toEqual([3, 80.49]);
    expect((await get('/api/evaluation/candidates?scope=G')).rows.map((r: Json) => r.projectId)).toEqual([g.p.C26]);
  });

  it('filters narrow every figure the same way: stage and year', async () => {
    // 后评价 only: A24 and C25 → (9271 + 6126) / 2 = 7698.5 → 76.99; 2025: B25 and C25 → (8750 + 6126) / 2 = 74.38.
    const st = await get('/api/evaluation/dashboard?scope=G&stage=evaluation');
    expect([st.figures.projects, st.figures.total.mean, st.figures.participation.num, st.figures.participation.den]).toEqual([2, 76.99, 6, 7]);
    expect((await get('/api/evaluation/ranking?scope=G&stage=evaluation')).rows.map((r: Json) => r.total)).toEqual([92.71, 61.26]);
    const y = await get('/api/evaluation/dashboard?scope=G&year=2025');
    expect([y.figures.projects, y.figures.graded, y.figures.total.mean]).toEqual([3, 2, 74.38]);
  });
});

describe('the XLSX is the same figures', () => {
  const cells = (r: Json) => {
    const f = r.figures;
    return [
      r.name,
      r.code,
      r.rank ?? '',
      r.project?.statusLabel ?? '',
      r.project?.gradeLabel ?? '',
      f.projects,
      f.graded,
      f.provisional,
      ...f.dimensions.map((d: Json) => d.mean ?? ''),
      f.total.mean ?? '',
      f.participation.num,
      f.participation.den,
      f.participation.percent ?? '',
      f.pledges.receivedFen / 100,
      f.pledges.targetFen / 100,
      f.pledges.percent ?? '',
      f.pledges.labourDays,
      f.satisfaction.count,
      f.satisfaction.mean ?? '',
      ...f.satisfaction.counts,
      ...f.distribution.map((x: Json) => x.count),
    ];
  };
  const sheetRows = (rows: unknown[][], header: string) => rows.slice(rows.findIndex((r) => r[0] === header) + 1);

  for (const [scope, filter] of [
    ['G', ''],
    ['GS1', ''],
    ['GA', ''],
    ['G', '&stage=evaluation'],
    ['G', '&year=2025'],
  ]) {
    it(`看板 sheet = dashboard API, cell by cell (${scope}${filter})`, async () => {
      const v = await get(`/api/evaluation/dashboard?scope=${scope}${filter}`);
      const file = await fetchBinary(s, `/api/evaluation/export.xlsx?scope=${scope}${filter}`, county.token);
      expect(file.status).toBe(200);
      const book = await readXlsx(file.buf);
      const rows = sheetRows(book['看板'], v.childLevelLabel);
      expect(rows).toEqual([...v.rows.map(cells), cells({ ...v, name: '合计', rank: null, project: null })]);
      // The ranking sheet lists exactly the ranking API's rows.
      const rank = await get(`/api/evaluation/ranking?scope=${scope}${filter}`);
      expect(sheetRows(book['排名'], '名次')).toEqual(
        rank.rows.map((r: Json) => [
          r.rank,
          r.complexName,
          r.complexCode,
          r.year,
          ...r.dimensions.map((d: Json) => d.score),
          r.total,
          r.gradeLabel,
          r.statusLabel,
        ]),
      );
    });
  }

  it('roll-up and candidate sheets match their endpoints', async () => {
    const book = await readXlsx((await fetchBinary(s, '/api/evaluation/export.xlsx?scope=G', county.token)).buf);
    const roll = await get('/api/evaluation/rollup?scope=G&level=street');
    expect(sheetRows(book['按街道汇总'], '街道').map((r) => r.slice(0, 4))).toEqual([
      ...roll.byArea.map((a: Json) => [a.areaName, a.areaCode, a.count, a.mean]),
      ['合计', 'G', 3, 80.49],
    ]);
    expect(sheetRows(book['候选小区'], '顺序').map((r) => r.slice(0, 7))).toEqual([[1, '丙小区', 'GC', 2026, 2, 2, 100]]);
  });
});

describe('refusals', () => {
  it('a street officer drills only inside the street; other scopes and bad filters change nothing', async () => {
    expect((await get('/api/evaluation/dashboard?scope=GS1', streetOfficer)).breadcrumb.map((b: Json) => b.code)).toEqual(['GS1']);
    for (const [who, q] of [
      [streetOfficer, 'scope=G'],
      [streetOfficer, 'scope=GS2'],
      [outsider, 'scope=G'],
    ] as const) {
      const r = await s.api(`/api/evaluation/dashboard?${q}`, { token: who.token });
      expect([r.status, r.body.error.code]).toEqual([404, 'AREA_NOT_FOUND']);
    }
    for (const q of ['scope=G&stage=done', 'scope=G&offset=-1', 'scope=G&limit=0']) {
      const r = await s.api(`/api/evaluation/dashboard?${q}`, { token: county.token });
      expect([r.status, r.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
      expect(r.body.error.message).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});
