// Grade bands as a setting. The defaults are the province's 100-point scheme (优秀 > 95, 良好 85–95, 合格 75–85,
// 差 < 75), i.e. exactly gradeOfHundredths; another place may move the boundaries. Boundaries are integer hundredths.
import { assertNonNegativeInt, formatHundredths, RuleInputError } from './numbers';
import { type Grade, GRADE_LABELS, GRADES, type ProjectEvaluation } from './evaluation';
import { rollup, type Rollup, type ScoreSummary } from './evaluationRollup';

export interface GradeBands {
  /** 优秀 when the score is strictly above this. */
  excellentAboveHundredths: number;
  /** 良好 from this (inclusive) up to the excellent boundary (inclusive). */
  goodFromHundredths: number;
  /** 合格 from this (inclusive) up to the good boundary (exclusive); below it 差. */
  qualifiedFromHundredths: number;
}

export const DEFAULT_GRADE_BANDS: GradeBands = Object.freeze({
  excellentAboveHundredths: 9500,
  goodFromHundredths: 8500,
  qualifiedFromHundredths: 7500,
});

export function assertGradeBands(b: GradeBands): void {
  for (const v of [b.excellentAboveHundredths, b.goodFromHundredths, b.qualifiedFromHundredths]) {
    assertNonNegativeInt(v, '等级分数线（百分之一分）');
    if (v > 10000) throw new RuleInputError('等级分数线不能超过 100 分');
  }
  if (!(b.qualifiedFromHundredths <= b.goodFromHundredths && b.goodFromHundredths <= b.excellentAboveHundredths)) {
    throw new RuleInputError('等级分数线应满足：合格线 ≤ 良好线 ≤ 优秀线');
  }
}

export function gradeByBands(hundredths: number, b: GradeBands = DEFAULT_GRADE_BANDS): Grade {
  if (hundredths > b.excellentAboveHundredths) return 'excellent';
  if (hundredths >= b.goodFromHundredths) return 'good';
  if (hundredths >= b.qualifiedFromHundredths) return 'qualified';
  return 'poor';
}

const pts = (h: number) => formatHundredths(h).replace(/\.00$/, '');

export function gradeBandsRule(b: GradeBands = DEFAULT_GRADE_BANDS): string {
  const [e, g, q] = [pts(b.excellentAboveHundredths), pts(b.goodFromHundredths), pts(b.qualifiedFromHundredths)];
  return `优秀：高于 ${e} 分；良好：${g} 分至 ${e} 分（含 ${g}、${e}）；合格：${q} 分至 ${g} 分（含 ${q}，不含 ${g}）；差：低于 ${q} 分`;
}

/** The same evaluation graded with other bands (the total and dimension scores do not change). */
export function regradeEvaluation(e: ProjectEvaluation, b: GradeBands): ProjectEvaluation {
  assertGradeBands(b);
  const grade = gradeByBands(e.totalHundredths, b);
  const head = e.formula.split('，等级 ')[0];
  return { ...e, grade, gradeLabel: GRADE_LABELS[grade], formula: `${head}，等级 ${GRADE_LABELS[grade]}（${gradeBandsRule(b)}）` };
}

function redistribute<T extends ScoreSummary>(s: T, hundredths: readonly number[], b: GradeBands): T {
  const counts = new Map<Grade, number>(GRADES.map((g) => [g, 0]));
  for (const h of hundredths) counts.set(gradeByBands(h, b), counts.get(gradeByBands(h, b))! + 1);
  return { ...s, distribution: GRADES.map((g) => ({ grade: g, label: GRADE_LABELS[g], count: counts.get(g)! })) };
}

/** rollup() with the grade distribution counted under the given bands. */
export function rollupWithBands(scores: readonly { areaCode: string; score: number }[], b: GradeBands = DEFAULT_GRADE_BANDS): Rollup {
  assertGradeBands(b);
  const r = rollup(scores);
  const h = (code?: string) => scores.filter((s) => code === undefined || s.areaCode === code).map((s) => Math.round(s.score * 100));
  return { ...redistribute(r, h(), b), byArea: r.byArea.map((a) => redistribute(a, h(a.areaCode), b)) };
}
