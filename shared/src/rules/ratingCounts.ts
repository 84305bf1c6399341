// Rating distributions from counters: the server keeps only `$sum` counts per score (1–5), so the distribution,
// sum and mean are rebuilt here from those counts, with the same rounding as ratingDistribution.
import { assertNonNegativeInt, RuleInputError } from './numbers';
import { meanFromSums, type RatingDistribution } from './evaluationRollup';

/** `byScore` lists { score, count } pairs (any order, repeated scores add up); scores must be 1–5. */
export function distributionFromCounts(byScore: readonly { score: number; count: number }[]): RatingDistribution {
  const counts: RatingDistribution['counts'] = [0, 0, 0, 0, 0];
  for (const { score, count } of byScore) {
    if (!Number.isInteger(score) || score < 1 || score > 5) throw new RuleInputError(`评分应为 1–5 的整数：${score}`);
    assertNonNegativeInt(count, '评分人数');
    counts[score - 1] += count;
  }
  const count = counts.reduce((a, b) => a + b, 0);
  const sum = counts.reduce((a, c, i) => a + c * (i + 1), 0);
  return { counts, sum, count, mean: count === 0 ? null : meanFromSums(sum * 100, count) };
}
