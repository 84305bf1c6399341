import { LockBusyError, serialized, withLock } from '../platform/locks';
import { isDuplicateKey } from '../platform/store';
import { NoticeFeedIndex, NoticeUserRead, NoticeUserReads } from './summaryModels';

/*
 * Each user's read marks in one document (issue 18): the feed shows 20 notices with their read state, which was 20
 * point reads of `notice_user_reads` per page. The per-(notice, user) mark stays the record that counts readers
 * exactly once (a unique insert); this document repeats it, keyed by notice, so a feed page reads it once.
 *
 * FerretDB does not isolate updates: two concurrent writes to one user's document could lose one mark. Writes are
 * serialized per user in this process (a user's own taps come through one instance); what a crash or another instance
 * loses shows as unread and is written again when the user opens the notice (`recordRead` checks both).
 */

/** Marker in the feed index collection: present once every mark written before this document existed is in it. */
const MARKER = '#user-reads-v1';
const userKey = (userId: string) => `notice-user-reads:${userId}`;

/** Adds `noticeId` at `version` (never lowers one already there) to the user's document. */
export function noteUserRead(userId: string, noticeId: string, version: number): Promise<unknown> {
  return serialized(userKey(userId), () => maxInto(userId, { [noticeId]: version }));
}

async function maxInto(userId: string, marks: Record<string, number>) {
  const $max = Object.fromEntries(Object.entries(marks).map(([id, v]) => [`v.${id}`, v]));
  try {
    await NoticeUserReads.updateOne({ _id: userId }, { $max }, { upsert: true });
  } catch (e) {
    if (!isDuplicateKey(e)) throw e; // created by another writer at the same moment: it exists now
    await NoticeUserReads.updateOne({ _id: userId }, { $max });
  }
}

/** The version of each notice in the user's document (absent = not in it). */
export async function userReadMarks(userId: string): Promise<Record<string, number>> {
  return (await NoticeUserReads.findById(userId).lean())?.v ?? {};
}

let complete = false;
let checkedAt = 0;
/** True once the documents hold every earlier mark (one point read every few seconds until then, then none). */
export async function userReadsComplete(now = Date.now()): Promise<boolean> {
  if (complete || now - checkedAt < 5000) return complete;
  checkedAt = now;
  complete = !!(await NoticeFeedIndex.exists({ _id: MARKER }));
  return complete;
}

/**
 * Builds the documents from the marks written before they existed: one pass over `notice_user_reads`, once per
 * database, in the background (requests read the marks one by one until the marker is there). Merging by `$max`
 * keeps what live reads write meanwhile.
 */
export async function ensureUserReads(): Promise<void> {
  if (await userReadsComplete()) return;
  await withLock(
    'notice-user-reads-build',
    async () => {
      if (await NoticeFeedIndex.exists({ _id: MARKER })) return;
      const byUser = new Map<string, Record<string, number>>();
      for await (const m of NoticeUserRead.find({}, { noticeId: 1, userId: 1, version: 1 }).lean().cursor({ batchSize: 2000 })) {
        const marks = byUser.get(m.userId) ?? {};
        marks[m.noticeId] = Math.max(marks[m.noticeId] ?? 0, m.version);
        byUser.set(m.userId, marks);
      }
      for (const [userId, marks] of byUser) await serialized(userKey(userId), () => maxInto(userId, marks));
      await NoticeFeedIndex.updateOne({ _id: MARKER }, { $set: { items: [] } }, { upsert: true });
    },
    { leaseMs: 30 * 60_000, waitMs: 0 },
  ).catch((e) => {
    if (!(e instanceof LockBusyError)) throw e; // another instance is building them
  });
}

/** For tests: forget what this process knows about the marker. */
export function forgetUserReadsState() {
  complete = false;
  checkedAt = 0;
}
