// Renovation projects (一区一方案): request and response shapes.
import { z } from 'zod';
import { userText } from './identity';
import { FileId } from './files';
import { ITEM_CATEGORIES, PROJECT_STATUSES } from '../rules/projectLifecycle';
import { ProjectAbilities } from './abilities';

export const ProjectRefId = z.string().regex(/^[0-9a-f]{24}$/, '编号格式不正确');
export const ProjectFen = z.number().int('金额须为整数（分）').min(0, '金额不能为负').max(1e13, '金额过大');
const AreaCode = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, '区域编码格式不正确');
const Day = z.iso.date();
/** A quantity with at most 2 decimals (1.5 吨, 120.25 ㎡). */
export const ProjectQuantity = z
  .number()
  .positive('数量须大于 0')
  .max(1e9)
  .refine((n) => Math.abs(Math.round(n * 100) - n * 100) < 1e-6, '数量最多两位小数');

export const ProjectStatusSchema = z.enum(PROJECT_STATUSES);
export const ItemCategorySchema = z.enum(ITEM_CATEGORIES);

export const ProjectIdParams = z.object({ id: ProjectRefId });
export const ProjectListQuery = z.object({
  complexCode: AreaCode.optional(),
  scope: AreaCode.optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  status: ProjectStatusSchema.optional(),
});

export const CreateProjectBody = z.object({
  complexCode: AreaCode,
  year: z.number().int().min(2000).max(2100),
  name: userText(100).optional(),
  /** The name in Tibetan, typed by staff; without it Tibetan readers see the Chinese name. */
  nameBo: userText(200).optional(),
  /** A project for some buildings of the complex only (加装电梯 etc.); empty = the whole complex. */
  buildingCodes: z.array(AreaCode).max(50).default([]),
  /** The consultations that decided it (same complex). */
  consultationIds: z.array(ProjectRefId).max(20).default([]),
});

export const ProjectItemInput = z
  .object({
    id: ProjectRefId.optional(),
    category: ItemCategorySchema,
    name: userText(100),
    nameBo: userText(200).optional(),
    quantity: ProjectQuantity,
    unit: userText(20),
    /** Either the budget, or the unit cost (the budget is then quantity × unit cost, half-up to the fen), or both if they agree. */
    budgetFen: ProjectFen.optional(),
    unitCostFen: ProjectFen.optional(),
    note: userText(300, 0).optional(),
    plannedFinishOn: Day.optional(),
  })
  .refine((i) => i.budgetFen !== undefined || i.unitCostFen !== undefined, { message: '须填写预算或单价', path: ['budgetFen'] });
export const PutItemsBody = z.object({ items: z.array(ProjectItemInput).max(200) });

export const FundingPlanBody = z.object({
  centralSubsidyFen: ProjectFen,
  governmentFen: ProjectFen.nullable().optional(),
  utilities: z
    .array(z.object({ name: userText(50), amountFen: ProjectFen }))
    .max(20)
    .default([]),
  residentsFen: ProjectFen.default(0),
  maintenanceFundFen: ProjectFen.default(0),
  providentFundFen: ProjectFen.default(0),
  publicIncomeFen: ProjectFen.default(0),
  socialCapitalFen: ProjectFen.default(0),
  note: userText(500, 0).optional(),
});

export const TransitionBody = z.object({
  to: ProjectStatusSchema,
  note: userText(500, 0).optional(),
  /** Only when entering 竣工验收: how long the satisfaction rating stays open (default from settings). */
  ratingDays: z.number().int().min(1).max(365).optional(),
});

export const ProgressBody = z.object({
  note: userText(1000, 0).default(''),
  photoFileIds: z.array(FileId).max(9).default([]),
  items: z
    .array(z.object({ itemId: ProjectRefId, percent: z.number().int().min(0).max(100) }))
    .min(1)
    .max(200),
});

/** The committee's and staff's discussion of a project (residents do not write there). */
export const ProjectCommentBody = z.object({ text: userText(1000) });
export const ProjectCommentQuery = z.object({ page: z.coerce.number().int().min(0).max(100_000).optional() });
export const ProjectCommentView = z.object({
  id: z.string(),
  at: z.string(),
  by: z.string(),
  byName: z.string(),
  role: z.string().describe('发言人在本项目的身份：committee | community_worker | street_staff'),
  text: z.string().describe('发言人原文（不翻译）'),
});
export const ProjectCommentList = z.object({
  comments: z.array(ProjectCommentView),
  page: z.number().int(),
  pages: z.number().int().describe('页数；默认返回最新一页'),
  canComment: z.boolean(),
});
export type ProjectCommentView = z.infer<typeof ProjectCommentView>;

