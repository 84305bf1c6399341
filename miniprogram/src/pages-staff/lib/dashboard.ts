import type { EvaluationDashboardView } from '@gongzhi/shared';

/** GET /api/evaluation/dashboard: the scope's figures, its children ranked (paged), the path above, next year's list. */
export type DashboardView = EvaluationDashboardView;
export type DashboardRow = DashboardView['rows'][number];
export type Figures = DashboardView['figures'];

/** Rows per request: enough for a phone screen; "more" fetches the next page. */
export const DASHBOARD_PAGE = 30;

/** Appends the next page; a row already shown (a repeated tap) is not listed twice. */
export function appendPage(prev: DashboardView, next: DashboardView): DashboardView {
  const seen = new Set(prev.rows.map((r) => r.code));
  return { ...next, rows: [...prev.rows, ...next.rows.filter((r) => !seen.has(r.code))] };
}

export const areaLabel = (r: { name: string; nameBo: string | null }, lang: 'zh' | 'bo') => (lang === 'bo' && r.nameBo ? r.nameBo : r.name);

type GradeKey = `staff.db.grade.${'excellent' | 'good' | 'qualified' | 'poor'}`;
type DimKey = `staff.db.dim.${'consultation' | 'planning' | 'results' | 'satisfaction'}`;
type Translate = (key: GradeKey | DimKey | 'staff.db.provisional' | 'staff.db.ungraded') => string;
const GRADES = new Set(['excellent', 'good', 'qualified', 'poor']);
const DIMENSIONS = new Set(['consultation', 'planning', 'results', 'satisfaction']);

/** The server sends codes with Chinese labels; the workbench words them itself (zh/bo), a new code keeps its label. */
export const gradeText = (t: Translate, grade: string, label: string) => (GRADES.has(grade) ? t(`staff.db.grade.${grade as 'good'}`) : label);
export const dimensionText = (t: Translate, dimension: string, label: string) =>
  DIMENSIONS.has(dimension) ? t(`staff.db.dim.${dimension as 'results'}`) : label;

/** A project's grade as shown: none before 竣工验收, marked 预评 during it. */
export function projectGradeText(t: Translate, p: NonNullable<DashboardRow['project']>): string {
  if (p.gradeKind === 'none' || !p.grade) return t('staff.db.ungraded');
  const g = gradeText(t, p.grade, p.gradeLabel);
  return p.gradeKind === 'provisional' ? `${g}（${t('staff.db.provisional')}）` : g;
}

export const meanText = (m: number | null) => (m === null ? '—' : m.toFixed(2));
export const pctText = (p: string | null) => (p === null ? '—' : `${p}%`);
