import { withLock } from '../platform/locks';
import { NoticeFeedIndex, type FeedItem } from './summaryModels';

/** What the index needs of a notice (a lean notice document has all of it). */
export interface Indexable {
  _id: unknown;
  status: string;
  pinned?: boolean | null;
  publishedAt?: Date | null;
  expireAt?: Date | null;
  audienceCodes: string[];
  audienceDwellingIds: unknown[];
  scopePath: string[];
}

/** Area codes whose feed lists the notice: its audience codes, or for an electorate the complex it belongs to. */
export function feedCodes(n: Indexable): string[] {
  if (n.audienceCodes.length > 0) return n.audienceCodes;
  const own = n.scopePath[n.scopePath.length - 1];
  return own ? [own] : [];
}

export function feedItem(n: Indexable): FeedItem | null {
  if (!n.publishedAt || (n.status !== 'published' && n.status !== 'withdrawn')) return null;
  return { id: String(n._id), pinned: !!n.pinned, publishedAt: new Date(n.publishedAt), expireAt: n.expireAt ? new Date(n.expireAt) : null };
}

/** Feed order: pinned first, then newest, then highest id (ObjectId hex strings sort like the ids). */
export function feedOrder(a: { pinned: boolean; publishedAt: Date; id: string }, b: { pinned: boolean; publishedAt: Date; id: string }): number {
  if (a.pinned !== b.pinned) return a.pinned ? -1 : 1;
  const t = b.publishedAt.getTime() - a.publishedAt.getTime();
  if (t !== 0) return t;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

/**
 * Puts the notice's current entry into the index document of each of its codes, or takes it out (not published).
 * Each document is rewritten under its lock: FerretDB updates are not isolated, so two publishes must not interleave.
 * `keep` merges instead of replacing (the rebuild must not drop what a concurrent publish added).
 */
export async function writeFeedEntries(code: string, entries: { id: string; item: FeedItem | null }[], keep = false) {
  await withLock(
    `notice-feed:${code}`,
    async () => {
      const doc = await NoticeFeedIndex.findById(code).lean();
      const byId = new Map((doc?.items ?? []).map((i) => [i.id, i]));
      for (const e of entries) {
        if (keep && byId.has(e.id)) continue;
        if (e.item) byId.set(e.id, e.item);
        else byId.delete(e.id);
      }
      const items = [...byId.values()].map((i) => ({ ...i, publishedAt: new Date(i.publishedAt) })).sort(feedOrder);
      await NoticeFeedIndex.updateOne({ _id: code }, { $set: { items } }, { upsert: true });
    },
    { waitMs: 15_000 },
  );
}

/** Called after every change of status, pinning or publication (and again by the fan-out job, which retries). */
export async function indexNotice(n: Indexable) {
  const item = feedItem(n);
  for (const code of feedCodes(n)) await writeFeedEntries(code, [{ id: String(n._id), item }]);
}

const sameItem = (a: FeedItem | undefined, b: FeedItem | null) =>
  a === undefined || b === null
    ? a === undefined && b === null
    : a.pinned === b.pinned && +new Date(a.publishedAt) === +b.publishedAt && +(a.expireAt ? new Date(a.expireAt) : 0) === +(b.expireAt ?? 0);

/** The repair pass (fan-out job): writes, under the lock, only the index documents that do not already list the notice as it is. */
export async function ensureIndexed(n: Indexable) {
  const item = feedItem(n);
  const id = String(n._id);
  for (const code of feedCodes(n)) {
    const doc = await NoticeFeedIndex.findById(code).lean();
    if (
      !sameItem(
        doc?.items.find((i) => i.id === id),
        item,
      )
    )
      await writeFeedEntries(code, [{ id, item }]);
  }
}

/** The index entries of these codes, one point read per code, without duplicates. */
export async function feedEntries(codes: string[]): Promise<FeedItem[]> {
  const docs = await Promise.all(codes.map((c) => NoticeFeedIndex.findById(c).lean()));
  const byId = new Map<string, FeedItem>();
  for (const d of docs)
    for (const i of d?.items ?? []) byId.set(i.id, { ...i, publishedAt: new Date(i.publishedAt), expireAt: i.expireAt ? new Date(i.expireAt) : null });
  return [...byId.values()].sort(feedOrder);
}
