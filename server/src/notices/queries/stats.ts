import type { AuthUser } from '../../platform/http/route';
import { authorize } from '../../platform/http/authorize';
import { areasByCodes, audienceDwellingFilter, countDwellingsByBuilding, findDwellings } from '../directory';
import { NoticeDelivery, NoticeRead } from '../records';
import { canManageNotice } from '../policy';
import { EMPTY_COUNTS } from '../presenter';
import { loadNotice } from './load';
import { objectionCounts } from './counts';

/** Percent with one decimal from integer counts (no float thresholds anywhere near a decision). */
const percent = (num: number, den: number) => (den === 0 ? 0 : Math.round((num * 1000) / den) / 10);

/** Read rate over audience dwellings (a dwelling counts as read when any of its members read it), by building. */
export async function readStats(user: AuthUser, id: string) {
  const { notice: n } = await loadNotice(user, id);
  authorize(canManageNotice(user, n));
  const filter = audienceDwellingFilter(n);
  const totals = await countDwellingsByBuilding(filter);
  const perDwelling = await NoticeRead.aggregate([
    { $match: { noticeId: n._id } },
    { $group: { _id: { d: '$dwellingId', b: '$buildingCode' }, c: { $sum: 1 } } },
  ]);
  // Only dwellings still in the audience count (a binding may have moved since).
  const inAudience = new Set((await findDwellings({ $and: [filter, { _id: { $in: perDwelling.map((r) => r._id.d) } }] })).map((d) => String(d._id)));
  const readByBuilding = new Map<string, number>();
  for (const r of perDwelling) {
    if (!inAudience.has(String(r._id.d))) continue;
    readByBuilding.set(r._id.b, (readByBuilding.get(r._id.b) ?? 0) + 1);
  }
  const names = new Map((await areasByCodes(totals.map((t) => t.buildingCode))).map((a) => [a.code, a.name]));
  const byBuilding = totals
    .map((t) => {
      const read = readByBuilding.get(t.buildingCode) ?? 0;
      return { buildingCode: t.buildingCode, buildingName: names.get(t.buildingCode) ?? null, total: t.total, read, readRatePercent: percent(read, t.total) };
    })
    .sort((a, b) => a.buildingCode.localeCompare(b.buildingCode));
  const audienceDwellings = totals.reduce((s, t) => s + t.total, 0);
  const readDwellings = inAudience.size;
  const readers = (await NoticeRead.distinct('userId', { noticeId: n._id })).length;
  const deliveries = { pending: 0, sent: 0, failed: 0, skipped: 0 };
  for (const r of await NoticeDelivery.aggregate([{ $match: { noticeId: n._id } }, { $group: { _id: '$status', c: { $sum: 1 } } }])) {
    deliveries[r._id as keyof typeof deliveries] = r.c;
  }
  return {
    noticeId: String(n._id),
    audienceDwellings,
    readDwellings,
    readRatePercent: percent(readDwellings, audienceDwellings),
    readers,
    byBuilding,
    deliveries,
    objections: (await objectionCounts([n._id])).get(String(n._id)) ?? EMPTY_COUNTS,
  };
}

/** Dwellings in the audience nobody has read it for — to chase. No names or phone numbers, only where. */
export async function unreadDwellings(user: AuthUser, id: string, q: { limit: number; after?: string }) {
  const { notice: n } = await loadNotice(user, id);
  authorize(canManageNotice(user, n));
  const read = await NoticeRead.distinct('dwellingId', { noticeId: n._id });
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
