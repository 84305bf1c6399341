import { randomUUID } from 'node:crypto';
import { Types } from 'mongoose';
import { serialized } from '../platform/locks';
import { isDuplicateKey } from '../platform/store';
import { NoticeDelivery, NoticeObjection } from './records';
import { areasByCodes, audienceDwellingFilter, countDwellingsByBuilding } from './directory';
import { buildingKey, NoticeDwellingRead, NoticeStats, NoticeStatsPending, NoticeUserRead, type AudienceBuilding, type NoticeStatsDoc } from './summaryModels';

/** How long a pending entry may stay before the repair assumes its writer died between the two writes. */
export const PENDING_GRACE_MS = 30_000;

const statsKey = (noticeId: string) => `notice-stats:${noticeId}`;

/**
 * Runs a write that changes a notice's figures with a pending entry around it: if the process dies between the write
 * and its count, the entry stays and `repairNoticeStats` recounts that notice from the records.
 */
export async function withPending<T>(noticeId: string, fn: () => Promise<T>): Promise<T> {
  const _id = randomUUID();
  await NoticeStatsPending.create({ _id, noticeId, at: new Date() });
  const out = await fn();
  await NoticeStatsPending.deleteOne({ _id });
  return out;
}

/** `$inc` on the notice's figures, serialized in this process (FerretDB loses concurrent increments); the repair heals the rest. */
export function bumpStats(noticeId: string, inc: Record<string, number>): Promise<unknown> {
  if (Object.keys(inc).length === 0) return Promise.resolve();
  return serialized(statsKey(noticeId), async () => {
    try {
      await NoticeStats.updateOne({ _id: noticeId }, { $inc: inc }, { upsert: true });
    } catch (e) {
      if (!isDuplicateKey(e)) throw e; // two instances created it at once: it exists now
      await NoticeStats.updateOne({ _id: noticeId }, { $inc: inc });
    }
  });
}

export function setStats(noticeId: string, set: Partial<NoticeStatsDoc>): Promise<unknown> {
  return serialized(statsKey(noticeId), () => NoticeStats.updateOne({ _id: noticeId }, { $set: set }, { upsert: true }));
}

/** Objection counts of one notice, recounted from its objections after each change (objections are few and rare). */
export async function refreshObjectionCounts(noticeId: string) {
  const rows = await NoticeObjection.aggregate([{ $match: { noticeId: new Types.ObjectId(noticeId) } }, { $group: { _id: '$status', c: { $sum: 1 } } }]);
  const objections = { total: 0, open: 0, answered: 0, closed: 0 };
  for (const r of rows) {
    objections[r._id as 'open' | 'answered' | 'closed'] = r.c;
    objections.total += r.c;
  }
  await setStats(noticeId, { objections });
}

/** Audience dwellings per building with the building names, counted once and kept (one scan of `dwellings`). */
export async function countAudience(n: { _id: unknown; audienceCodes: string[]; audienceDwellingIds: unknown[] }): Promise<AudienceBuilding[]> {
  const totals = await countDwellingsByBuilding(audienceDwellingFilter(n));
  const names = new Map((await areasByCodes(totals.map((t) => t.buildingCode))).map((a) => [a.code, a.name]));
  const audience = totals
    .map((t) => ({ buildingCode: t.buildingCode, buildingName: names.get(t.buildingCode) ?? null, total: t.total }))
    .sort((a, b) => a.buildingCode.localeCompare(b.buildingCode));
  await setStats(String(n._id), { audience });
  return audience;
}

/**
 * Recomputes read, objection and delivery figures of these notices (null: of every notice with records) from their
 * records: one query per collection, each a scan on FerretDB, so only the repair and the migration call it.
 */
export async function recountStats(noticeIds: string[] | null) {
  if (noticeIds?.length === 0) return;
  const only = (ids: unknown[]): { noticeId?: { $in: never[] } } => (noticeIds ? { noticeId: { $in: ids as never[] } } : {});
  const oids = (noticeIds ?? []).map((i) => new Types.ObjectId(i));
  const [dwellings, users, objections, deliveries] = await Promise.all([
    NoticeDwellingRead.find(only(noticeIds ?? []), { noticeId: 1, buildingCode: 1 }).lean(),
    NoticeUserRead.find(only(noticeIds ?? []), { noticeId: 1 }).lean(),
    NoticeObjection.find(only(oids), { noticeId: 1, status: 1 }).lean(),
    NoticeDelivery.find(only(oids), { noticeId: 1, status: 1 }).lean(),
  ]);
  const fresh = new Map((noticeIds ?? []).map((id) => [id, emptyFigures()]));
  const of = (id: unknown) => {
    const key = String(id);
    if (!fresh.has(key)) fresh.set(key, emptyFigures());
    return fresh.get(key)!;
  };
  for (const d of dwellings) {
    const f = of(d.noticeId);
    f.readDwellings++;
    f.reads[buildingKey(d.buildingCode ?? '')] = (f.reads[buildingKey(d.buildingCode ?? '')] ?? 0) + 1;
  }
  for (const u of users) of(u.noticeId).readers++;
  for (const o of objections) {
    const f = of(o.noticeId);
    f.objections[o.status as 'open']++;
    f.objections.total++;
  }
  for (const d of deliveries) of(d.noticeId).deliveries[d.status as 'pending']++;
  await Promise.all([...fresh].map(([id, f]) => setStats(id, f)));
}

function emptyFigures() {
  return {
    readDwellings: 0,
    readers: 0,
    reads: {} as Record<string, number>,
    objections: { total: 0, open: 0, answered: 0, closed: 0 },
    deliveries: { pending: 0, sent: 0, failed: 0, skipped: 0 },
  };
}

/** The repair: recounts every notice whose pending entry outlived its writer (a scan of the small pending collection). */
export async function repairNoticeStats(now = new Date()): Promise<number> {
  const stale = await NoticeStatsPending.find({ at: { $lt: new Date(now.getTime() - PENDING_GRACE_MS) } }).lean();
  if (stale.length === 0) return 0;
  const ids = [...new Set(stale.map((p) => p.noticeId))];
  await recountStats(ids);
  await Promise.all(stale.map((p) => NoticeStatsPending.deleteOne({ _id: p._id })));
  return ids.length;
}
