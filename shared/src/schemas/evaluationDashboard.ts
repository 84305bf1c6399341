// The official's dashboard and drill-down: the scope's figures, one row per child area (under a complex, its
// projects) and next year's priority list, all from figuresOf/drillDown (shared/src/rules/evaluationFigures.ts).
import { z } from 'zod';
import { EvaluationScopeQuery } from './evaluation';

export const EVALUATION_DASHBOARD_PAGE_MAX = 100;

export const EvaluationDashboardQuery = EvaluationScopeQuery.extend({
  limit: z.coerce.number().int().min(1).max(EVALUATION_DASHBOARD_PAGE_MAX).default(50),
  /** Rows already shown (children come ranked, so paging is by position). */
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

const Ratio = z.object({ num: z.number().int(), den: z.number().int() });
const Mean = z.object({ count: z.number().int(), sumHundredths: z.number().int(), mean: z.number().nullable(), formula: z.string() });
export const FiguresView = z.object({
  projects: z.number().int(),
  graded: z.number().int(),
  provisional: z.number().int(),
  dimensions: z.array(Mean.extend({ dimension: z.string(), label: z.string() })),
  total: Mean,
  distribution: z.array(z.object({ grade: z.string(), label: z.string(), count: z.number().int() })),
  participation: Ratio.extend({ percent: z.string().nullable(), formula: z.string() }),
  pledges: z.object({
    receivedFen: z.number().int(),
    targetFen: z.number().int(),
    labourDays: z.number(),
    percent: z.string().nullable(),
    formula: z.string(),
  }),
  satisfaction: z.object({
    counts: z.array(z.number().int()),
    sum: z.number().int(),
    count: z.number().int(),
    mean: z.number().nullable(),
    formula: z.string(),
  }),
});
export type FiguresView = z.infer<typeof FiguresView>;

const AreaRef = z.object({ code: z.string(), name: z.string(), nameBo: z.string().nullable(), level: z.string() });
export const DashboardProject = z.object({
  projectId: z.string(),
  complexCode: z.string(),
  complexName: z.string(),
  year: z.number().int(),
  status: z.string(),
  statusLabel: z.string(),
  /** null before 竣工验收; 'provisional' (预评) during it; 'final' in 后评价. */
  gradeKind: z.enum(['final', 'provisional', 'none']),
  total: z.number().nullable(),
  grade: z.string().nullable(),
  gradeLabel: z.string(),
});
export const EvaluationDashboardRow = AreaRef.extend({ rank: z.number().int().nullable(), figures: FiguresView, project: DashboardProject.nullable() });
export type EvaluationDashboardRow = z.infer<typeof EvaluationDashboardRow>;
const Rate = Ratio.extend({ percent: z.string() });
export const PriorityRow = z.object({
  rank: z.number().int(),
  projectId: z.string(),
  complexCode: z.string(),
  complexName: z.string(),
  year: z.number().int(),
  willingness: Rate,
  participation: Rate,
  explanation: z.string(),
});

export const EvaluationDashboardView = AreaRef.extend({
  levelLabel: z.string(),
  childLevel: z.string().nullable(),
  childLevelLabel: z.string().nullable(),
  year: z.number().nullable(),
  stage: z.string().nullable(),
  gradeRule: z.string(),
  /** From the highest area the caller may read down to this one. */
  breadcrumb: z.array(AreaRef),
  /** Over every project of the scope and filter (not only this page). */
  figures: FiguresView,
  rows: z.array(EvaluationDashboardRow),
  totalRows: z.number().int(),
  nextOffset: z.number().int().nullable(),
  priority: z.array(PriorityRow),
});
export type EvaluationDashboardView = z.infer<typeof EvaluationDashboardView>;
