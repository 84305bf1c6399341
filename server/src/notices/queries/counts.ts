import { NoticeObjection, NoticeRead } from '../records';
import { EMPTY_COUNTS, type ObjectionCounts } from '../presenter';

/** Objection counts per notice, computed (not cached) so they can never drift. */
export async function objectionCounts(noticeIds: unknown[]): Promise<Map<string, ObjectionCounts>> {
  const out = new Map<string, ObjectionCounts>();
  if (noticeIds.length === 0) return out;
  const rows = await NoticeObjection.aggregate([
    { $match: { noticeId: { $in: noticeIds } } },
    { $group: { _id: { n: '$noticeId', s: '$status' }, c: { $sum: 1 } } },
  ]);
  for (const r of rows) {
    const key = String(r._id.n);
    const c = out.get(key) ?? { ...EMPTY_COUNTS };
    c[r._id.s as keyof ObjectionCounts] = r.c;
    c.total += r.c;
    out.set(key, c);
  }
  return out;
}

/** The highest version this user has read of each notice (null = unread). */
export async function readVersions(userId: string, noticeIds: unknown[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (noticeIds.length === 0) return out;
  const rows = await NoticeRead.find({ userId, noticeId: { $in: noticeIds } }, { noticeId: 1, version: 1 }).lean();
  for (const r of rows) out.set(String(r.noticeId), Math.max(out.get(String(r.noticeId)) ?? 0, r.version));
  return out;
}
