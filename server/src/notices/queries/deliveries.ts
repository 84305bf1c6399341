import { ObjectId } from 'mongodb';
import type { AuthUser } from '../../platform/http/route';
import { authorize } from '../../platform/http/authorize';
import { NoticeDelivery } from '../records';
import { canManageNotice } from '../policy';
import { loadNotice } from './load';

/** Every WeChat message tried for a notice, with its result: proof of who was told (ids only, no contact data). */
export async function listDeliveries(user: AuthUser, id: string, q: { limit: number; after?: string }) {
  const { notice: n } = await loadNotice(user, id);
  authorize(canManageNotice(user, n));
  const filter: Record<string, unknown> = { noticeId: n._id };
  if (q.after) filter._id = { $gt: new ObjectId(q.after) };
  const rows = await NoticeDelivery.find(filter)
    .sort({ _id: 1 })
    .limit(q.limit + 1)
    .lean();
  const items = rows.slice(0, q.limit).map((d) => ({
    id: String(d._id),
    userId: d.userId,
    purpose: d.purpose,
    status: d.status,
    reason: d.reason ?? null,
    errcode: d.errcode ?? null,
    attempts: d.attempts ?? 0,
    at: new Date(d.lastAttemptAt ?? d.createdAt).toISOString(),
  }));
  return { items, next: rows.length > q.limit ? items[items.length - 1].id : null };
}
