// Scenario part 3: the evaluation of X (and of Y, driven quickly), the county roll-up, ranking, next year's
// candidates, the XLSX exports read back and the printable report, all against hand-computed figures.
import type { TestServer } from '../support/server';
import { api, S } from './projects.scenario.ctx';
import { closedConsultation, fetchBinary, readXlsx, rowOf, type Person, type World } from './projects.helpers';
import { decidedHowVote } from '../support/decidedVote';
import type { Json } from '../support/json';

/** Y: one item, central money only, plan notice up 0 days, done on time, accepted, one rating of 4. */
async function driveY(street: Person, ry: Person, w: World) {
  const B = (await api('/api/projects', street.token, { complexCode: 'Y', year: 2025 })).body.id;
  const go = (to: string) => api(`/api/projects/${B}/transitions`, street.token, { to });
  await go('annual_plan');
  await go('design');
  const item = (
    await api(
      `/api/projects/${B}/items`,
      street.token,
      { items: [{ category: 'basic', name: '道路修缮', quantity: 1, unit: '项', budgetFen: 10_000_000, plannedFinishOn: '2099-12-31' }] },
      'PUT',
    )
  ).body.items[0].id;
  await api(`/api/projects/${B}/funding`, street.token, { centralSubsidyFen: 10_000_000 }, 'PUT');
  await decidedHowVote(B); // both households approve the design: 方案公示 needs a decided 怎么改 vote
  await go('publicity');
  await go('construction');
  await api(`/api/projects/${B}/progress`, street.token, { items: [{ itemId: item, percent: 100 }] });
  await api(
    `/api/projects/${B}/acceptance`,
    street.token,
    { date: '2025-11-01', passed: true, participants: [{ unit: 'K1县住建局', role: '主管部门' }] },
    'PUT',
  );
  await go('acceptance');
  expect((await api(`/api/projects/${B}/ratings`, ry.token, { dwellingId: w.Y[0], overall: 4 }, 'PUT')).status).toBe(200);
  expect((await go('evaluation')).body.status).toBe('evaluation');
  return B;
}

const scores = (e: Json) => e.dimensions.map((d: Json) => [d.label, d.score]);

