// One set of evaluation figures for a filter (year, area, stage): the dashboard, its drill-down, the API and every
// export sheet are built from these functions, so they cannot disagree. Each figure carries its formula.
import { big, formatFen, formatHundredths, formatPercent, roundHalfUp, toSafeNumber } from './numbers';
import { EVALUATION_DIMENSION_LABELS, EVALUATION_DIMENSIONS, type EvaluationDimension, type Grade, GRADE_LABELS, GRADES, type Ratio } from './evaluation';
import { DEFAULT_GRADE_BANDS, gradeByBands, type GradeBands } from './gradeBands';
import { rankCandidates } from './evaluationRollup';
import { PROJECT_STATUS_LABELS, type ProjectStatus } from './projectLifecycle';

/** 后评价 gives the grade; during 竣工验收 (ratings still open) only a provisional grade, marked 预评; before, none. */
export type GradeKind = 'final' | 'provisional' | 'none';
export const gradeKindOf = (status: ProjectStatus): GradeKind => (status === 'evaluation' ? 'final' : status === 'acceptance' ? 'provisional' : 'none');
export const PROVISIONAL_MARK = '预评';
export const gradeLabelOf = (grade: Grade, kind: GradeKind) => (kind === 'provisional' ? `${GRADE_LABELS[grade]}（${PROVISIONAL_MARK}）` : GRADE_LABELS[grade]);
export const UNGRADED_LABEL = '未到评价阶段';

export const DRILL_LEVELS = ['region', 'prefecture', 'county', 'street', 'complex', 'project'] as const;
export type DrillLevel = (typeof DRILL_LEVELS)[number];
export const DRILL_LEVEL_LABELS: Record<DrillLevel, string> = {
  region: '自治区',
  prefecture: '地（市）',
  county: '县（区）',
  street: '街道',
  complex: '小区',
  project: '项目',
};
/** The level listed under an area (a community lists its complexes; the drill-down skips communities as the seed does). */
export function childLevelOf(level: string): DrillLevel | null {
  if (level === 'community') return 'complex';
  const i = DRILL_LEVELS.indexOf(level as DrillLevel);
  return i >= 0 && i < DRILL_LEVELS.length - 1 ? DRILL_LEVELS[i + 1] : null;
}

/** What one project contributes (the server reads it; every sum below is exact integer arithmetic). */
export interface ProjectFacts {
  projectId: string;
  complexCode: string;
  complexName: string;
  year: number;
  status: ProjectStatus;
  /** Area code at each drill level (null when the hierarchy skips it); `project` is the project id. */
  codes: Record<DrillLevel, string | null>;
  totalHundredths: number;
  dimensions: Record<EvaluationDimension, number>;
  /** Headcount taking part / electorate, summed over the project's decisive votes. */
  participation: Ratio;
  /** The latest 改不改 vote: approving / taking part, and taking part / electorate (next year's priority). */
  willingness: Ratio;
  whetherTurnout: Ratio;
  pledges: { receivedFen: number; targetFen: number; labourHalfDays: number };
  /** Overall ratings: counts[0] = 1 star … counts[4] = 5 stars. */
  ratings: [number, number, number, number, number];
}

export interface MeanFigure {
  count: number;
  sumHundredths: number;
  mean: number | null;
  formula: string;
}
export interface Figures {
  projects: number;
  graded: number;
  provisional: number;
  dimensions: ({ dimension: EvaluationDimension; label: string } & MeanFigure)[];
  total: MeanFigure;
  distribution: { grade: Grade; label: string; count: number }[];
  participation: Ratio & { percent: string | null; formula: string };
  pledges: { receivedFen: number; targetFen: number; labourDays: number; percent: string | null; formula: string };
  satisfaction: { counts: number[]; sum: number; count: number; mean: number | null; formula: string };
}

const pct = (r: Ratio) => (r.den ? formatPercent(r.num, r.den) : null);
const MAX_TERMS = 12;

function meanOf(label: string, hundredths: number[], what: string): MeanFigure {
  const sum = hundredths.reduce((a, b) => a + b, 0);
  const n = hundredths.length;
  if (!n) return { count: 0, sumHundredths: 0, mean: null, formula: `${label}：${what}暂无已评级项目` };
  const meanH = toSafeNumber(roundHalfUp(big(sum), big(n)), label);
  const terms = n <= MAX_TERMS ? hundredths.map(formatHundredths).join(' + ') : `合计 ${formatHundredths(sum)}`;
  return {
    count: n,
    sumHundredths: sum,
    mean: meanH / 100,
    formula: `${label} =（${terms}）÷ ${n} = ${formatHundredths(meanH)}（${what} ${n} 个已评级项目的平均）`,
  };
}

