import fc from 'fast-check';
import { RuleInputError } from './numbers';
import { consultationInputsFromTallies, consultationScore, evaluateProject, gradeOf, planningScore, resultsScore, satisfactionScore } from './evaluation';
import { meanFromSums, rankCandidates, ratingDistribution, rollup } from './evaluationRollup';
import { tallyQuestion } from './tally';

const perfect = {
  consultation: { areaParticipation: { num: 1, den: 1 }, headcountParticipation: { num: 1, den: 1 }, approval: { num: 1, den: 1 } },
  planning: { publicity: true, objectionsAnswered: 0, objectionsTotal: 0 },
  results: { itemsCompleted: 5, itemsPlanned: 5, onSchedule: true, accepted: true },
  satisfaction: { ratingSum: 50, ratingCount: 10 },
};

describe('dimension scores', () => {
  it('consultation = 100 × mean of area participation, headcount participation and approval', () => {
    const d = consultationScore({
      areaParticipation: { num: 2, den: 3 },
      headcountParticipation: { num: 3, den: 4 },
      approval: { num: 1, den: 2 },
    });
    // (2/3 + 3/4 + 1/2) / 3 = 23/36 = 63.888… → 63.89
    expect(d).toMatchObject({ score: 63.89, scoreHundredths: 6389, label: '民意协商' });
    expect(d.formula).toBe('民意协商得分 = 100 ×（面积参与率 2/3 + 人数参与率 3/4 + 同意率 1/2）÷ 3 = 63.89');
  });
  it('planning: no objections counts as all answered; publicity may be a capped ratio', () => {
    expect(planningScore({ publicity: true, objectionsAnswered: 0, objectionsTotal: 0 }).score).toBe(100);
    expect(planningScore({ publicity: false, objectionsAnswered: 3, objectionsTotal: 4 }).score).toBe(37.5);
    const capped = planningScore({ publicity: { num: 20, den: 15 }, objectionsAnswered: 1, objectionsTotal: 1 });
    expect(capped.score).toBe(100);
    expect(() => planningScore({ publicity: true, objectionsAnswered: 5, objectionsTotal: 4 })).toThrow(RuleInputError);
  });
  it('results: completion, schedule and acceptance averaged', () => {
    expect(resultsScore({ itemsCompleted: 3, itemsPlanned: 4, onSchedule: false, accepted: true }).score).toBe(58.33);
    expect(resultsScore({ itemsCompleted: 0, itemsPlanned: 0, onSchedule: { num: 0, den: 0 }, accepted: false }).score).toBe(0);
  });
  it('satisfaction maps mean 1–5 to 0–100', () => {
    expect(satisfactionScore({ ratingSum: 5, ratingCount: 1 }).score).toBe(100);
    expect(satisfactionScore({ ratingSum: 3, ratingCount: 1 }).score).toBe(50);
    expect(satisfactionScore({ ratingSum: 1, ratingCount: 1 }).score).toBe(0);
    expect(satisfactionScore({ ratingSum: 0, ratingCount: 0 }).score).toBe(0);
    expect(satisfactionScore({ ratingSum: 13, ratingCount: 3 }).score).toBe(83.33);
    expect(() => satisfactionScore({ ratingSum: 16, ratingCount: 3 })).toThrow(RuleInputError);
  });
});

describe('grades and totals', () => {
  it('boundaries: 95 → 良好, 85 → 良好, 75 → 合格', () => {
    expect(gradeOf(95.01)).toBe('excellent');
    expect(gradeOf(95)).toBe('good');
    expect(gradeOf(85)).toBe('good');
    expect(gradeOf(84.99)).toBe('qualified');
    expect(gradeOf(75)).toBe('qualified');
    expect(gradeOf(74.99)).toBe('poor');
  });
  it('total is the weighted mean of the rounded dimension scores, default equal weights', () => {
    const e = evaluateProject(perfect);
    expect(e).toMatchObject({ total: 100, grade: 'excellent', gradeLabel: '优秀' });
    const mixed = evaluateProject({ ...perfect, satisfaction: { ratingSum: 3, ratingCount: 1 } });
    expect(mixed.total).toBe(87.5);
    expect(mixed.gradeLabel).toBe('良好');
    const weighted = evaluateProject({ ...perfect, satisfaction: { ratingSum: 3, ratingCount: 1 }, weights: { satisfaction: 2 } });
    expect(weighted.total).toBe(80); // (100 + 100 + 100 + 2 × 50) / 5
    expect(() => evaluateProject({ ...perfect, weights: { consultation: 0, planning: 0, results: 0, satisfaction: 0 } })).toThrow(RuleInputError);
  });
  it('property: every score and total stays within 0–100 with at most 2 decimals', () => {
    const ratio = fc.tuple(fc.nat(1000), fc.nat(1000)).map(([a, b]) => ({ num: Math.min(a, b), den: Math.max(a, b) }));
    fc.assert(
      fc.property(
        ratio,
        ratio,
        ratio,
        fc.boolean(),
        ratio,
        ratio,
        fc.integer({ min: 0, max: 100 }),
        fc.array(fc.integer({ min: 1, max: 5 })),
        (a, h, ap, pub, obj, done, _w, ratings) => {
          const e = evaluateProject({
            consultation: { areaParticipation: a, headcountParticipation: h, approval: ap },
            planning: { publicity: pub, objectionsAnswered: obj.num, objectionsTotal: obj.den },
            results: { itemsCompleted: done.num, itemsPlanned: done.den, onSchedule: pub, accepted: !pub },
            satisfaction: { ratingSum: ratings.reduce((s, r) => s + r, 0), ratingCount: ratings.length },
          });
          for (const v of [e.totalHundredths, ...e.dimensions.map((d) => d.scoreHundredths)]) {
            expect(Number.isInteger(v) && v >= 0 && v <= 10000).toBe(true);
          }
          expect(e.total).toBe(e.totalHundredths / 100);
        },
      ),
    );
  });
});

