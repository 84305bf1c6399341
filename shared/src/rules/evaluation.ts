// 效果共评: the policy's four self-evaluation dimensions (民意协商、方案编制、改造成效、满意度), each 0–100, a weighted
// total and a grade. Scores are kept as integer hundredths of a point and computed from exact fractions, then rounded
// half-up once, so the published numbers can be re-derived by hand.
import { assertNonNegativeInt, big, type Fraction, formatHundredths, formatPercent, roundHalfUp, RuleInputError, toSafeNumber, ZERO } from './numbers';
import type { TallyResult } from './tally';

/** A count ratio such as participating / total. A zero denominator is handled per component (see notes). */
export type Ratio = Fraction;

export type EvaluationDimension = 'consultation' | 'planning' | 'results' | 'satisfaction';
export const EVALUATION_DIMENSIONS: readonly EvaluationDimension[] = ['consultation', 'planning', 'results', 'satisfaction'];
export const EVALUATION_DIMENSION_LABELS: Record<EvaluationDimension, string> = {
  consultation: '民意协商',
  planning: '方案编制',
  results: '改造成效',
  satisfaction: '满意度',
};

export type Grade = 'excellent' | 'good' | 'qualified' | 'poor';
export const GRADES: readonly Grade[] = ['excellent', 'good', 'qualified', 'poor'];
export const GRADE_LABELS: Record<Grade, string> = { excellent: '优秀', good: '良好', qualified: '合格', poor: '差' };
export const GRADE_RULE = '优秀：高于 95 分；良好：85 分至 95 分（含 85、95）；合格：75 分至 85 分（含 75，不含 85）；差：低于 75 分';

export interface ScoreComponent {
  key: string;
  label: string;
  /** The rate actually used (after the zero-denominator rule): num/den, 0 ≤ num ≤ den, den > 0. */
  num: number;
  den: number;
  percent: string;
  note?: string;
}

export interface DimensionScore {
  dimension: EvaluationDimension;
  label: string;
  /** 0–100 with 2 decimals. */
  score: number;
  scoreHundredths: number;
  components: ScoreComponent[];
  formula: string;
}

const toScore = (hundredths: number) => hundredths / 100;

/** Build a component; `ifEmpty` is the rate used when den is 0 (e.g. no objections → fully answered). */
function component(key: string, label: string, r: Ratio, ifEmpty: { full: boolean; note: string }, cap = false): ScoreComponent {
  assertNonNegativeInt(r.num, `${label}分子`);
  assertNonNegativeInt(r.den, `${label}分母`);
  if (r.den === 0) {
    const num = ifEmpty.full ? 1 : 0;
    return { key, label, num, den: 1, percent: formatPercent(num, 1), note: ifEmpty.note };
  }
  let num = r.num;
  if (num > r.den) {
    if (!cap) throw new RuleInputError(`${label}的分子 ${r.num} 大于分母 ${r.den}`);
    num = r.den;
  }
  return { key, label, num, den: r.den, percent: formatPercent(num, r.den), note: cap && r.num > r.den ? '超过 100% 按 100% 计' : undefined };
}

const fromBoolean = (key: string, label: string, value: boolean | Ratio): ScoreComponent =>
  typeof value === 'boolean'
    ? { key, label, num: value ? 1 : 0, den: 1, percent: value ? '100.00' : '0.00', note: value ? '是' : '否' }
    : component(key, label, value, { full: false, note: '无数据，按 0 计' }, true);

/** 100 × arithmetic mean of the component rates, exact, rounded half-up to hundredths. */
function dimension(dim: EvaluationDimension, components: ScoreComponent[]): DimensionScore {
  let num = ZERO;
  let den = big(1);
  for (const c of components) {
    num = num * big(c.den) + big(c.num) * den;
    den = den * big(c.den);
  }
  const hundredths = toSafeNumber(roundHalfUp(num * big(10000), den * big(components.length)), '得分');
  const label = EVALUATION_DIMENSION_LABELS[dim];
  return {
    dimension: dim,
    label,
    score: toScore(hundredths),
    scoreHundredths: hundredths,
    components,
    formula: `${label}得分 = 100 ×（${components.map((c) => `${c.label} ${c.num}/${c.den}`).join(' + ')}）÷ ${components.length} = ${formatHundredths(hundredths)}`,
  };
}

export interface ConsultationInputs {
  areaParticipation: Ratio;
  headcountParticipation: Ratio;
  approval: Ratio;
}

export function consultationScore(i: ConsultationInputs): DimensionScore {
  const none = { full: false, note: '无表决数据，按 0 计' };
  return dimension('consultation', [
    component('areaParticipation', '面积参与率', i.areaParticipation, none),
    component('headcountParticipation', '人数参与率', i.headcountParticipation, none),
    component('approval', '同意率', i.approval, none),
  ]);
}

/**
 * Sum a project's decisive consultations into consultation inputs: participation from the actual ballots (plain
 * count, not covenant additions); approval = approving headcount of 'approve' (yes/no) or of the leading option
 * (pick-one) over participating headcount. Surveys are left out: they decide nothing.
 */
export function consultationInputsFromTallies(results: readonly TallyResult[]): ConsultationInputs {
  const acc = { pa: 0, ta: 0, ph: 0, th: 0, ah: 0 };
  for (const r of results) {
    if (!r.decides) continue;
    const c = r.plain;
    acc.pa += c.participatingAreaHundredths;
    acc.ta += c.totalAreaHundredths;
    acc.ph += c.participatingHeadcount;
    acc.th += c.totalHeadcount;
    acc.ah += Math.max(0, ...c.approval.map((a) => a.approvingHeadcount));
  }
  return {
    areaParticipation: { num: acc.pa, den: acc.ta },
    headcountParticipation: { num: acc.ph, den: acc.th },
    approval: { num: acc.ah, den: acc.ph },
  };
}

