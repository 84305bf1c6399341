import { z } from 'zod';
import { FileId } from './files';
import { AudioClip, AudioClipRefs } from './audio';
import { ConsultationAbilities } from './abilities';

// Consultations (改不改/改什么/怎么改/怎么管 + 问卷) and ballots. Names start with "Consultation"/"Ballot"/"Cast" so the
// shared index stays collision-free. Areas are integer hundredths of m²; money is integer fen.

export const CONSULTATION_KINDS = ['whether', 'what', 'how', 'manage', 'survey'] as const;
export const ConsultationKind = z.enum(CONSULTATION_KINDS);
export type ConsultationKind = z.infer<typeof ConsultationKind>;
export const CONSULTATION_KIND_LABELS: Record<ConsultationKind, string> = {
  whether: '改不改',
  what: '改什么',
  how: '怎么改',
  manage: '怎么管',
  survey: '问卷调查',
};

export const CONSULTATION_STATUSES = ['draft', 'scheduled', 'open', 'closed', 'announced'] as const;
export const ConsultationStatus = z.enum(CONSULTATION_STATUSES);
export type ConsultationStatus = z.infer<typeof ConsultationStatus>;

export const CONSULTATION_RULES = ['civil_major', 'civil_ordinary', 'simple_majority', 'survey'] as const;
export const ConsultationRule = z.enum(CONSULTATION_RULES);

/**
 * yes_no: 赞成/反对/弃权; pick_one: one option (or abstain); items: approve/reject each catalog item;
 * choose: pick up to maxChoices (ranked when `ranked`), decides nothing; rating: 1–5; text: short answer.
 */
export const QUESTION_FORMATS = ['yes_no', 'pick_one', 'items', 'choose', 'rating', 'text'] as const;
export const ConsultationQuestionFormat = z.enum(QUESTION_FORMATS);
export type ConsultationQuestionFormat = z.infer<typeof ConsultationQuestionFormat>;
/** Formats that can only be surveys (they never decide). */
export const SURVEY_ONLY_FORMATS: readonly ConsultationQuestionFormat[] = ['choose', 'rating', 'text'];
export const CATALOG_CATEGORIES = ['basic', 'improvement', 'upgrade'] as const;
export const CATALOG_CATEGORY_LABELS = { basic: '基础类', improvement: '完善类', upgrade: '提升类' } as const;

export const CONSULTATION_TEXT_MAX = 500;
export const CONSULTATION_QUESTIONS_MAX = 20;
export const CONSULTATION_OPTIONS_MAX = 50;

const objectId = z.string().regex(/^[0-9a-f]{24}$/, '编号格式不正确');
const areaCode = z.string().regex(/^[A-Za-z0-9-]{1,60}$/, '区域编码格式不正确');
const isoDate = z.iso.datetime({ offset: true });
const slug = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,31}$/, '编号只能包含小写字母、数字、下划线和短横线')
  .refine((s) => s !== 'abstain', '“abstain” 是保留的编号');

export const ConsultationOption = z.object({
  id: slug,
  label: z.string().trim().min(1).max(100),
  labelBo: z.string().trim().max(100).optional().describe('选项名称（藏文；缺省时显示中文）'),
  description: z.string().max(2000).optional(),
  descriptionBo: z.string().max(2000).optional(),
  category: z.enum(CATALOG_CATEGORIES).optional().describe('改造项目分类：基础/完善/提升'),
  costFen: z.number().int().min(0).optional().describe('估算费用（分）'),
  imageFileIds: z.array(FileId).max(9).optional(),
  schedule: z.string().max(200).optional().describe('工期安排'),
  householdShareFen: z.number().int().min(0).optional().describe('每户估算分摊（分，平均值）'),
});
export type ConsultationOption = z.infer<typeof ConsultationOption>;

