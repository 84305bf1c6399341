import type { EvaluationDashboardView } from '@gongzhi/shared';

/** GET /api/evaluation/dashboard: one row per complex; totals cover the whole scope on every page. */
export type DashboardView = EvaluationDashboardView;
export type DashboardRow = DashboardView['rows'][number];

/** Complexes per request: enough for a phone screen; "more" fetches the next page. */
export const DASHBOARD_PAGE = 30;

/** Appends the next page; a row already shown (a repeated tap) is not listed twice. */
export function appendPage(prev: DashboardView, next: DashboardView): DashboardView {
  const seen = new Set(prev.rows.map((r) => r.complexCode));
  return { ...next, rows: [...prev.rows, ...next.rows.filter((r) => !seen.has(r.complexCode))] };
}

export const complexLabel = (r: Pick<DashboardRow, 'complexName' | 'complexNameBo'>, lang: 'zh' | 'bo') =>
  (lang === 'bo' && r.complexNameBo ? r.complexNameBo : r.complexName);

type Translate = (key: `staff.db.grade.${'excellent' | 'good' | 'qualified' | 'poor'}` | `staff.db.dim.${'consultation' | 'planning' | 'results' | 'satisfaction'}`) => string;
const GRADES = new Set(['excellent', 'good', 'qualified', 'poor']);
const DIMENSIONS = new Set(['consultation', 'planning', 'results', 'satisfaction']);

/** The server sends codes with Chinese labels; the workbench words them itself (zh/bo), a new code keeps its label. */
export const gradeText = (t: Translate, grade: string, label: string) => (GRADES.has(grade) ? t(`staff.db.grade.${grade as 'good'}`) : label);
export const dimensionText = (t: Translate, dimension: string, label: string) =>
  (DIMENSIONS.has(dimension) ? t(`staff.db.dim.${dimension as 'results'}`) : label);

/** The evaluation table: complexes whose newest project has a score, best first (ties by complex code). */
export function evaluationTable(rows: readonly DashboardRow[]) {
  return rows
    .filter((r): r is DashboardRow & { evaluation: NonNullable<DashboardRow['evaluation']> } => !!r.evaluation)
    .sort((a, b) => b.evaluation.totalHundredths - a.evaluation.totalHundredths || (a.complexCode < b.complexCode ? -1 : 1));
}
