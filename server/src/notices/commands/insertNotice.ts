import { randomUUID } from 'node:crypto';
import { Types } from 'mongoose';
import type { NoticeAudience, NoticeKind } from '@gongzhi/shared';
import { unprocessable } from '../../platform/errors';
import { Notice, type NoticeAttachmentDoc, type NoticeDoc } from '../model';
import type { ResolvedAudience } from '../audience';
import { sanitizeBody, plainText } from '../content';
import { displayEnd, displayRuleFor, getNoticeSettings } from '../settings';
import { queueFanout } from '../push/queue';
import { indexNotice } from '../feedIndex';
import { withLock } from '../../platform/locks';
import { clearDue, markDue } from '../dueWork';
import type { AudioClipDoc } from '../../files';

export interface NewNotice {
  kind: NoticeKind;
  audience: NoticeAudience;
  resolved: ResolvedAudience;
  title: string;
  body: string;
  titleBo?: string | null;
  bodyBo?: string | null;
  attachments: NoticeAttachmentDoc[];
  audio?: AudioClipDoc[];
  pinned?: boolean;
  publishAt?: Date | null;
  expireAt?: Date | null;
  displayDays?: number | null;
  publisherId: string;
  sourceKey?: string;
  system?: boolean;
}

/**
 * Validates dates and the display rule, sanitizes the text, stores version 1, and — when it is due now —
 * publishes it and queues the push. Throws a duplicate-key error on a duplicate sourceKey (callers test it with `isDuplicateKey` and decide).
 */
export async function insertNotice(n: NewNotice, now = new Date()): Promise<NoticeDoc> {
  const publishAt = n.publishAt && n.publishAt > now ? n.publishAt : null;
  const start = publishAt ?? now;
  const rule = displayRuleFor(n.kind, n.displayDays, await getNoticeSettings());
  if (n.expireAt && n.expireAt <= start) throw unprocessable('EXPIRE_BEFORE_PUBLISH', '下架时间必须晚于发布时间');
  const end = displayEnd(start, rule);
  if (n.expireAt && end && n.expireAt < end) {
    throw unprocessable('EXPIRE_BEFORE_DISPLAY_ENDS', `下架时间不得早于公示期结束（${rule!.days} 天）`, { displayEndsAt: end.toISOString() });
  }
  const content = {
    title: plainText(n.title),
    body: sanitizeBody(n.body),
    titleBo: n.titleBo ? plainText(n.titleBo) : null,
    bodyBo: n.bodyBo ? sanitizeBody(n.bodyBo, 'bodyBo') : null,
    attachments: n.attachments,
    audio: n.audio ?? [],
  };
  const published = !publishAt;
  // The timed work's hint goes first (dueWork.ts); a refused insert (a duplicate sourceKey) takes it back.
  const _id = new Types.ObjectId();
  const due = published ? 'fanout' : 'publish';
  await markDue(due, _id, publishAt ?? now);
  const doc = await Notice.create({
    _id,
    kind: n.kind,
    status: published ? 'published' : 'scheduled',
    sourceKey: n.sourceKey ?? `user:${randomUUID()}`,
    system: n.system ?? false,
    publisherId: n.publisherId,
    audience: n.audience,
    ...n.resolved,
    version: 1,
    ...content,
    versions: [{ version: 1, ...content, reason: null, by: n.publisherId, at: now }],
    pinned: n.pinned ?? false,
    publishAt: publishAt ?? now,
    publishedAt: published ? now : null,
    expireAt: n.expireAt ?? null,
    displayDays: rule?.days ?? null,
    displayRule: rule,
    objectionsUntil: published ? end : null,
    fanoutPending: published ? 'published' : null,
  }).catch(async (e) => {
    await clearDue(due, _id).catch(() => undefined);
    throw e;
  });
  // If either fails the pending mark stays and the repair job queues the push, whose handler indexes it again.
  if (published) await indexNotice(doc).catch(() => undefined);
  if (published) await withLock(`notice:${String(doc._id)}`, () => queueFanout(doc._id, 'published', 1)).catch(() => undefined);
  return doc.toObject() as NoticeDoc;
}
