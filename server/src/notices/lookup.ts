import { Types } from 'mongoose';
import { Notice } from './model';
import { NoticeObjection } from './records';

/** Read-only lookups of notices for other domains (projects link them, evaluation counts their objections). */
const oids = (ids: string[]) => ids.filter((i) => /^[0-9a-f]{24}$/i.test(i)).map((i) => new Types.ObjectId(i));

export async function noticesByIds(ids: string[]) {
  return ids.length ? Notice.find({ _id: { $in: oids(ids) } }).lean() : [];
}
/** Objections per notice: total and answered (a written response exists), counted with $sum only. */
export async function objectionCounts(noticeIds: string[]): Promise<Map<string, { total: number; answered: number }>> {
  const out = new Map<string, { total: number; answered: number }>();
  if (noticeIds.length === 0) return out;
  const rows = await NoticeObjection.aggregate([
    { $match: { noticeId: { $in: oids(noticeIds) } } },
    { $group: { _id: { noticeId: '$noticeId', by: '$response.by' }, n: { $sum: 1 } } },
  ]);
  for (const r of rows) {
    const key = String(r._id.noticeId);
    const cur = out.get(key) ?? { total: 0, answered: 0 };
    cur.total += r.n;
    if (r._id.by !== null && r._id.by !== undefined) cur.answered += r.n;
    out.set(key, cur);
  }
  return out;
}
