// The published result's arithmetic, turned into lines and bars for the screen. Pure; types only from shared.
import type { ThresholdTest } from '@gongzhi/shared/src/rules/thresholds';
import type { TallyCounts } from '@gongzhi/shared/src/rules/tallyCounts';
import type { TallyResult } from '@gongzhi/shared/src/rules/tally';
import type { ItemResult, RankingSummary } from '@gongzhi/shared/src/rules/tallyItems';
import { countTests } from '@gongzhi/shared';
import { permilleOf, formatPermille } from '../components/BarChart/data';
import { hundredthsText } from './labels';

export type { TallyResult, ItemResult, RankingSummary, ThresholdTest, TallyCounts };

export interface ArithmeticLine {
  /** 'participation' | 'approval' */
  stage: 'participation' | 'approval';
  measure: 'area' | 'headcount';
  value: string;
  base: string;
  percent: string;
  /** "2/3", "3/4", "1/2" */
  fraction: string;
  comparison: 'gte' | 'gt';
  required: string;
  passed: boolean;
}

const fmt = (measure: 'area' | 'headcount', v: number) => (measure === 'area' ? `${hundredthsText(v)}㎡` : String(v));

export function arithmeticLine(stage: ArithmeticLine['stage'], test: ThresholdTest): ArithmeticLine {
  return {
    stage,
    measure: test.measure,
    value: fmt(test.measure, test.value),
    base: fmt(test.measure, test.base),
    percent: formatPermille(permilleOf(test.value, test.base)),
    fraction: `${test.fraction.num}/${test.fraction.den}`,
    comparison: test.comparison,
    required: fmt(test.measure, test.required),
    passed: test.passed,
  };
}

/** Participation tests, then each approval test of the deciding count (the winner's, or every option's). */
export function arithmeticOf(counts: TallyCounts, winner: string | null): ArithmeticLine[] {
  return countTests(counts, { winnerOnly: winner }).map((c) => arithmeticLine(c.stage, c.test));
}

export const isTallyResult = (x: unknown): x is TallyResult => typeof x === 'object' && x !== null && 'plain' in x && 'ruleText' in x;
export const isItemResults = (x: unknown): x is ItemResult[] =>
  Array.isArray(x) && x.every((i) => typeof i === 'object' && i !== null && 'itemId' in i && 'result' in i);
export const isRanking = (x: unknown): x is RankingSummary => typeof x === 'object' && x !== null && 'rows' in x && 'method' in x;
export const isRatingDistribution = (x: unknown): x is { counts: number[]; count: number; mean: number | null } =>
  typeof x === 'object' && x !== null && Array.isArray((x as { counts?: unknown }).counts) && 'mean' in x;

/** The count that decides (covenant count when present). */
export const decidingCounts = (r: TallyResult): TallyCounts => (r.basis === 'covenant' && r.covenant ? r.covenant.counts : r.plain);
