import type { NoticeAudience, NoticeKind } from '@gongzhi/shared';
import { Notice } from './model';
import { resolveAudience } from './audience';
import { insertNotice } from './commands/insertNotice';
import { isDuplicateKey } from '../platform/store';

export interface SystemNoticeInput {
  kind: NoticeKind;
  audience: NoticeAudience;
  title: string;
  body: string;
  titleBo?: string;
  bodyBo?: string;
  publisherId: string;
  /** Idempotency key, e.g. `consultation:<id>:result`: a second call with the same key returns the first notice. */
  sourceKey: string;
  pinned?: boolean;
  /** Display (objection) period for publicity kinds; default from the notice settings. */
  displayDays?: number;
}

/**
 * For other domains (consultations: meeting notice on open, 结果公告 on close; projects): publishes at once,
 * without a publisher-scope check (the calling domain already authorized its own action). Idempotent on sourceKey.
 */
export async function publishSystemNotice(input: SystemNoticeInput): Promise<{ noticeId: string; created: boolean }> {
  const existing = await Notice.findOne({ sourceKey: input.sourceKey }, { _id: 1 }).lean();
  if (existing) return { noticeId: String(existing._id), created: false };
  const resolved = await resolveAudience(input.audience);
  try {
    const doc = await insertNotice({
      kind: input.kind,
      audience: input.audience,
      resolved,
      title: input.title,
      body: input.body,
      titleBo: input.titleBo ?? null,
      bodyBo: input.bodyBo ?? null,
      attachments: [],
      pinned: input.pinned,
      displayDays: input.displayDays ?? null,
      publisherId: input.publisherId,
      sourceKey: input.sourceKey,
      system: true,
    });
    return { noticeId: String(doc._id), created: true };
  } catch (e) {
    if (!isDuplicateKey(e)) throw e;
    // Lost a race with a concurrent call for the same key: the winner's notice is the answer.
    const winner = await Notice.findOne({ sourceKey: input.sourceKey }, { _id: 1 }).lean();
    if (!winner) throw e;
    return { noticeId: String(winner._id), created: false };
  }
}
