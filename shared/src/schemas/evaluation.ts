// Performance evaluation (绩效评价): settings, per-project scores with their inputs, roll-ups, ranking, candidates.
import { z } from 'zod';
import { ProjectRefId } from './projects';
import { PROJECT_STATUSES } from '../rules/projectLifecycle';

const Points = z
  .number()
  .min(0)
  .max(100)
  .refine((n) => Math.abs(Math.round(n * 100) - n * 100) < 1e-6, '分数线最多两位小数');
const Weight = z.number().int().min(0).max(100);
export const EvaluationSettingsBody = z.object({
  weights: z.object({ consultation: Weight, planning: Weight, results: Weight, satisfaction: Weight }),
  bands: z.object({ excellentAbove: Points, goodFrom: Points, qualifiedFrom: Points }),
  planPublicityDays: z.number().int().min(1).max(90),
  ratingWindowDays: z.number().int().min(1).max(365),
});
export type EvaluationSettingsBody = z.infer<typeof EvaluationSettingsBody>;
export const EvaluationSettingsView = EvaluationSettingsBody.extend({ gradeRule: z.string(), updatedAt: z.string().nullable() });

export const EVALUATION_LEVELS = ['community', 'street', 'county', 'prefecture', 'region'] as const;
export const EVALUATION_LEVEL_LABELS = { community: '社区', street: '街道', county: '县（区）', prefecture: '地（市）', region: '自治区' } as const;
export const EvaluationScopeQuery = z.object({
  scope: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9_-]+$/),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  /** Only projects in this stage. */
  stage: z.enum(PROJECT_STATUSES).optional(),
});
export const RollupQuery = EvaluationScopeQuery.extend({ level: z.enum(EVALUATION_LEVELS) });
export const EvaluationProjectParams = z.object({ id: ProjectRefId });

const Component = z.object({ key: z.string(), label: z.string(), num: z.number(), den: z.number(), percent: z.string(), note: z.string().optional() });
const Dimension = z.object({
  dimension: z.string(),
  label: z.string(),
  score: z.number(),
  scoreHundredths: z.number(),
  components: z.array(Component),
  formula: z.string(),
  inputs: z.record(z.string(), z.unknown()),
});
export const ProjectEvaluationView = z.object({
  projectId: z.string(),
  complexCode: z.string(),
  complexName: z.string(),
  year: z.number(),
  status: z.string(),
  statusLabel: z.string(),
  dimensions: z.array(Dimension),
  weights: z.record(z.string(), z.number()),
  total: z.number(),
  totalHundredths: z.number(),
  /** A grade only in 后评价 ('final') or, marked 预评, during 竣工验收 ('provisional'); null before. */
  grade: z.string().nullable(),
  gradeKind: z.enum(['final', 'provisional', 'none']),
  gradeLabel: z.string(),
  formula: z.string(),
  computedAt: z.string(),
});
export type ProjectEvaluationView = z.infer<typeof ProjectEvaluationView>;

const Summary = z.object({
  count: z.number(),
  sumHundredths: z.number(),
  mean: z.number().nullable(),
  distribution: z.array(z.object({ grade: z.string(), label: z.string(), count: z.number() })),
});
export const RollupView = Summary.extend({
  scope: z.string(),
  scopeName: z.string(),
  level: z.enum(EVALUATION_LEVELS),
  levelLabel: z.string(),
  year: z.number().nullable(),
  byArea: z.array(Summary.extend({ areaCode: z.string(), areaName: z.string() })),
});
export const RankingView = z.object({
  scope: z.string(),
  year: z.number().nullable(),
  stage: z.string().nullable(),
  rows: z.array(
    z.object({
      rank: z.number(),
      projectId: z.string(),
      complexCode: z.string(),
      complexName: z.string(),
      year: z.number(),
      total: z.number(),
      totalHundredths: z.number(),
      grade: z.string(),
      gradeKind: z.enum(['final', 'provisional']),
      gradeLabel: z.string(),
      status: z.string(),
      statusLabel: z.string(),
      dimensions: z.array(z.object({ label: z.string(), score: z.number() })),
    }),
  ),
});
export const CandidatesView = z.object({
  scope: z.string(),
  year: z.number().nullable(),
  rule: z.string(),
  rows: z.array(
    z.object({
      rank: z.number(),
      projectId: z.string(),
      complexCode: z.string(),
      complexName: z.string(),
      year: z.number(),
      willingness: z.object({ num: z.number(), den: z.number(), percent: z.string() }),
      participation: z.object({ num: z.number(), den: z.number(), percent: z.string() }),
      explanation: z.string(),
    }),
  ),
});