describe('consultationInputsFromTallies', () => {
  it('sums actual participation and approval across decisive consultations', () => {
    const electorate = [0, 1, 2].map((i) => ({ dwellingId: `d${i}`, areaHundredths: 10000, headcountKey: `p${i}` }));
    const t1 = tallyQuestion({
      rule: 'civil_major',
      electorate,
      ballots: [
        { dwellingId: 'd0', choice: 'approve' },
        { dwellingId: 'd1', choice: 'reject' },
      ],
    });
    const survey = tallyQuestion({ rule: 'survey', electorate, ballots: [] });
    expect(consultationInputsFromTallies([t1, survey])).toEqual({
      areaParticipation: { num: 20000, den: 30000 },
      headcountParticipation: { num: 2, den: 3 },
      approval: { num: 1, den: 2 },
    });
  });
});

describe('rollup and ratings', () => {
  it('summarizes count, mean from sums and grade distribution overall and per area', () => {
    const r = rollup([
      { areaCode: 'B', score: 96 },
      { areaCode: 'A', score: 85 },
      { areaCode: 'A', score: 74.99 },
      { areaCode: 'B', score: 75 },
    ]);
    expect(r.count).toBe(4);
    expect(r.sumHundredths).toBe(33099);
    expect(r.mean).toBe(82.75); // 330.99 / 4 = 82.7475 → 82.75
    expect(r.distribution.map((d) => [d.label, d.count])).toEqual([
      ['优秀', 1],
      ['良好', 1],
      ['合格', 1],
      ['差', 1],
    ]);
    expect(r.byArea.map((a) => [a.areaCode, a.count, a.mean])).toEqual([
      ['A', 2, 80],
      ['B', 2, 85.5],
    ]);
    expect(rollup([])).toMatchObject({ count: 0, mean: null });
    expect(meanFromSums(1, 3)).toBe(0);
    expect(meanFromSums(2, 3)).toBe(0.01);
  });
  it('ratingDistribution counts 1..5 with a 2-decimal mean', () => {
    expect(ratingDistribution([5, 4, 4, 1])).toEqual({ counts: [1, 0, 0, 2, 1], sum: 14, count: 4, mean: 3.5 });
    expect(ratingDistribution([5, 4, 4])).toMatchObject({ mean: 4.33 });
    expect(ratingDistribution([])).toEqual({ counts: [0, 0, 0, 0, 0], sum: 0, count: 0, mean: null });
    expect(() => ratingDistribution([6])).toThrow(RuleInputError);
    expect(() => ratingDistribution([2.5])).toThrow(RuleInputError);
  });
});

describe('rankCandidates', () => {
  it('puts strong willingness first, then participation, then code', () => {
    const ranked = rankCandidates([
      { complexCode: 'c3', willingnessApprovalRate: { num: 8, den: 10 }, participationRate: { num: 9, den: 10 } },
      { complexCode: 'c1', willingnessApprovalRate: { num: 4, den: 5 }, participationRate: { num: 9, den: 10 } },
      { complexCode: 'c2', willingnessApprovalRate: { num: 9, den: 10 }, participationRate: { num: 1, den: 2 } },
      { complexCode: 'c4', willingnessApprovalRate: { num: 8, den: 10 }, participationRate: { num: 95, den: 100 } },
      { complexCode: 'c0', willingnessApprovalRate: { num: 0, den: 0 }, participationRate: { num: 0, den: 0 } },
    ]);
    expect(ranked.map((c) => [c.complexCode, c.rank])).toEqual([
      ['c2', 1],
      ['c4', 2],
      ['c1', 3],
      ['c3', 4],
      ['c0', 5],
    ]);
    expect(ranked[0].explanation).toContain('90.00%');
  });
  it('property: order does not depend on input order', () => {
    const cand = fc.record({
      complexCode: fc.string({ maxLength: 3 }),
      willingnessApprovalRate: fc.record({ num: fc.nat(20), den: fc.integer({ min: 1, max: 20 }) }),
      participationRate: fc.record({ num: fc.nat(20), den: fc.integer({ min: 1, max: 20 }) }),
    });
    fc.assert(
      fc.property(fc.uniqueArray(cand, { selector: (c) => c.complexCode, maxLength: 12 }), (cs) => {
        const a = rankCandidates(cs).map((c) => c.complexCode);
        const b = rankCandidates([...cs].reverse()).map((c) => c.complexCode);
        expect(b).toEqual(a);
      }),
    );
  });
});
