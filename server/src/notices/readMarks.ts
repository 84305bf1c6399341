import { tryInsert } from '../platform/store';
import { bumpStats, withPending } from './noticeStats';
import { buildingKey, NoticeDwellingRead, NoticeUserRead } from './summaryModels';
import { noteUserRead, userReadMarks, userReadsComplete } from './userReads';

export const userReadId = (noticeId: string, userId: string) => `${noticeId}:${userId}`;
export const dwellingReadId = (noticeId: string, dwellingId: string) => `${noticeId}:${dwellingId}`;

/**
 * Records that `userId` read `version` for these audience dwellings. Exactly once per dwelling and per user by unique
 * inserts of deterministic `_id`s; the figures are bumped after a first insert only. Re-reading the same version is
 * one point read.
 */
export async function recordRead(noticeId: string, version: number, userId: string, mine: { dwellingId: string; buildingCode: string }[], now: Date) {
  const _id = userReadId(noticeId, userId);
  const [cur, copied] = await Promise.all([NoticeUserRead.findById(_id).lean(), userReadMarks(userId)]);
  const known = new Set(cur?.dwellingIds ?? []);
  const fresh = mine.filter((d) => !known.has(d.dwellingId));
  if (cur && cur.version >= version && fresh.length === 0) {
    // Counted already; the user's copy may have missed it (a crash between the two writes, a concurrent write).
    if ((copied[noticeId] ?? 0) < cur.version) await noteUserRead(userId, noticeId, cur.version);
    return;
  }
  await withPending(noticeId, async () => {
    const inc: Record<string, number> = {};
    for (const d of fresh) {
      const doc = { _id: dwellingReadId(noticeId, d.dwellingId), noticeId, dwellingId: d.dwellingId, buildingCode: d.buildingCode, userId, readAt: now };
      if (!(await tryInsert(NoticeDwellingRead, doc))) continue;
      inc.readDwellings = (inc.readDwellings ?? 0) + 1;
      const b = `reads.${buildingKey(d.buildingCode)}`;
      inc[b] = (inc[b] ?? 0) + 1;
    }
    const ids = mine.map((d) => d.dwellingId);
    const first = !cur && (await tryInsert(NoticeUserRead, { _id, noticeId, userId, version, dwellingIds: ids, readAt: now }));
    if (first) inc.readers = 1;
    else await NoticeUserRead.updateOne({ _id }, { $max: { version }, $addToSet: { dwellingIds: { $each: ids } } });
    await bumpStats(noticeId, inc);
  });
  await noteUserRead(userId, noticeId, version);
}

/**
 * The highest version this user has read of each notice (absent = unread): one read of the user's copy of their
 * marks, or one point read per notice until that copy is built for this database.
 */
export async function readVersions(userId: string, noticeIds: unknown[]): Promise<Map<string, number>> {
  const ids = noticeIds.map(String);
  const out = new Map<string, number>();
  if (ids.length === 0) return out;
  if (await userReadsComplete()) {
    const marks = await userReadMarks(userId);
    for (const id of ids) if (marks[id] !== undefined) out.set(id, marks[id]);
    return out;
  }
  const docs = await Promise.all(ids.map((id) => NoticeUserRead.findById(userReadId(id, userId), { version: 1 }).lean()));
  docs.forEach((d, i) => d && out.set(ids[i], d.version));
  return out;
}

export async function hasRead(noticeId: string, userId: string): Promise<boolean> {
  return (await NoticeUserRead.findById(userReadId(noticeId, userId), { _id: 1 }).lean()) !== null;
}
