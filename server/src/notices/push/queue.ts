import { Types } from 'mongoose';
import { enqueue } from '../../platform/jobs';
import { Notice } from '../model';
import { NoticeDelivery } from '../records';
import { tryInsert } from '../../platform/store';
import { bumpStats } from '../noticeStats';
import { clearDue } from '../dueWork';

export type FanoutEvent = 'published' | 'amended' | 'withdrawn';

/**
 * Puts a change's fan-out in the outbox (one entry per notice, event and version: enqueueing twice is a no-op),
 * then clears the notice's pending mark. A crash in between leaves the mark for the repair job.
 * The caller holds the notice's lock (this writes the notice document).
 */
export async function queueFanout(noticeId: Types.ObjectId | string, event: FanoutEvent, version: number) {
  await enqueue(`notice:${noticeId}:${event}:v${version}`, 'notice.fanout', { noticeId: String(noticeId), event, version });
  // A newer version's mark stays, with its hint: that version's own queueing clears both. (Read, then write by `_id`
  // alone: the caller holds the notice's lock, and `{_id, version}` would be a scan of notices on FerretDB.)
  const n = await Notice.findById(noticeId, { version: 1 }).lean();
  if (n?.version !== version) return;
  await Notice.updateOne({ _id: noticeId }, { $set: { fanoutPending: null } });
  await clearDue('fanout', noticeId);
}

/** One WeChat message per (notice, user) for publication, one per (notice, day, user) for a reminder. */
export function deliveryKey(noticeId: string, userId: string, purpose: 'publish' | 'reminder', day?: string) {
  return purpose === 'publish' ? `notice:${noticeId}:wechat:${userId}` : `notice:${noticeId}:remind:${day}:${userId}`;
}

/**
 * Records the delivery as pending and queues it; returns false when this key was queued before. The record is a unique
 * insert (an upsert by key would scan the deliveries once per recipient on FerretDB); its `_id` travels in the payload.
 */
export async function queueWechat(noticeId: string, userId: string, purpose: 'publish' | 'reminder', day?: string): Promise<boolean> {
  const key = deliveryKey(noticeId, userId, purpose, day);
  const id = new Types.ObjectId();
  const now = new Date();
  const doc = {
    _id: id,
    key,
    noticeId: new Types.ObjectId(noticeId),
    userId,
    purpose,
    channel: 'wechat',
    status: 'pending',
    attempts: 0,
    createdAt: now,
    updatedAt: now,
  };
  const inserted = await tryInsert(NoticeDelivery, doc);
  if (inserted) await bumpStats(noticeId, { 'deliveries.pending': 1 });
  return enqueue(key, 'notice.wechat', { key, ...(inserted ? { id: String(id) } : {}), noticeId, userId, purpose });
}
