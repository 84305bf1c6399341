import { computeFundingPlan } from './fundingPlan';
import { DEFAULT_GRADE_BANDS, gradeBandsRule, gradeByBands, regradeEvaluation, rollupWithBands } from './gradeBands';
import { distributionFromCounts } from './ratingCounts';
import { rankEvaluations } from './evaluationRanking';
import { nextStatus, planEditable, stageChecks, transitionProblemCodes, transitionProblems } from './projectLifecycle';
import { evaluateProject, gradeOfHundredths } from './evaluation';
import { ratingDistribution } from './evaluationRollup';

const none = { utilities: [], residentsFen: 0, maintenanceFundFen: 0, providentFundFen: 0, publicIncomeFen: 0, socialCapitalFen: 0 };

describe('computeFundingPlan', () => {
  it('closes the gap by default and splits it 2:1:1 with the remainder to region, prefecture, county', () => {
    const r = computeFundingPlan(1_000_002, { ...none, centralSubsidyFen: 600_000, residentsFen: 100_000 });
    expect(r.localShortfallFen).toBe(300_002);
    expect([r.split.regionFen, r.split.prefectureFen, r.split.countyFen]).toEqual([150_001, 75_001, 75_000]);
    expect(r.balance).toMatchObject({ totalFen: 1_000_002, differenceFen: 0, balanced: true });
  });
  it('with a fixed government total it reports the difference instead', () => {
    const r = computeFundingPlan(1_000, { ...none, centralSubsidyFen: 500, governmentFen: 700 });
    expect(r).toMatchObject({ localShortfallFen: 200, shortfallMode: 'fixed_government_total' });
    expect(r.balance.differenceFen).toBe(-300);
  });
  it('never goes negative and refuses a government total below the central subsidy', () => {
    expect(computeFundingPlan(100, { ...none, centralSubsidyFen: 90, residentsFen: 50 }).balance.differenceFen).toBe(40);
    expect(() => computeFundingPlan(100, { ...none, centralSubsidyFen: 90, governmentFen: 80 })).toThrow('不能小于');
  });
  it('sums exactly for any shortfall', () => {
    for (let f = 0; f < 50; f++) {
      const r = computeFundingPlan(f, { ...none, centralSubsidyFen: 0 });
      expect(r.split.regionFen + r.split.prefectureFen + r.split.countyFen).toBe(f);
      expect(r.split.regionFen).toBeGreaterThanOrEqual(r.split.prefectureFen);
    }
  });
});

describe('grade bands', () => {
  it('defaults equal the province scheme at every boundary', () => {
    for (const h of [0, 7499, 7500, 8499, 8500, 9500, 9501, 10000]) expect(gradeByBands(h)).toBe(gradeOfHundredths(h));
    expect(gradeBandsRule(DEFAULT_GRADE_BANDS)).toBe(
      '优秀：高于 95 分；良好：85 分至 95 分（含 85、95）；合格：75 分至 85 分（含 75，不含 85）；差：低于 75 分',
    );
  });
  it('regrades an evaluation and a roll-up without changing the scores', () => {
    const e = evaluateProject({
      consultation: { areaParticipation: { num: 1, den: 1 }, headcountParticipation: { num: 1, den: 1 }, approval: { num: 1, den: 1 } },
      planning: { publicity: true, objectionsAnswered: 0, objectionsTotal: 0 },
      results: { itemsCompleted: 1, itemsPlanned: 1, onSchedule: true, accepted: true },
      satisfaction: { ratingSum: 17, ratingCount: 4 },
    });
    expect([e.totalHundredths, e.gradeLabel]).toEqual([9531, '优秀']); // (100 + 100 + 100 + 81.25) / 4 = 95.3125
    const strict = { excellentAboveHundredths: 9600, goodFromHundredths: 9000, qualifiedFromHundredths: 8000 };
    expect(regradeEvaluation(e, strict)).toMatchObject({ totalHundredths: 9531, gradeLabel: '良好' });
    const r = rollupWithBands(
      [
        { areaCode: 'K1', score: 95.31 },
        { areaCode: 'K1', score: 79 },
      ],
      strict,
    );
    expect(r.byArea[0].distribution.map((d) => d.count)).toEqual([0, 1, 0, 1]);
    expect(r.mean).toBe(87.16);
    expect(() => rollupWithBands([], { ...strict, goodFromHundredths: 9700 })).toThrow('合格线 ≤ 良好线 ≤ 优秀线');
  });
});

describe('rating counts, ranking, lifecycle', () => {
  it('rebuilds the same distribution as ratingDistribution from $sum counts', () => {
    expect(
      distributionFromCounts([
        { score: 5, count: 2 },
        { score: 3, count: 1 },
        { score: 4, count: 1 },
      ]),
    ).toEqual(ratingDistribution([5, 3, 4, 5]));
    expect(distributionFromCounts([]).mean).toBeNull();
    expect(() => distributionFromCounts([{ score: 6, count: 1 }])).toThrow();
  });
  it('ranks by total with shared ranks for ties, then by complex code', () => {
    const r = rankEvaluations([
      { complexCode: 'B', totalHundredths: 8000 },
      { complexCode: 'A', totalHundredths: 8000 },
      { complexCode: 'C', totalHundredths: 9000 },
    ]);
    expect(r.map((x) => [x.complexCode, x.rank])).toEqual([
      ['C', 1],
      ['A', 2],
      ['B', 2],
    ]);
  });
  it('moves one stage at a time with the documented conditions', () => {
    const ok = { itemCount: 1, fundingBalanced: true, acceptancePassed: true, howVoteDecided: true, planNoticePublished: true };
    expect(nextStatus('construction')).toBe('acceptance');
    expect(nextStatus('evaluation')).toBeNull();
    expect(transitionProblems('reserve', 'design', ok)[0]).toContain('依次推进');
    expect(transitionProblems('design', 'annual_plan', ok)).toHaveLength(1);
    expect(transitionProblems('design', 'publicity', { ...ok, itemCount: 0, fundingBalanced: null })).toHaveLength(2);
    expect(transitionProblems('construction', 'acceptance', { ...ok, acceptancePassed: false })).toEqual(['联合验收未通过，不能进入竣工验收阶段']);
    // 方案公示 needs a decided 怎么改 vote; 施工 needs the plan notice still up. Every check is listed, met or not.
    expect(stageChecks('publicity', { ...ok, howVoteDecided: false }).map((c) => [c.code, c.met])).toEqual([
      ['items', true],
      ['funding', true],
      ['how_vote', false],
    ]);
    expect(transitionProblemCodes('design', 'publicity', { itemCount: 1, fundingBalanced: true, acceptancePassed: null })).toEqual(['no_how_vote']);
    expect(transitionProblemCodes('publicity', 'construction', { ...ok, planNoticePublished: false })).toEqual(['no_plan_notice']);
    expect([planEditable('design'), planEditable('publicity')]).toEqual([true, false]);
  });
});