export const AcceptanceBody = z.object({
  date: Day,
  /** Signatories: at least one (unit, role and optionally the person who signed). */
  participants: z
    .array(z.object({ unit: userText(100), role: userText(50), name: userText(50, 0).optional() }))
    .min(1, '联合验收须至少一名签字人')
    .max(30),
  passed: z.boolean(),
  items: z
    .array(z.object({ itemId: ProjectRefId, accepted: z.boolean(), note: userText(300, 0).optional() }))
    .max(200)
    .default([]),
  note: userText(1000, 0).default(''),
  documentFileIds: z.array(FileId).max(9).default([]),
});

export const LinkBody = z.object({ kind: z.enum(['consultation', 'notice']), targetId: ProjectRefId });

const Transition = z.object({
  from: ProjectStatusSchema.nullable(),
  to: ProjectStatusSchema,
  toLabel: z.string(),
  at: z.string(),
  by: z.string(),
  note: z.string(),
});
export const ProjectItemView = z.object({
  id: z.string(),
  category: ItemCategorySchema,
  categoryLabel: z.string(),
  name: z.string(),
  nameBo: z.string().nullable().optional(),
  quantity: z.number(),
  unit: z.string(),
  budgetFen: z.number(),
  unitCostFen: z.number().nullable(),
  note: z.string(),
  plannedFinishOn: z.string().nullable(),
  percent: z.number(),
  completedAt: z.string().nullable(),
});
export const FundingPlanView = z.object({
  input: FundingPlanBody.extend({ governmentFen: ProjectFen.nullable() }),
  budgetFen: z.number(),
  nonGovernmentFen: z.number(),
  localShortfallFen: z.number(),
  shortfallRule: z.string(),
  split: z.object({
    shortfallFen: z.number(),
    regionFen: z.number(),
    prefectureFen: z.number(),
    countyFen: z.number(),
    remainderFen: z.number(),
    remainderRule: z.string(),
  }),
  lines: z.array(z.object({ kind: z.string(), label: z.string(), amountFen: z.number() })),
  totalFen: z.number(),
  differenceFen: z.number(),
  balanced: z.boolean(),
  balanceText: z.string(),
  updatedAt: z.string(),
  updatedBy: z.string(),
});
export const AcceptanceView = AcceptanceBody.extend({ recordedAt: z.string(), recordedBy: z.string() });
export const ProjectView = z.object({
  id: z.string(),
  complexCode: z.string(),
  complexName: z.string(),
  areaPath: z.array(z.string()),
  year: z.number(),
  name: z.string(),
  nameBo: z.string().nullable().optional().describe('项目名称（藏文，工作人员填写；为空时藏文读者看到中文名）'),
  status: ProjectStatusSchema,
  statusLabel: z.string(),
  nextStatus: ProjectStatusSchema.nullable(),
  transitions: z.array(Transition),
  items: z.array(ProjectItemView),
  budgetFen: z.number(),
  funding: FundingPlanView.nullable(),
  acceptance: AcceptanceView.nullable(),
  ratingWindow: z.object({ opensAt: z.string(), closesAt: z.string(), open: z.boolean() }).nullable(),
  consultationIds: z.array(z.string()),
  noticeIds: z.array(z.string()),
  createdAt: z.string(),
  buildingCodes: z.array(z.string()),
  nextStageChecks: z
    .array(z.object({ code: z.string(), met: z.boolean(), problem: z.string().nullable() }))
    .optional()
    .describe('进入下一阶段的各项条件（已满足/未满足），仅项目详情返回'),
  abilities: ProjectAbilities.optional().describe('调用者对本项目能做什么（仅项目详情返回）'),
});
export const ProjectList = z.object({ projects: z.array(ProjectView) });
export const ProgressView = z.object({
  id: z.string(),
  at: z.string(),
  by: z.string(),
  note: z.string(),
  photoFileIds: z.array(z.string()),
  items: z.array(z.object({ itemId: z.string(), name: z.string(), percent: z.number() })),
});
export const ProgressList = z.object({ updates: z.array(ProgressView) });
export const UploadedFiles = z.object({ files: z.array(z.object({ fileId: z.string(), contentType: z.string(), size: z.number(), filename: z.string() })) });

export type CreateProjectBody = z.infer<typeof CreateProjectBody>;
export type FundingPlanBody = z.infer<typeof FundingPlanBody>;
export type ProjectItemInput = z.infer<typeof ProjectItemInput>;
export type ProgressBody = z.infer<typeof ProgressBody>;
export type AcceptanceBody = z.infer<typeof AcceptanceBody>;
export type ProjectView = z.infer<typeof ProjectView>;
export type FundingPlanView = z.infer<typeof FundingPlanView>;