export function evaluationSteps() {
  let s: TestServer, w: World, street: Person, street2: Person, committee: Person, county: Person, prefecture: Person, admin: Person, r1: Person, ry: Person;
  beforeAll(() => {
    ({ s, w } = S);
    ({ street, street2, committee, county, prefecture, admin, r1, ry } = S.p);
  });

  describe('the evaluation (绩效评价)', () => {
    it('X: four dimensions, each with its inputs, and a weighted total', async () => {
      const e = (await api(`/api/evaluation/projects/${S.A}`, county.token)).body;
      // 民意协商: 改不改 5 of 6 took part (area 42,053 of 50,573), 4 approved; 怎么改 6 of 6 (50,573), 5 approved; survey left out.
      //   area 92,626/101,146, headcount 11/12, approval 9/11 → 100 × (0.915765 + 0.916667 + 0.818182) / 3 = 88.35
      // 方案编制: plan shown 8 of its 7 days → 7/7; objections answered 1/2 → 100 × (1 + 0.5) / 2 = 75.00
      // 改造成效: 3/3 items done; on schedule 2/3 (管网 planned 2020-01-01); accepted → 100 × (1 + 2/3 + 1) / 3 = 88.89
      // 满意度: ratings 5, 3, 4, 5: 100 × (17 − 4) / (4 × 4) = 81.25
      // Total, equal weights: (88.35 + 75.00 + 88.89 + 81.25) / 4 = 83.3725 → 83.37 → 合格 (75–85).
      expect(scores(e)).toEqual([
        ['民意协商', 88.35],
        ['方案编制', 75],
        ['改造成效', 88.89],
        ['满意度', 81.25],
      ]);
      expect(e).toMatchObject({ total: 83.37, totalHundredths: 8337, gradeLabel: '合格' });
      const c = (i: number) => e.dimensions[i].components.map((x: Json) => [x.key, x.num, x.den]);
      expect(c(0)).toEqual([
        ['areaParticipation', 92_626, 101_146],
        ['headcountParticipation', 11, 12],
        ['approval', 9, 11],
      ]);
      expect(c(1)).toEqual([
        ['publicity', 7, 7],
        ['objectionsAnswered', 1, 2],
      ]);
      expect(c(2)).toEqual([
        ['completion', 3, 3],
        ['onSchedule', 2, 3],
        ['accepted', 1, 1],
      ]);
      expect(c(3)).toEqual([['rating', 13, 16]]);
      expect(e.dimensions[0].inputs.consultations.map((x: Json) => x.kind).sort()).toEqual(['how', 'whether']);
      expect(e.dimensions[1].inputs).toMatchObject({ source: 'notice', shownDays: 8, requiredDays: 7, objectionsTotal: 2, objectionsAnswered: 1 });
      expect(e.dimensions[3].inputs).toEqual({ distribution: [0, 0, 1, 1, 2], mean: 4.25 });
    });

    it('Y: a unanimous 怎么改 vote, plan shown 0 days, all else complete', async () => {
      S.B = await driveY(street, ry, w);
      const e = (await api(`/api/evaluation/projects/${S.B}`, county.token)).body;
      // 2/2 area, 2/2 households, 2/2 approve = 100; (0/7 + no objections = 1) / 2 = 50; (1 + 1 + 1) / 3 = 100; (4 − 1) / 4 = 75
      // → (100 + 50 + 100 + 75) / 4 = 81.25 → 合格.
      expect(scores(e)).toEqual([
        ['民意协商', 100],
        ['方案编制', 50],
        ['改造成效', 100],
        ['满意度', 75],
      ]);
      expect(e).toMatchObject({ total: 81.25, gradeLabel: '合格' });
    });

    it('county roll-up and ranking; officials read only their own area', async () => {
      const r = (await api('/api/evaluation/rollup?scope=P1&level=county', prefecture.token)).body;
      // K1: X 83.37 and Y 81.25 → mean (8,337 + 8,125) / 2 = 8,231 hundredths = 82.31; two 合格.
      expect(r.byArea).toEqual([expect.objectContaining({ areaCode: 'K1', areaName: 'K1县', count: 2, sumHundredths: 16_462, mean: 82.31 })]);
      expect(r.byArea[0].distribution.map((d: Json) => [d.label, d.count])).toEqual([
        ['优秀', 0],
        ['良好', 0],
        ['合格', 2],
        ['差', 0],
      ]);
      expect((await api('/api/evaluation/rollup?scope=K1&level=county', county.token)).body.mean).toBe(82.31);
      expect((await api('/api/evaluation/rollup?scope=K1&level=community', county.token)).body.byArea[0]).toMatchObject({ areaCode: 'C1', mean: 82.31 });
      expect((await api('/api/evaluation/rollup?scope=P1&level=county', county.token)).status).toBe(404);
      expect((await api('/api/evaluation/rollup?scope=K1&level=county', committee.token)).status).toBe(404);
      expect((await api('/api/evaluation/rollup?scope=K1&level=county', r1.token)).status).toBe(404);
      const rank = (await api('/api/evaluation/ranking?scope=K1', county.token)).body.rows;
      expect(rank.map((x: Json) => [x.rank, x.complexCode, x.total])).toEqual([
        [1, 'X', 83.37],
        [2, 'Y', 81.25],
      ]);
      expect((await api(`/api/projects/${S.A}/transitions`, county.token, { to: 'evaluation' })).status).toBe(403);
      expect((await api(`/api/projects/${S.A}/funding`, county.token, { centralSubsidyFen: 1 }, 'PUT')).status).toBe(403);
    });

    it('next year: strong willingness first, then high participation', async () => {
      const z = (await api('/api/projects', street2.token, { complexCode: 'Z', year: 2026 })).body.id;
      const wp = (await api('/api/projects', street2.token, { complexCode: 'W', year: 2026 })).body.id;
      // Z: 4 of 5 voted, 3 approved → 75.00% / 80.00%; W: 4 of 4 voted, 3 approved → 75.00% / 100.00% → W first.
      await closedConsultation({ kind: 'whether', complexCode: 'Z', dwellings: w.Z, choices: ['approve', 'approve', 'approve', 'reject', null], projectId: z });
      await closedConsultation({ kind: 'whether', complexCode: 'W', dwellings: w.W, choices: ['approve', 'approve', 'approve', 'reject'], projectId: wp });
      const c = (await api('/api/evaluation/candidates?scope=P1&year=2026', prefecture.token)).body;
      expect(c.rows.map((r: Json) => [r.rank, r.complexCode, r.willingness.percent, r.participation.percent])).toEqual([
        [1, 'W', '75.00', '100.00'],
        [2, 'Z', '75.00', '80.00'],
      ]);
    });

    it('every table exports to XLSX with the same numbers', async () => {
      const x = await fetchBinary(s, '/api/evaluation/export.xlsx?scope=K1', county.token);
      expect([x.status, x.type]).toEqual([200, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet']);
      const book = await readXlsx(x.buf);
      expect(Object.keys(book)).toEqual(['看板', '排名', '按社区汇总', '按街道汇总', '按县（区）汇总', '评分明细', '计算公式', '候选小区']);
      expect(rowOf(book['排名'], 1, 'X小区')).toEqual([1, 'X小区', 'X', 2025, 88.35, 75, 88.89, 81.25, 83.37, '合格', '后评价']);
      expect(rowOf(book['按县（区）汇总'], 0, 'K1县')).toEqual(['K1县', 'K1', 2, 82.31, 0, 0, 2, 0]);
      expect(book['评分明细'].filter((r) => r[0] === 'X小区' && r[4] === '异议答复率')[0]).toEqual(expect.arrayContaining([1, 2, 50, 75]));
      const one = await readXlsx((await fetchBinary(s, `/api/evaluation/projects/${S.A}/export.xlsx`, committee.token)).buf);
      expect(one['计算公式'].at(-1)![1]).toContain('= 83.37');
      const p1 = await readXlsx((await fetchBinary(s, '/api/evaluation/candidates/export.xlsx?scope=P1', prefecture.token)).buf);
      expect(rowOf(p1['候选小区'], 2, 'W')).toEqual(expect.arrayContaining([1, 3, 4, 75, 4, 100]));
      const pj = await readXlsx((await fetchBinary(s, `/api/projects/${S.A}/export.xlsx`, county.token)).buf);
      expect(rowOf(pj['资金筹措'], 0, '自治区财政资金')).toEqual(['自治区财政资金', 185_000.01, 18_500_001]);
      expect(rowOf(pj['资金筹措'], 0, '差额（合计 − 预算）')).toEqual(['差额（合计 − 预算）', 0, 0]);
      expect(rowOf(pj['改造内容'], 0, '合计')).toEqual(expect.arrayContaining([1_200_000.03, 120_000_003]));
      const rl = await readXlsx((await fetchBinary(s, '/api/evaluation/rollup/export.xlsx?scope=P1&level=county', prefecture.token)).buf);
      expect(rowOf(rl['按县（区）汇总'], 0, '合计')).toEqual(['合计', 'P1', 2, 82.31, 0, 0, 2, 0]);
    });

    it('a printable report page for the county', async () => {
      const res = await fetch(`${s.url}/api/evaluation/report?scope=K1`, { headers: { authorization: `Bearer ${county.token}` } });
      expect(res.headers.get('content-type')).toContain('text/html');
      const html = await res.text();
      expect(html).toContain('K1县老旧小区改造绩效评价报告');
      expect(html).toMatch(/<td>X小区<\/td><td>2025<\/td><td>88.35<\/td><td>75<\/td><td>88.89<\/td><td>81.25<\/td><td>83.37<\/td><td>合格<\/td>/);
      expect(html).toContain('@media print');
    });

    it('weights and grade bands are settings (administrators only)', async () => {
      const body = {
        weights: { consultation: 1, planning: 1, results: 2, satisfaction: 0 },
        bands: { excellentAbove: 85, goodFrom: 80, qualifiedFrom: 60 },
        planPublicityDays: 7,
        ratingWindowDays: 30,
      };
      expect((await api('/api/evaluation/settings', county.token, body, 'PUT')).status).toBe(403);
      expect((await api('/api/evaluation/settings', admin.token, body, 'PUT')).body.gradeRule).toContain('优秀：高于 85 分');
      // X: (88.35 + 75.00 + 2 × 88.89 + 0) / 4 = 85.2825 → 85.28 > 85 → 优秀; Y: (100 + 50 + 200) / 4 = 87.50 → 优秀.
      const rank = (await api('/api/evaluation/ranking?scope=K1', county.token)).body.rows;
      expect(rank.map((x: Json) => [x.complexCode, x.total, x.gradeLabel])).toEqual([
        ['Y', 87.5, '优秀'],
        ['X', 85.28, '优秀'],
      ]);
    });
  });
}
