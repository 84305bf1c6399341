// Threshold tests for Civil Code Art. 278 tallies: exact integer cross-multiplication, with the arithmetic spelled out
// in Chinese so every published result can show numerators, denominators and the required value.
import { big, ceilDiv, floorDiv, formatArea, type Fraction, ONE, toSafeNumber } from './numbers';

export type Rule = 'civil_major' | 'civil_ordinary' | 'simple_majority' | 'survey';
export type Measure = 'area' | 'headcount';
/** 'gte' = 以上 (at least the fraction); 'gt' = 过半数 (strictly more than the fraction). */
export type Comparison = 'gte' | 'gt';

export interface ThresholdTest {
  measure: Measure;
  /** Area tests are in integer hundredths of m²; headcount tests in persons. */
  value: number;
  base: number;
  fraction: Fraction;
  comparison: Comparison;
  /** The smallest integer value that passes (hundredths of m² for area). */
  required: number;
  passed: boolean;
  text: string;
}

export interface RuleSpec {
  participation: Fraction | null;
  approval: Fraction | null;
  approvalComparison: Comparison;
  /** Whether the approval test also applies to area (Civil Code rules) or only to headcount. */
  approvalByArea: boolean;
  decides: boolean;
  text: string;
}

export const TWO_THIRDS: Fraction = { num: 2, den: 3 };
export const THREE_QUARTERS: Fraction = { num: 3, den: 4 };
export const ONE_HALF: Fraction = { num: 1, den: 2 };

export const RULE_SPECS: Record<Rule, RuleSpec> = {
  civil_major: {
    participation: TWO_THIRDS,
    approval: THREE_QUARTERS,
    approvalComparison: 'gte',
    approvalByArea: true,
    decides: true,
    text:
      '适用民法典第二百七十八条第二款第（六）至（八）项（筹集维修资金、改建重建、改变共有部分用途等）：' +
      '专有部分面积和人数均占三分之二以上的业主参与表决，且经参与表决专有部分面积四分之三以上、人数四分之三以上的业主同意',
  },
  civil_ordinary: {
    participation: TWO_THIRDS,
    approval: ONE_HALF,
    approvalComparison: 'gt',
    approvalByArea: true,
    decides: true,
    text: '适用民法典第二百七十八条第二款其他事项：专有部分面积和人数均占三分之二以上的业主参与表决，' + '且经参与表决专有部分面积过半数、人数过半数的业主同意',
  },
  simple_majority: {
    participation: null,
    approval: ONE_HALF,
    approvalComparison: 'gt',
    approvalByArea: false,
    decides: true,
    text: '适用简单多数：不设参与门槛、不计面积，按参与人数计；是否题同意人数须超过参与人数的二分之一，' + '选择题得票人数最多且唯一的选项胜出',
  },
  survey: {
    participation: null,
    approval: null,
    approvalComparison: 'gte',
    approvalByArea: false,
    decides: false,
    text: '问卷调查：只统计意见，不作决定',
  },
};

const FRACTION_ZH: Record<string, string> = { '1/2': '二分之一', '2/3': '三分之二', '3/4': '四分之三' };
export const fractionZh = (f: Fraction): string => FRACTION_ZH[`${f.num}/${f.den}`] ?? `${f.num}/${f.den}`;

export const formatMeasure = (measure: Measure, value: number): string => (measure === 'area' ? `${formatArea(value)}㎡` : `${value} 人`);

/** Smallest integer v with v/base ≥ f (gte) or v/base > f (gt). */
export function requiredValue(base: number, f: Fraction, comparison: Comparison): number {
  const scaled = big(base) * big(f.num);
  const den = big(f.den);
  const req = comparison === 'gte' ? ceilDiv(scaled, den) : floorDiv(scaled, den) + ONE;
  return toSafeNumber(req, '门槛');
}

/** Exact comparison value/base against f by cross-multiplication; a zero base never passes. */
export function meetsFraction(value: number, base: number, f: Fraction, comparison: Comparison): boolean {
  if (base <= 0) return false;
  const lhs = big(value) * big(f.den);
  const rhs = big(base) * big(f.num);
  return comparison === 'gte' ? lhs >= rhs : lhs > rhs;
}

export interface ThresholdLabels {
  /** e.g. "参与表决专有部分面积" */
  subject: string;
  /** e.g. "总面积" */
  baseLabel: string;
}

export function thresholdTest(
  measure: Measure,
  value: number,
  base: number,
  fraction: Fraction,
  comparison: Comparison,
  labels: ThresholdLabels,
): ThresholdTest {
  const required = requiredValue(base, fraction, comparison);
  const passed = meetsFraction(value, base, fraction, comparison);
  const fmt = (v: number) => formatMeasure(measure, v);
  const relation =
    comparison === 'gte'
      ? `${passed ? '达到' : '未达'}${labels.baseLabel} ${fmt(base)} 的${fractionZh(fraction)}`
      : `${passed ? '超过' : '未超过'}${labels.baseLabel} ${fmt(base)} 的${fractionZh(fraction)}`;
  const need = base > 0 ? `（需至少 ${fmt(required)}）` : `（${labels.baseLabel}为 0，无法计算）`;
  return {
    measure,
    value,
    base,
    fraction,
    comparison,
    required,
    passed,
    text: `${labels.subject} ${fmt(value)} ${relation}${need}`,
  };
}