export const ConsultationQuestion = z
  .object({
    id: slug,
    title: z.string().trim().min(1).max(200),
    titleBo: z.string().trim().max(200).optional().describe('事项标题（藏文；缺省时显示中文）'),
    format: ConsultationQuestionFormat,
    rule: ConsultationRule,
    options: z.array(ConsultationOption).max(CONSULTATION_OPTIONS_MAX).default([]),
    maxChoices: z.number().int().min(1).max(CONSULTATION_OPTIONS_MAX).optional(),
    ranked: z.boolean().optional(),
  })
  .superRefine((q, ctx) => {
    const issue = (message: string) => ctx.addIssue({ code: 'custom', message });
    const needsOptions = ['pick_one', 'items', 'choose'].includes(q.format);
    if (needsOptions && q.options.length < (q.format === 'items' ? 1 : 2)) issue('该题型需要选项');
    if (!needsOptions && q.options.length > 0) issue('该题型不能设置选项');
    if (new Set(q.options.map((o) => o.id)).size !== q.options.length) issue('选项编号重复');
    if (SURVEY_ONLY_FORMATS.includes(q.format) && q.rule !== 'survey') issue('多选、评分、简答题只能作为问卷，不作决定');
  });
export type ConsultationQuestion = z.infer<typeof ConsultationQuestion>;

export const ConsultationElectorateScope = z
  .object({
    level: z.enum(['complex', 'buildings', 'entrance']),
    buildingCodes: z.array(areaCode).max(200).optional(),
    entranceCode: areaCode.optional(),
  })
  .refine((s) => s.level !== 'buildings' || (s.buildingCodes?.length ?? 0) > 0, '请选择楼栋')
  .refine((s) => s.level !== 'entrance' || !!s.entranceCode, '请选择单元');
export type ConsultationElectorateScope = z.infer<typeof ConsultationElectorateScope>;

export const ConsultationCovenant = z
  .object({
    enabled: z.boolean(),
    clauseText: z.string().trim().max(2000).optional().describe('管理规约中“送达未回票按多数计”的条款原文'),
  })
  .refine((c) => !c.enabled || (c.clauseText?.length ?? 0) >= 4, '启用规约计票必须录入规约条款');

const consultationFields = {
  kind: ConsultationKind,
  title: z.string().trim().min(1).max(100),
  titleBo: z.string().trim().max(100).optional().describe('标题（藏文；缺省时显示中文并标注）'),
  description: z.string().max(10000).optional(),
  descriptionBo: z.string().max(10000).optional().describe('说明（藏文）'),
  complexCode: areaCode,
  electorate: ConsultationElectorateScope,
  questions: z.array(ConsultationQuestion).min(1).max(CONSULTATION_QUESTIONS_MAX).optional().describe('省略时使用该类型的模板'),
  allowChange: z.boolean().optional().describe('截止前是否允许改票（默认允许）'),
  covenant: ConsultationCovenant.optional(),
  liveResults: z
    .object({ enabled: z.boolean(), reason: z.string().trim().max(500).optional() })
    .refine((l) => !l.enabled || (l.reason?.length ?? 0) >= 4, '公开实时票数须写明理由')
    .optional()
    .describe('投票期间是否公开各选项票数（默认不公开，只公开参与情况）'),
  coOwnerRule: z.enum(['first_stands', 'latest_counts']).optional().describe('共有人先后投票时：先投的有效（默认）或以最后一票为准'),
  leadTimeHours: z
    .number()
    .int()
    .min(0)
    .max(24 * 365)
    .optional()
    .describe('公告到开始投票的提前时间（小时，默认 15 天）'),
  opensAt: isoDate,
  closesAt: isoDate,
  projectId: objectId.optional(),
  audio: AudioClipRefs.optional(),
};
export const CreateConsultationBody = z.object(consultationFields);
export type CreateConsultationBody = z.infer<typeof CreateConsultationBody>;
export const UpdateConsultationBody = z.object(consultationFields).omit({ complexCode: true, kind: true }).partial();
export type UpdateConsultationBody = z.infer<typeof UpdateConsultationBody>;

