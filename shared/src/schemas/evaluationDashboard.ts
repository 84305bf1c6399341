// The official's dashboard: one row per complex in a scope (participation, pledges, satisfaction, evaluation).
import { z } from 'zod';
import { EvaluationScopeQuery } from './evaluation';

export const EVALUATION_DASHBOARD_PAGE_MAX = 100;

export const EvaluationDashboardQuery = EvaluationScopeQuery.extend({
  limit: z.coerce.number().int().min(1).max(EVALUATION_DASHBOARD_PAGE_MAX).default(30),
  /** The last complex code of the previous page (complexes come in code order). */
  cursor: z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/).optional(),
});

const Ratio = z.object({ num: z.number().int(), den: z.number().int() });
const Satisfaction = z.object({ sum: z.number().int(), count: z.number().int(), mean: z.number().nullable() });

export const EvaluationDashboardRow = z.object({
  complexCode: z.string(), complexName: z.string(), complexNameBo: z.string().nullable(),
  /** The complex's newest project (by year, then creation), or null. */
  projectId: z.string().nullable(), projectStatus: z.string().nullable(), projectStatusLabel: z.string().nullable(),
  /** Headcount of the latest consultation that opened: participating / electorate (frozen result once closed). */
  participation: Ratio.extend({ consultationId: z.string(), title: z.string(), status: z.string() }).nullable(),
  /** Money received (confirmed + fulfilled pledges) against the residents' share of the funding plan, in fen. */
  pledges: z.object({ receivedFen: z.number().int(), targetFen: z.number().int() }).nullable(),
  satisfaction: Satisfaction.nullable(),
  evaluation: z.object({
    total: z.number(), totalHundredths: z.number().int(), grade: z.string(), gradeLabel: z.string(), year: z.number().int(),
    dimensions: z.array(z.object({ dimension: z.string(), label: z.string(), score: z.number() })),
  }).nullable(),
});
export type EvaluationDashboardRow = z.infer<typeof EvaluationDashboardRow>;

export const EvaluationDashboardView = z.object({
  scope: z.string(), scopeName: z.string(), scopeNameBo: z.string().nullable(), year: z.number().nullable(),
  /** Over every complex of the scope (not only this page): sums of numerators and denominators. */
  totals: z.object({
    complexes: z.number().int(), projects: z.number().int(), participation: Ratio,
    pledges: z.object({ receivedFen: z.number().int(), targetFen: z.number().int() }), satisfaction: Satisfaction,
  }),
  rows: z.array(EvaluationDashboardRow),
  nextCursor: z.string().nullable(),
});
export type EvaluationDashboardView = z.infer<typeof EvaluationDashboardView>;
