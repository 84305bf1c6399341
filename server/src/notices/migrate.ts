import type { Model } from 'mongoose';
import { withLock } from '../platform/locks';
import { ignoreDuplicate } from '../platform/store';
import { Notice } from './model';
import { NoticeRead } from './records';
import { feedCodes, feedItem, writeFeedEntries, type Indexable } from './feedIndex';
import { recountStats } from './noticeStats';
import { dwellingReadId, userReadId } from './readMarks';
import { markDue } from './dueWork';
import { NoticeDwellingRead, NoticeFeedIndex, NoticeUserRead, type DwellingReadDoc, type UserReadDoc } from './summaryModels';

/** Marker in the feed index collection: present once a database's notices, receipts and figures are in the new documents. */
const MARKER = '#summaries-v1';
/** Present once the timed work of notices stored before `notice_due` existed has its hints (dueWork.ts). */
const DUE_MARKER = '#due-v1';
let done: Promise<void> | null = null;

/**
 * Builds the summary documents from data written before they existed (the `notices` and old `notice_reads`
 * collections), once per database: three scans, then a marker. Later requests pay one point read, then nothing.
 */
export function ensureNoticeSummaries(): Promise<void> {
  done ??= migrate().catch((e) => {
    done = null; // try again on the next request
    throw e;
  });
  return done;
}

async function migrate() {
  if (await NoticeFeedIndex.exists({ _id: DUE_MARKER })) return; // the newest step: every earlier one is done
  await withLock(
    'notice-summaries-migration',
    async () => {
      if (!(await NoticeFeedIndex.exists({ _id: MARKER }))) {
        await indexAllNotices();
        await convertReceipts();
        await recountStats(null);
        await NoticeFeedIndex.updateOne({ _id: MARKER }, { $set: { items: [] } }, { upsert: true });
      }
      if (!(await NoticeFeedIndex.exists({ _id: DUE_MARKER }))) {
        await hintDueWork();
        await NoticeFeedIndex.updateOne({ _id: DUE_MARKER }, { $set: { items: [] } }, { upsert: true });
      }
    },
    { leaseMs: 30 * 60_000, waitMs: 30 * 60_000 },
  );
}

async function indexAllNotices() {
  const notices = await Notice.find(
    { status: { $in: ['published', 'withdrawn'] } },
    { status: 1, pinned: 1, publishedAt: 1, expireAt: 1, audienceCodes: 1, audienceDwellingIds: 1, scopePath: 1 },
  ).lean<Indexable[]>();
  const byCode = new Map<string, { id: string; item: ReturnType<typeof feedItem> }[]>();
  for (const n of notices) {
    const item = feedItem(n);
    if (!item) continue;
    for (const c of feedCodes(n)) byCode.set(c, [...(byCode.get(c) ?? []), { id: item.id, item }]);
  }
  for (const [code, entries] of byCode) await writeFeedEntries(code, entries, true);
}

/** Receipts per (notice, user, dwelling) become one mark per (notice, user) and one per (notice, dwelling). */
async function convertReceipts() {
  const rows = await NoticeRead.find({}, { noticeId: 1, userId: 1, dwellingId: 1, buildingCode: 1, version: 1, readAt: 1 }).sort({ readAt: 1 }).lean();
  const users = new Map<string, UserReadDoc>();
  const dwellings = new Map<string, DwellingReadDoc>();
  for (const r of rows) {
    const noticeId = String(r.noticeId);
    const dwellingId = String(r.dwellingId);
    const uid = userReadId(noticeId, r.userId);
    const u: UserReadDoc = users.get(uid) ?? { _id: uid, noticeId, userId: r.userId, version: 0, dwellingIds: [], readAt: r.readAt };
    u.version = Math.max(u.version, r.version);
    if (!u.dwellingIds.includes(dwellingId)) u.dwellingIds.push(dwellingId);
    users.set(uid, u);
    const did = dwellingReadId(noticeId, dwellingId);
    if (!dwellings.has(did)) dwellings.set(did, { _id: did, noticeId, dwellingId, buildingCode: r.buildingCode ?? '', userId: r.userId, readAt: r.readAt });
  }
  await insertAll(NoticeUserRead, [...users.values()]);
  await insertAll(NoticeDwellingRead, [...dwellings.values()]);
}

/** Scheduled notices and fan-outs not yet queued, stored before their hints were kept: one scan, once. */
async function hintDueWork() {
  const open = await Notice.find({ $or: [{ status: 'scheduled' }, { fanoutPending: { $ne: null } }] }, { status: 1, publishAt: 1, fanoutPending: 1 }).lean();
  for (const n of open) {
    if (n.status === 'scheduled') await markDue('publish', n._id, n.publishAt);
    if (n.fanoutPending) await markDue('fanout', n._id, new Date(0));
  }
}

async function insertAll<T>(model: Model<T>, docs: object[]) {
  for (let i = 0; i < docs.length; i += 1000) {
    const chunk = docs.slice(i, i + 1000) as Parameters<typeof model.collection.insertMany>[0];
    await model.collection.insertMany(chunk, { ordered: false }).catch(ignoreDuplicate(undefined));
  }
}