export const ConsultationIdParams = z.object({ id: objectId });
export const ConsultationReceiptParams = z.object({ id: objectId, code: z.string().regex(/^[0-9A-Z-]{8,40}$/i) });
export const ConsultationConflictParams = z.object({ id: objectId, seq: z.coerce.number().int().min(1) });
export const ConsultationListQuery = z.object({
  complexCode: areaCode.optional(),
  status: ConsultationStatus.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
/** Early close: the reason is required unless every household has voted (the server checks the facts). */
export const ConsultationCloseBody = z.object({ reason: z.string().trim().min(2).max(500).optional() });
/** Asking to close despite unresolved paper/electronic conflicts: a written reason; another staff member then closes. */
export const ConsultationCloseOverrideBody = z.object({ reason: z.string().trim().min(10).max(500) });

// ---- ballots ----
export const BallotAnswer = z.object({
  questionId: slug,
  choice: z.string().max(32).optional().describe('是否题：approve/reject/abstain；单选题：选项编号或 abstain'),
  items: z
    .array(z.object({ itemId: slug, choice: z.enum(['approve', 'reject', 'abstain']) }))
    .max(CONSULTATION_OPTIONS_MAX)
    .optional(),
  picks: z.array(slug).max(CONSULTATION_OPTIONS_MAX).optional().describe('多选（排序题按偏好先后）'),
  rating: z.number().int().min(1).max(5).optional(),
  text: z.string().trim().min(1).max(CONSULTATION_TEXT_MAX).optional(),
});
export type BallotAnswer = z.infer<typeof BallotAnswer>;

export const CastBallotBody = z.object({
  dwellingId: objectId,
  answers: z.array(BallotAnswer).min(1).max(CONSULTATION_QUESTIONS_MAX),
});
export type CastBallotBody = z.infer<typeof CastBallotBody>;

/** Multipart fields of a paper ballot (the photo is the `photo` file part; `answers` is JSON text). */
export const PaperBallotFields = z.object({
  dwellingId: objectId,
  answers: z.string().min(2).max(20000),
  note: z.string().max(500).optional(),
});

export const BallotReceipt = z.object({
  consultationId: z.string(),
  dwellingId: z.string(),
  receiptCode: z.string().describe('回执码：日志条目哈希的前 16 位，可在公告的日志中核验'),
  seq: z.number().int(),
  entryHash: z.string(),
  castAt: z.string(),
  source: z.enum(['electronic', 'paper']),
  /** Paper ballot entered while an electronic ballot exists: not counted until the committee decides. */
  conflict: z.boolean(),
  answers: z.array(BallotAnswer),
  /** A co-owner's ballot for the dwelling was replaced by this one (rule 'latest_counts'). */
  replaced: z.boolean().optional(),
});
export type BallotReceipt = z.infer<typeof BallotReceipt>;

export const MyBallots = z.object({
  items: z.array(
    z.object({
      dwellingId: z.string(),
      label: z.string(),
      areaHundredths: z.number().int(),
      via: z.enum(['owner', 'proxy', 'member']),
      inElectorate: z.boolean(),
      answers: z.array(BallotAnswer.extend({ source: z.enum(['electronic', 'paper']), seq: z.number().int() })),
      receipts: z.array(z.object({ receiptCode: z.string(), seq: z.number().int(), at: z.string(), type: z.string() })),
    }),
  ),
});

/** The committee's decision on a disputed ballot: 'uphold' the dispute (the ballot does not count) or 'keep' it. */
export const ResolveDisputedBallotBody = z.object({
  decision: z.enum(['uphold', 'keep']),
  reason: z.string().trim().min(2).max(500),
});
export const ResolveConflictBody = z.object({
  keep: z.enum(['paper', 'electronic']),
  reason: z.string().trim().min(2).max(500),
});
/** How a ballot reached the dwelling (kept as evidence for the covenant count): in person, left at the door, by post. */
export const BALLOT_DELIVERY_METHODS = ['in_person', 'door', 'mail'] as const;
export const DeliveriesBody = z.object({ dwellingIds: z.array(objectId).min(1).max(10000), method: z.enum(BALLOT_DELIVERY_METHODS).optional() });
export const RemindersBody = z.object({ dwellingIds: z.array(objectId).max(10000).optional() });

// ---- views ----
const head = z.object({ seq: z.number().int(), hash: z.string() });
export const ConsultationElectorateSummary = z.object({
  frozenAt: z.string(),
  dwellings: z.number().int(),
  totalAreaHundredths: z.number().int(),
  totalHeadcount: z.number().int(),
  digest: z.string().describe('冻结名册的 SHA-256 摘要（记入投票日志第 1 条）'),
});
export const ConsultationResultQuestion = z.object({
  questionId: z.string(),
  title: z.string(),
  format: ConsultationQuestionFormat,
  rule: ConsultationRule,
  passed: z.boolean().nullable(),
  winner: z.string().nullable(),
  tally: z.unknown().describe('共享计票规则的完整输出（tallyQuestion / tallyItems / summarizeRanking / 评分统计）'),
});
export const ConsultationResult = z.object({
  computedAt: z.string(),
  finalHead: head,
  ballots: z.number().int(),
  unresolvedConflicts: z.number().int(),
  deliveredDwellingIds: z.array(z.string()).nullable(),
  questions: z.array(ConsultationResultQuestion),
  reasons: z.array(z.string()).optional().describe('整体说明（如冲突未处理经两人确认后结束）'),
  conflictOverride: z
    .object({
      reason: z.string(),
      requestedBy: z.string(),
      confirmedBy: z.string(),
      paperSeqs: z.array(z.number().int()),
      dwellings: z.array(z.string()),
      disputedSeqs: z.array(z.number().int()).optional(),
    })
    .nullable()
    .optional(),
});
export type ConsultationResult = z.infer<typeof ConsultationResult>;

export const ConsultationSummary = z.object({
  id: z.string(),
  kind: ConsultationKind,
  title: z.string(),
  titleBo: z.string().nullable().optional(),
  status: ConsultationStatus,
  complexCode: z.string(),
  opensAt: z.string(),
  closesAt: z.string(),
  participantCount: z.number().int().optional(),
});
export const ConsultationList = z.object({ items: z.array(ConsultationSummary) });

export const ConsultationView = ConsultationSummary.extend({
  description: z.string(),
  descriptionBo: z.string().nullable().optional(),
  areaPath: z.array(z.string()),
  electorateScope: ConsultationElectorateScope,
  questions: z.array(ConsultationQuestion),
  allowChange: z.boolean(),
  covenant: z.object({ enabled: z.boolean(), clauseText: z.string().nullable() }),
  liveResults: z.object({ enabled: z.boolean(), reason: z.string().nullable() }).optional(),
  coOwnerRule: z.enum(['first_stands', 'latest_counts']).optional(),
  closeKind: z.enum(['deadline', 'all_voted', 'early']).nullable().optional(),
  leadTimeHours: z.number().int(),
  projectId: z.string().nullable(),
  createdAt: z.string(),
  scheduledAt: z.string().nullable(),
  openedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  closeReason: z.string().nullable(),
  announcedAt: z.string().nullable(),
  electorate: ConsultationElectorateSummary.nullable(),
  result: ConsultationResult.nullable(),
  audio: z.array(AudioClip).optional(),
  abilities: ConsultationAbilities.optional().describe('调用者对本表决能做什么（仅表决详情返回）'),
});
export type ConsultationView = z.infer<typeof ConsultationView>;

export const ConsultationTemplate = z.object({
  kind: ConsultationKind,
  label: z.string(),
  description: z.string(),
  questions: z.array(ConsultationQuestion),
  labelBo: z.string().optional().describe('类型名称（藏文）'),
  descriptionBo: z.string().optional().describe('说明（藏文）'),
});
export const ConsultationTemplates = z.object({ items: z.array(ConsultationTemplate) });

/** Live tally from counters (display only; results are always computed from stored ballots). */
export const ConsultationLiveTally = z.object({
  consultationId: z.string(),
  status: ConsultationStatus,
  at: z.string(),
  electorate: z.object({ dwellings: z.number().int(), areaHundredths: z.number().int(), headcount: z.number().int() }),
  questions: z.array(
    z.object({
      questionId: z.string(),
      title: z.string(),
      rule: ConsultationRule,
      format: ConsultationQuestionFormat,
      participation: z.object({
        dwellings: z.number().int(),
        areaHundredths: z.number().int(),
        headcount: z.number().int(),
        areaPercent: z.string(),
        headcountPercent: z.string(),
        requiredAreaHundredths: z.number().int().nullable(),
        requiredHeadcount: z.number().int().nullable(),
      }),
      options: z.array(z.object({ key: z.string(), label: z.string(), dwellings: z.number().int(), areaHundredths: z.number().int() })),
    }),
  ),
  /** While open, per-option figures are withheld (options: []) unless the consultation opted in with a stated reason. */
  optionsHidden: z.boolean().optional(),
  buildings: z
    .array(
      z.object({
        buildingCode: z.string(),
        buildingName: z.string(),
        dwellings: z.number().int(),
        voted: z.number().int(),
        areaHundredths: z.number().int(),
        votedAreaHundredths: z.number().int(),
      }),
    )
    .optional()
    .describe('分楼栋参与情况（户数、面积）'),
});
export type ConsultationLiveTally = z.infer<typeof ConsultationLiveTally>;

export const ConsultationDwellingRow = z.object({
  dwellingId: z.string(),
  buildingName: z.string(),
  entranceName: z.string(),
  room: z.string(),
  floor: z.number().int(),
  areaHundredths: z.number().int(),
});
export const ConsultationParticipation = z.object({
  buildings: z.array(
    z.object({
      buildingCode: z.string(),
      buildingName: z.string(),
      dwellings: z.number().int(),
      voted: z.number().int(),
      areaHundredths: z.number().int(),
      votedAreaHundredths: z.number().int(),
    }),
  ),
  notVoted: z.array(ConsultationDwellingRow),
});

export const ConsultationChainCheck = z.object({
  consultationId: z.string(),
  valid: z.boolean(),
  entries: z.number().int(),
  head: head.nullable(),
  brokenAtSeq: z.number().int().nullable(),
  reason: z.string().nullable(),
  electorateMatches: z.boolean().describe('冻结名册与日志第 1 条记录的摘要一致'),
  announcedHead: head.nullable(),
  matchesAnnounced: z.boolean().nullable(),
  noticeHead: head.nullable().optional().describe('已发布结果公告上印的最终哈希'),
  consistent: z.boolean().optional().describe('日志、选票表、计数、结果与公告全部一致'),
  differences: z
    .array(
      z.object({
        source: z.enum(['log', 'projection', 'counters', 'result', 'notice']),
        dwellingId: z.string().nullable(),
        figure: z.string().nullable(),
        message: z.string(),
      }),
    )
    .optional(),
});
export const ConsultationReceiptCheck = z.object({
  receiptCode: z.string(),
  found: z.boolean(),
  seq: z.number().int().nullable(),
  type: z.string().nullable(),
  at: z.string().nullable(),
  inFinalLog: z.boolean().nullable(),
  chain: ConsultationChainCheck,
});
export const ConsultationRecount = z.object({
  consultationId: z.string(),
  equal: z.boolean(),
  differences: z.array(z.string()),
  chain: ConsultationChainCheck,
  announced: ConsultationResult.nullable(),
  recomputed: ConsultationResult,
});

export const ConsultationAuditBallots = z.object({
  items: z.array(
    ConsultationDwellingRow.extend({
      questionId: z.string(),
      answer: BallotAnswer,
      source: z.enum(['electronic', 'paper']),
      seq: z.number().int(),
    }),
  ),
});
export const ConsultationConflicts = z.object({
  items: z.array(
    z.object({
      paperSeq: z.number().int(),
      dwelling: ConsultationDwellingRow,
      paperAnswers: z.array(BallotAnswer),
      electronicAnswers: z.array(BallotAnswer),
      photoFileId: z.string(),
      enteredAt: z.string(),
      resolution: z.object({ keep: z.enum(['paper', 'electronic']), reason: z.string(), seq: z.number().int(), at: z.string() }).nullable(),
    }),
  ),
  /** Electronic ballots cast through a binding or proxy the dwelling's owner disputed ("this wasn't me"). */
  disputed: z.array(
    z.object({
      seq: z.number().int(),
      dwelling: ConsultationDwellingRow,
      label: z.string(),
      reason: z.literal('disputed binding/proxy'),
      reasonZh: z.string(),
      answers: z.array(BallotAnswer),
      castAt: z.string(),
      flaggedAt: z.string(),
      resolution: z.object({ decision: z.enum(['uphold', 'keep']), reason: z.string(), seq: z.number().int(), at: z.string() }).nullable(),
    }),
  ),
});
export const ConsultationCountResponse = z.object({ count: z.number().int() });
export const ConsultationSettings = z
  .object({
    minLeadTimeHours: z
      .number()
      .int()
      .min(0)
      .max(24 * 365)
      .describe('公告到投票的最短提前时间（小时），默认 360（15 天）'),
    defaultLeadTimeHours: z
      .number()
      .int()
      .min(0)
      .max(24 * 365),
  })
  .refine((s) => s.defaultLeadTimeHours >= s.minLeadTimeHours, '默认提前时间不能少于最短提前时间');
export type ConsultationSettings = z.infer<typeof ConsultationSettings>;
