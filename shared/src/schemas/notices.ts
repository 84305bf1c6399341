import { z } from 'zod';
import { FileId } from './files';
import { AudioClip, AudioClipRefs } from './audio';
import { NoticeAbilities } from './abilities';

// Notices (公示/公告/通知). Every name here starts with "Notice" so the shared index stays collision-free.

export const NOTICE_KINDS = ['plan_publicity', 'result_announcement', 'fund_publicity', 'acceptance_publicity', 'meeting_notice', 'general'] as const;
export const NoticeKind = z.enum(NOTICE_KINDS);
export type NoticeKind = z.infer<typeof NoticeKind>;
/** Kinds only the system creates (consultations publish the 结果公告 on close). */
export const NOTICE_SYSTEM_KINDS: readonly NoticeKind[] = ['result_announcement'];
/** Publicity kinds carry a display period during which residents may object. */
export const NOTICE_PUBLICITY_KINDS: readonly NoticeKind[] = ['plan_publicity', 'result_announcement', 'fund_publicity', 'acceptance_publicity'];

export const NOTICE_PAGE_MAX = 50;
export const NOTICE_TITLE_MAX = 100;
export const NOTICE_BODY_MAX = 50_000;
export const NOTICE_ATTACHMENTS_MAX = 9;
export const NOTICE_OBJECTION_TEXT_MAX = 1000;

const objectId = z.string().regex(/^[0-9a-f]{24}$/, '无效的编号');
const areaCode = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, '无效的区域编码');
const title = z.string().trim().min(1, '标题不能为空').max(NOTICE_TITLE_MAX);
const body = z.string().min(1, '正文不能为空').max(NOTICE_BODY_MAX);
const isoDate = z.iso.datetime({ offset: true });

/** Who a notice is for: one area (street/community/complex/building/entrance), several buildings, or an electorate. */
export const NoticeAudience = z.discriminatedUnion('type', [
  z.object({ type: z.literal('area'), code: areaCode }),
  z.object({ type: z.literal('buildings'), codes: z.array(areaCode).min(1).max(100) }),
  z.object({ type: z.literal('consultation'), consultationId: objectId }),
]);
export type NoticeAudience = z.infer<typeof NoticeAudience>;

export const NoticeIdParams = z.object({ id: objectId });
export const NoticeObjectionParams = z.object({ id: objectId, objectionId: objectId });

export const NoticeContentFields = {
  title,
  body,
  titleBo: title.optional(),
  bodyBo: body.optional(),
  attachmentIds: z.array(FileId).max(NOTICE_ATTACHMENTS_MAX).optional(),
  audio: AudioClipRefs.optional(),
};

export const CreateNoticeBody = z.object({
  kind: NoticeKind,
  audience: NoticeAudience,
  ...NoticeContentFields,
  pinned: z.boolean().optional(),
  publishAt: isoDate.optional(),
  expireAt: isoDate.optional(),
  /** Display (objection) period in days; plan publicity must be at least the configured minimum. */
  displayDays: z.number().int().min(1).max(365).optional(),
});
export type CreateNoticeBody = z.infer<typeof CreateNoticeBody>;

export const AmendNoticeBody = z.object({
  reason: z.string().trim().min(1, '请填写修改原因').max(500),
  reasonBo: z.string().trim().max(500).optional().describe('修改原因（藏文；缺省时藏文读者看到中文并标注）'),
  title: title.optional(),
  body: body.optional(),
  titleBo: title.nullable().optional(),
  bodyBo: body.nullable().optional(),
  attachmentIds: z.array(FileId).max(NOTICE_ATTACHMENTS_MAX).optional(),
  audio: AudioClipRefs.optional(),
  pinned: z.boolean().optional(),
  /** Substantive changes to a plan restart its display period. */
  restartDisplayPeriod: z.boolean().optional(),
});
export type AmendNoticeBody = z.infer<typeof AmendNoticeBody>;

export const WithdrawNoticeBody = z.object({
  reason: z.string().trim().min(1, '请填写撤回原因').max(500),
  reasonBo: z.string().trim().max(500).optional().describe('撤回原因（藏文；缺省时藏文读者看到中文并标注）'),
});

export const NoticeAttachment = z.object({
  fileId: z.string(),
  filename: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  url: z.string(),
});
export type NoticeAttachment = z.infer<typeof NoticeAttachment>;

export const NoticeStatus = z.enum(['scheduled', 'published', 'withdrawn']);
export const NoticeObjectionCounts = z.object({
  total: z.number().int(),
  open: z.number().int(),
  answered: z.number().int(),
  closed: z.number().int(),
});

export const NoticeSummary = z.object({
  id: z.string(),
  kind: NoticeKind,
  status: NoticeStatus,
  version: z.number().int(),
  title: z.string(),
  titleBo: z.string().nullable(),
  pinned: z.boolean(),
  publishAt: z.string().nullable(),
  publishedAt: z.string().nullable(),
  expireAt: z.string().nullable(),
  objectionsUntil: z.string().nullable(),
  objectionsOpen: z.boolean(),
  audience: NoticeAudience,
  attachmentCount: z.number().int(),
  unread: z.boolean(),
  amendedSinceRead: z.boolean(),
  withdrawn: z.object({ at: z.string(), reason: z.string(), reasonBo: z.string().nullable().optional() }).nullable(),
  objections: NoticeObjectionCounts,
});
export type NoticeSummary = z.infer<typeof NoticeSummary>;

export const NoticeVersionSummary = z.object({
  version: z.number().int(),
  reason: z.string().nullable(),
  reasonBo: z.string().nullable().optional(),
  at: z.string(),
});

