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

/** The evaluation table: complexes whose newest project has a score, best first (ties by complex code). */
export function evaluationTable(rows: readonly DashboardRow[]) {
  return rows
    .filter((r): r is DashboardRow & { evaluation: NonNullable<DashboardRow['evaluation']> } => !!r.evaluation)
    .sort((a, b) => b.evaluation.totalHundredths - a.evaluation.totalHundredths || (a.complexCode < b.complexCode ? -1 : 1));
}