export interface PlanningInputs {
  /** Plan publicity shown for its full period: boolean, or days shown / days required (capped at 100%). */
  publicity: boolean | Ratio;
  objectionsAnswered: number;
  objectionsTotal: number;
}

export function planningScore(i: PlanningInputs): DimensionScore {
  return dimension('planning', [
    fromBoolean('publicity', '方案公示期满', i.publicity),
    component('objectionsAnswered', '异议答复率', { num: i.objectionsAnswered, den: i.objectionsTotal }, { full: true, note: '无异议，按 100% 计' }),
  ]);
}

export interface ResultsInputs {
  itemsCompleted: number;
  itemsPlanned: number;
  /** On schedule: boolean, or items finished on time / items finished. */
  onSchedule: boolean | Ratio;
  accepted: boolean;
}

export function resultsScore(i: ResultsInputs): DimensionScore {
  return dimension('results', [
    component('completion', '改造项目完成率', { num: i.itemsCompleted, den: i.itemsPlanned }, { full: false, note: '无计划项目，按 0 计' }),
    fromBoolean('onSchedule', '按期完成', i.onSchedule),
    fromBoolean('accepted', '通过竣工验收', i.accepted),
  ]);
}

export interface SatisfactionInputs {
  /** Sum of 1–5 ratings and their count (as kept by $sum counters). */
  ratingSum: number;
  ratingCount: number;
}

/** Mean rating m on 1–5 maps linearly to 100 × (m − 1) / 4, i.e. (sum − count) / (4 × count); no ratings → 0. */
export function satisfactionScore(i: SatisfactionInputs): DimensionScore {
  assertNonNegativeInt(i.ratingSum, '评分合计');
  assertNonNegativeInt(i.ratingCount, '评分人数');
  if (i.ratingSum < i.ratingCount || i.ratingSum > 5 * i.ratingCount) {
    throw new RuleInputError(`评分合计 ${i.ratingSum} 与人数 ${i.ratingCount} 不符（每人 1–5 分）`);
  }
  const c = component('rating', '平均评分折算', { num: i.ratingSum - i.ratingCount, den: 4 * i.ratingCount }, { full: false, note: '暂无评价，按 0 计' });
  const d = dimension('satisfaction', [c]);
  d.formula = `满意度得分 = 100 ×（评分合计 ${i.ratingSum} − 人数 ${i.ratingCount}）÷（4 × ${i.ratingCount}）= ${formatHundredths(d.scoreHundredths)}`;
  return d;
}

export type EvaluationWeights = Record<EvaluationDimension, number>;
export const DEFAULT_EVALUATION_WEIGHTS: EvaluationWeights = Object.freeze({ consultation: 1, planning: 1, results: 1, satisfaction: 1 });

export interface ProjectEvaluation {
  dimensions: DimensionScore[];
  weights: EvaluationWeights;
  total: number;
  totalHundredths: number;
  grade: Grade;
  gradeLabel: string;
  formula: string;
}

/** Grade of a score with 2 decimals (boundaries: 95 → 良好, 85 → 良好, 75 → 合格). */
export function gradeOf(score: number): Grade {
  return gradeOfHundredths(Math.round(score * 100));
}

export function gradeOfHundredths(h: number): Grade {
  if (h > 9500) return 'excellent';
  if (h >= 8500) return 'good';
  if (h >= 7500) return 'qualified';
  return 'poor';
}

/** Total = Σ weight × dimension score ÷ Σ weight (from the rounded dimension scores), rounded half-up to 2 decimals. */
export function evaluateProject(input: {
  consultation: ConsultationInputs;
  planning: PlanningInputs;
  results: ResultsInputs;
  satisfaction: SatisfactionInputs;
  weights?: Partial<EvaluationWeights>;
}): ProjectEvaluation {
  const weights = { ...DEFAULT_EVALUATION_WEIGHTS, ...input.weights };
  for (const d of EVALUATION_DIMENSIONS) assertNonNegativeInt(weights[d], `${EVALUATION_DIMENSION_LABELS[d]}权重`);
  const wSum = EVALUATION_DIMENSIONS.reduce((s, d) => s + weights[d], 0);
  if (wSum === 0) throw new RuleInputError('评价权重合计不能为 0');
  const dimensions = [consultationScore(input.consultation), planningScore(input.planning), resultsScore(input.results), satisfactionScore(input.satisfaction)];
  const weighted = dimensions.reduce((s, d) => s + big(weights[d.dimension]) * big(d.scoreHundredths), ZERO);
  const totalHundredths = toSafeNumber(roundHalfUp(weighted, big(wSum)), '总分');
  const grade = gradeOfHundredths(totalHundredths);
  const terms = dimensions.map((d) => `${weights[d.dimension]} × ${formatHundredths(d.scoreHundredths)}`).join(' + ');
  return {
    dimensions,
    weights,
    total: toScore(totalHundredths),
    totalHundredths,
    grade,
    gradeLabel: GRADE_LABELS[grade],
    formula: `总分 =（${terms}）÷ ${wSum} = ${formatHundredths(totalHundredths)}，等级 ${GRADE_LABELS[grade]}（${GRADE_RULE}）`,
  };
}
