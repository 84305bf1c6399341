import type { AuthUser } from '../../platform/http/route';
import { authorize } from '../../platform/http/authorize';
import { Types } from 'mongoose';
import { audienceDwellingFilter, findDwellings } from '../directory';
import { canManageNotice } from '../policy';
import { EMPTY_COUNTS } from '../presenter';
import { loadNotice } from './load';
import { countAudience } from '../noticeStats';
import { ensureNoticeSummaries } from '../migrate';
import { buildingKey, NoticeDwellingRead, NoticeStats } from '../summaryModels';

/** Percent with one decimal from integer counts (no float thresholds anywhere near a decision). */
const percent = (num: number, den: number) => (den === 0 ? 0 : Math.round((num * 1000) / den) / 10);

/**
 * Read rate over audience dwellings (a dwelling counts as read when any of its members read it), by building: all from
 * the notice's figures document by `_id` (issue 18). The audience per building is counted when the notice is pushed;
 * a notice pushed before that existed is counted on its first stats read and kept.
 */
export async function readStats(user: AuthUser, id: string) {
  await ensureNoticeSummaries();
  const { notice: n } = await loadNotice(user, id);
  authorize(canManageNotice(user, n));
  const s = await NoticeStats.findById(String(n._id)).lean();
  const audience = s?.audience ?? (await countAudience(n));
  const byBuilding = audience.map((a) => {
    // Only audience buildings count, never more than their dwellings (a dwelling may have left the audience since).
    const read = Math.min(a.total, Math.max(0, s?.reads?.[buildingKey(a.buildingCode)] ?? 0));
    return { buildingCode: a.buildingCode, buildingName: a.buildingName, total: a.total, read, readRatePercent: percent(read, a.total) };
  });
  const audienceDwellings = audience.reduce((sum, a) => sum + a.total, 0);
  const readDwellings = byBuilding.reduce((sum, b) => sum + b.read, 0);
  return {
    noticeId: String(n._id),
    audienceDwellings,
    readDwellings,
    readRatePercent: percent(readDwellings, audienceDwellings),
    readers: s?.readers ?? 0,
    byBuilding,
    deliveries: { pending: 0, sent: 0, failed: 0, skipped: 0, ...(s?.deliveries ?? {}) },
    objections: { ...EMPTY_COUNTS, ...(s?.objections ?? {}) },
  };
}

/** Dwellings in the audience nobody has read it for — to chase. No names or phone numbers, only where. */
export async function unreadDwellings(user: AuthUser, id: string, q: { limit: number; after?: string }) {
  const { notice: n } = await loadNotice(user, id);
  authorize(canManageNotice(user, n));
  // Still scans: the read marks of this notice, then the audience's dwellings (a committee's chase list).
  const marks = await NoticeDwellingRead.find({ noticeId: String(n._id) }, { dwellingId: 1 }).lean();
  const read = marks.map((m) => new Types.ObjectId(m.dwellingId));
  const filter = { $and: [audienceDwellingFilter(n), { _id: { $nin: read } }] };
  const rows = await findDwellings(filter, { limit: q.limit + 1, afterId: q.after });
  const items = rows.slice(0, q.limit).map((d) => ({
    dwellingId: String(d._id),
    buildingCode: d.buildingCode,
    buildingName: d.buildingName,
    entranceName: d.entranceName,
    room: d.room,
  }));
  return { items, next: rows.length > q.limit ? items[items.length - 1].dwellingId : null };
}
