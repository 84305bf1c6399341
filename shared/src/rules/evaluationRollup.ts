// Summaries over many evaluations (county / prefecture / region dashboards), next year's candidate priority and
// rating distributions. Means are computed from integer sums so they match MongoDB `$sum` counters exactly.
import { assertNonNegativeInt, big, formatPercent, RuleInputError, roundHalfUp, toSafeNumber } from './numbers';
import { type Grade, GRADE_LABELS, gradeOfHundredths, GRADES, type Ratio } from './evaluation';

/** Mean of scores given as a sum of hundredths and a count, half-up to 2 decimals; null when count is 0. */
export function meanFromSums(sumHundredths: number, count: number): number | null {
  assertNonNegativeInt(sumHundredths, '得分合计（百分之一分）');
  assertNonNegativeInt(count, '数量');
  if (count === 0) return null;
  return toSafeNumber(roundHalfUp(big(sumHundredths), big(count)), '平均分') / 100;
}

export interface ScoreSummary {
  count: number;
  sumHundredths: number;
  /** 2 decimals; null when there are no scores. */
  mean: number | null;
  distribution: { grade: Grade; label: string; count: number }[];
}

export interface Rollup extends ScoreSummary {
  /** One summary per area code, sorted by code. */
  byArea: (ScoreSummary & { areaCode: string })[];
}

function toHundredths(score: number): number {
  const h = Math.round(score * 100);
  if (!Number.isFinite(score) || h < 0 || h > 10000) throw new RuleInputError(`得分应在 0–100 之间：${score}`);
  return h;
}

function summarize(hundredths: readonly number[]): ScoreSummary {
  const sum = hundredths.reduce((a, b) => a + b, 0);
  const counts = new Map<Grade, number>(GRADES.map((g) => [g, 0]));
  for (const h of hundredths) {
    const g = gradeOfHundredths(h);
    counts.set(g, counts.get(g)! + 1);
  }
  return {
    count: hundredths.length,
    sumHundredths: sum,
    mean: meanFromSums(sum, hundredths.length),
    distribution: GRADES.map((g) => ({ grade: g, label: GRADE_LABELS[g], count: counts.get(g)! })),
  };
}

/** Count, mean (from the sum) and grade distribution, overall and per area code. Scores are 0–100 with 2 decimals. */
export function rollup(scores: readonly { areaCode: string; score: number }[]): Rollup {
  const all = scores.map((s) => toHundredths(s.score));
  const byCode = new Map<string, number[]>();
  scores.forEach((s, i) => {
    const list = byCode.get(s.areaCode);
    if (list) list.push(all[i]);
    else byCode.set(s.areaCode, [all[i]]);
  });
  const codes = [...byCode.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return { ...summarize(all), byArea: codes.map((areaCode) => ({ areaCode, ...summarize(byCode.get(areaCode)!) })) };
}

export interface Candidate {
  complexCode: string;
  /** Share approving renovation (e.g. 改不改 approving headcount / participating headcount). */
  willingnessApprovalRate: Ratio;
  /** Share taking part (e.g. participating headcount / total headcount). */
  participationRate: Ratio;
}

export type RankedCandidate<T extends Candidate> = T & { rank: number; explanation: string };

/** a/b compared with c/d exactly; a zero denominator counts as rate 0. */
function compareRatio(x: Ratio, y: Ratio): number {
  const [a, b] = x.den === 0 ? [0, 1] : [x.num, x.den];
  const [c, d] = y.den === 0 ? [0, 1] : [y.num, y.den];
  const l = big(a) * big(d);
  const r = big(c) * big(b);
  return l > r ? 1 : l < r ? -1 : 0;
}

/**
 * Next year's priority (优先实施居民改造意愿强、参与积极性高的小区): higher willingness first, then higher
 * participation, then complex code ascending (plain code-unit order) so the order is deterministic. Ranks are 1..n.
 */
export function rankCandidates<T extends Candidate>(candidates: readonly T[]): RankedCandidate<T>[] {
  for (const c of candidates) {
    for (const r of [c.willingnessApprovalRate, c.participationRate]) {
      assertNonNegativeInt(r.num, '比率分子');
      assertNonNegativeInt(r.den, '比率分母');
    }
  }
  const sorted = [...candidates].sort(
    (x, y) =>
      compareRatio(y.willingnessApprovalRate, x.willingnessApprovalRate) ||
      compareRatio(y.participationRate, x.participationRate) ||
      (x.complexCode < y.complexCode ? -1 : x.complexCode > y.complexCode ? 1 : 0),
  );
  return sorted.map((c, i) => ({
    ...c,
    rank: i + 1,
    explanation:
      `第 ${i + 1} 位：改造意愿（同意率）${formatPercent(c.willingnessApprovalRate.num, c.willingnessApprovalRate.den)}%，` +
      `参与率 ${formatPercent(c.participationRate.num, c.participationRate.den)}%；先比意愿，再比参与率，相同时按小区编码`,
  }));
}

export interface RatingDistribution {
  /** counts[0] is the number of 1-star ratings … counts[4] of 5-star ratings. */
  counts: [number, number, number, number, number];
  sum: number;
  count: number;
  /** 2 decimals, half-up; null when there are no ratings. */
  mean: number | null;
}

export function ratingDistribution(ratings: readonly number[]): RatingDistribution {
  const counts: RatingDistribution['counts'] = [0, 0, 0, 0, 0];
  let sum = 0;
  for (const r of ratings) {
    if (!Number.isInteger(r) || r < 1 || r > 5) throw new RuleInputError(`评分应为 1–5 的整数：${r}`);
    counts[r - 1] += 1;
    sum += r;
  }
  const count = ratings.length;
  return { counts, sum, count, mean: count === 0 ? null : meanFromSums(sum * 100, count) };
}