export const NoticeDetail = NoticeSummary.extend({
  body: z.string(),
  bodyBo: z.string().nullable(),
  attachments: z.array(NoticeAttachment),
  audio: z.array(AudioClip).optional(),
  displayRule: z.object({ minDays: z.number().int(), days: z.number().int() }).nullable(),
  history: z.array(NoticeVersionSummary),
  canManage: z.boolean(),
  abilities: NoticeAbilities.describe('调用者对本公告能做什么'),
});
export type NoticeDetail = z.infer<typeof NoticeDetail>;

export const NoticeVersion = z.object({
  version: z.number().int(),
  reason: z.string().nullable(),
  reasonBo: z.string().nullable().optional(),
  at: z.string(),
  title: z.string(),
  body: z.string(),
  titleBo: z.string().nullable(),
  bodyBo: z.string().nullable(),
  attachments: z.array(NoticeAttachment),
});
export const NoticeHistory = z.object({ id: z.string(), currentVersion: z.number().int(), versions: z.array(NoticeVersion) });

export const NoticeFeedQuery = z.object({
  limit: z.coerce.number().int().min(1).max(NOTICE_PAGE_MAX).default(20),
  cursor: z.string().max(200).optional(),
  includeExpired: z.enum(['true', 'false']).optional(),
});
export const NoticeFeed = z.object({ items: z.array(NoticeSummary), nextCursor: z.string().nullable() });

export const NoticeManagedQuery = NoticeFeedQuery.extend({ status: NoticeStatus.optional() });

export const NoticeRooms = z.object({ rooms: z.array(z.string()) });
export const NoticeReadReceipt = z.object({ noticeId: z.string(), version: z.number().int(), dwellings: z.number().int(), readAt: z.string() });

export const NoticeReadStats = z.object({
  noticeId: z.string(),
  audienceDwellings: z.number().int(),
  readDwellings: z.number().int(),
  /** Percent with one decimal, from integer counts (readDwellings * 1000 / audience, rounded). */
  readRatePercent: z.number(),
  readers: z.number().int(),
  byBuilding: z.array(
    z.object({
      buildingCode: z.string(),
      buildingName: z.string().nullable(),
      total: z.number().int(),
      read: z.number().int(),
      readRatePercent: z.number(),
    }),
  ),
  deliveries: z.object({ pending: z.number().int(), sent: z.number().int(), failed: z.number().int(), skipped: z.number().int() }),
  objections: NoticeObjectionCounts,
});

export const NoticeUnreadQuery = z.object({
  limit: z.coerce.number().int().min(1).max(NOTICE_PAGE_MAX).default(50),
  after: z
    .string()
    .regex(/^[0-9a-f]{24}$/)
    .optional(),
});
export const NoticeUnreadList = z.object({
  items: z.array(
    z.object({
      dwellingId: z.string(),
      buildingCode: z.string(),
      buildingName: z.string().nullable(),
      entranceName: z.string().nullable(),
      room: z.string(),
    }),
  ),
  next: z.string().nullable(),
});

export const NoticeReminderResult = z.object({ noticeId: z.string(), day: z.string(), users: z.number().int(), wechatQueued: z.number().int() });

export const NoticeUpload = z.object({ fileId: z.string(), filename: z.string(), contentType: z.string(), size: z.number().int(), url: z.string() });

export const ObjectionStatus = z.enum(['open', 'answered', 'closed']);
export const CreateObjectionBody = z.object({
  text: z.string().trim().min(1, '请填写意见内容').max(NOTICE_OBJECTION_TEXT_MAX),
  photoIds: z.array(FileId).max(NOTICE_ATTACHMENTS_MAX).optional(),
});
export const RespondObjectionBody = z.object({
  text: z.string().trim().min(1, '请填写答复内容').max(2000),
  textBo: z.string().trim().max(2000).optional().describe('答复（藏文，可选；缺省时藏文读者看到中文并有标注）'),
});
export const NoticeObjection = z.object({
  id: z.string(),
  noticeId: z.string(),
  status: ObjectionStatus,
  text: z.string(),
  mine: z.boolean(),
  dwelling: z.object({ buildingName: z.string().nullable(), room: z.string().nullable() }).nullable(),
  photos: z.array(NoticeAttachment),
  createdAt: z.string(),
  response: z.object({ text: z.string(), textBo: z.string().nullable().optional(), at: z.string() }).nullable(),
  closedAt: z.string().nullable(),
});
export const NoticeObjectionList = z.object({ items: z.array(NoticeObjection), counts: NoticeObjectionCounts });
export const NoticeObjectionsQuery = z.object({ status: ObjectionStatus.optional(), limit: z.coerce.number().int().min(1).max(NOTICE_PAGE_MAX).default(50) });

export const NoticeSettings = z.object({ planPublicityMinDays: z.number().int().min(1).max(90), defaultDisplayDays: z.number().int().min(1).max(365) });
export type NoticeSettings = z.infer<typeof NoticeSettings>;

export const NoticeDeliveriesQuery = z.object({
  limit: z.coerce.number().int().min(1).max(NOTICE_PAGE_MAX).default(50),
  after: z
    .string()
    .regex(/^[0-9a-f]{24}$/)
    .optional(),
});
export const NoticeDeliveryList = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      userId: z.string(),
      purpose: z.enum(['publish', 'reminder']),
      status: z.enum(['pending', 'sent', 'failed', 'skipped']),
      reason: z.string().nullable(),
      errcode: z.number().nullable(),
      attempts: z.number().int(),
      at: z.string(),
    }),
  ),
  next: z.string().nullable(),
});