/** Figures of a set of projects. Scores and grades count graded projects only; turnout, pledges and ratings count all. */
export function figuresOf(facts: readonly ProjectFacts[], bands: GradeBands = DEFAULT_GRADE_BANDS): Figures {
  const graded = facts.filter((f) => gradeKindOf(f.status) !== 'none');
  const part = facts.reduce((a, f) => ({ num: a.num + f.participation.num, den: a.den + f.participation.den }), { num: 0, den: 0 });
  const pl = facts.reduce(
    (a, f) => ({
      receivedFen: a.receivedFen + f.pledges.receivedFen,
      targetFen: a.targetFen + f.pledges.targetFen,
      h: a.h + f.pledges.labourHalfDays,
    }),
    { receivedFen: 0, targetFen: 0, h: 0 },
  );
  const counts = [0, 0, 0, 0, 0];
  for (const f of facts)
    f.ratings.forEach((c, i) => {
      counts[i] += c;
    });
  const rCount = counts.reduce((a, b) => a + b, 0);
  const rSum = counts.reduce((a, c, i) => a + c * (i + 1), 0);
  const rMean = rCount ? toSafeNumber(roundHalfUp(big(rSum * 100), big(rCount)), '平均评分') / 100 : null;
  const dist = new Map<Grade, number>(GRADES.map((g) => [g, 0]));
  for (const f of graded) {
    const g = gradeByBands(f.totalHundredths, bands);
    dist.set(g, dist.get(g)! + 1);
  }
  const plPct = pct({ num: pl.receivedFen, den: pl.targetFen });
  return {
    projects: facts.length,
    graded: graded.length,
    provisional: graded.filter((f) => f.status === 'acceptance').length,
    dimensions: EVALUATION_DIMENSIONS.map((d) => ({
      dimension: d,
      label: EVALUATION_DIMENSION_LABELS[d],
      ...meanOf(
        EVALUATION_DIMENSION_LABELS[d],
        graded.map((f) => f.dimensions[d]),
        '各',
      ),
    })),
    total: meanOf(
      '总分',
      graded.map((f) => f.totalHundredths),
      '各',
    ),
    distribution: GRADES.map((g) => ({ grade: g, label: GRADE_LABELS[g], count: dist.get(g)! })),
    participation: {
      ...part,
      percent: pct(part),
      formula: `参与率 = 参与表决人数 ${part.num} ÷ 应参与人数 ${part.den} = ${pct(part) ?? '—'}%（${facts.length} 个项目的决定性表决合计）`,
    },
    pledges: {
      receivedFen: pl.receivedFen,
      targetFen: pl.targetFen,
      labourDays: pl.h / 2,
      percent: plPct,
      formula: `认捐到位率 = 已确认及已兑现的出资 ¥${formatFen(pl.receivedFen)} ÷ 居民出资计划 ¥${formatFen(pl.targetFen)} = ${plPct ?? '—'}%；另认捐劳务 ${pl.h / 2} 天`,
    },
    satisfaction: {
      counts,
      sum: rSum,
      count: rCount,
      mean: rMean,
      formula: rCount ? `平均评分 = 评分合计 ${rSum} ÷ 评价户数 ${rCount} = ${rMean!.toFixed(2)}（1–5 星各 ${counts.join('、')} 户）` : '平均评分：暂无评价',
    },
  };
}

export interface DrillChild {
  code: string;
  level: DrillLevel;
  rank: number | null;
  figures: Figures;
  project: ProjectFacts | null;
}

/**
 * The scope's figures, one row per child (next level down; under a complex its projects), ranked by mean total
 * (children without a graded project last, by code), and next year's priority: projects in 储备 by willingness,
 * then participation (rankCandidates).
 */
export function drillDown(facts: readonly ProjectFacts[], scopeLevel: string, bands: GradeBands = DEFAULT_GRADE_BANDS) {
  const level = childLevelOf(scopeLevel);
  const groups = new Map<string, ProjectFacts[]>();
  if (level) {
    for (const f of facts) {
      const code = f.codes[level] ?? '未归属';
      groups.set(code, [...(groups.get(code) ?? []), f]);
    }
  }
  const rows = [...groups.entries()].map(([code, fs]) => ({
    code,
    level: level!,
    figures: figuresOf(fs, bands),
    project: level === 'project' ? fs[0] : null,
  }));
  rows.sort((a, b) => (b.figures.total.mean ?? -1) - (a.figures.total.mean ?? -1) || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  let rank = 0;
  const children: DrillChild[] = rows.map((r, i) => {
    if (r.figures.total.mean !== null && (i === 0 || r.figures.total.mean !== rows[i - 1].figures.total.mean)) rank = i + 1;
    return { ...r, rank: r.figures.total.mean === null ? null : rank };
  });
  const priority = rankCandidates(
    facts
      .filter((f) => f.status === 'reserve')
      .map((f) => ({
        complexCode: f.complexCode,
        willingnessApprovalRate: f.willingness,
        participationRate: f.whetherTurnout,
        facts: f,
      })),
  );
  return { level, figures: figuresOf(facts, bands), children, priority };
}

export const stageLabel = (s: ProjectStatus) => PROJECT_STATUS_LABELS[s];
