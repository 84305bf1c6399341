import { ObjectId } from 'mongodb';
import type { AuthUser } from '../../platform/http/route';
import { badRequest } from '../../platform/errors';
import { Notice } from '../model';
import { hasRoleInScope, memberDwellings } from '../directory';
import { presentSummary, type NoticeSummaryDoc } from '../presenter';
import { isInAudience, PUBLISHER_ROLES } from '../policy';
import { feedEntries, feedOrder } from '../feedIndex';
import { ensureNoticeSummaries } from '../migrate';
import type { FeedItem } from '../summaryModels';
import { decodeCursor, encodeCursor } from './cursor';
import { objectionCounts, readVersions } from './counts';

const LIST_PROJECTION = { body: 0, bodyBo: 0, versions: 0 };

async function present(user: AuthUser, docs: NoticeSummaryDoc[], limit: number, next: (last: NoticeSummaryDoc) => string) {
  const more = docs.length > limit;
  const items = docs.slice(0, limit);
  const ids = items.map((n) => n._id);
  const [reads, counts] = await Promise.all([readVersions(user.id, ids), objectionCounts(items)]);
  return {
    items: items.map((n) => presentSummary(n, { readVersion: reads.get(String(n._id)) ?? null }, counts.get(String(n._id)))),
    nextCursor: more ? next(items[items.length - 1]) : null,
  };
}

/** Notice documents of the candidates, in order, by `_id`, until `want` of them pass `keep` (a few more reads when some don't). */
async function firstVisible(cands: FeedItem[], want: number, keep: (n: NoticeSummaryDoc) => boolean): Promise<NoticeSummaryDoc[]> {
  const out: NoticeSummaryDoc[] = [];
  for (let k = 0; k < cands.length && out.length < want;) {
    const batch = cands.slice(k, k + want - out.length);
    k += batch.length;
    const docs = await Promise.all(batch.map((i) => Notice.findById(i.id, LIST_PROJECTION).lean<NoticeSummaryDoc>()));
    for (const n of docs) if (n && keep(n)) out.push(n);
  }
  return out;
}

/**
 * A resident's notices: every scope of every active binding; pinned first, then newest; unread marked. Reads only by
 * `_id`: the user's rights document, one feed index document per area code, then each notice shown (issue 18).
 */
export async function residentFeed(user: AuthUser, q: { limit: number; cursor?: string; includeExpired?: 'true' | 'false' }, now = new Date()) {
  const after = decodeCursor(q.cursor);
  await ensureNoticeSummaries();
  const dwellings = await memberDwellings(user.id);
  if (dwellings.length === 0) return { items: [], nextCursor: null };
  const live = (e: Date | null | undefined) => q.includeExpired === 'true' || !e || new Date(e) > now;
  const cands = (await feedEntries([...new Set(dwellings.flatMap((d) => d.areaPath))])).filter((i) => live(i.expireAt) && (!after || feedOrder(after, i) < 0));
  // The index may lag a change by a moment: the notice itself decides (status, audience, expiry).
  const docs = await firstVisible(
    cands,
    q.limit + 1,
    (n) => (n.status === 'published' || n.status === 'withdrawn') && !!n.publishedAt && live(n.expireAt) && isInAudience(n, dwellings),
  );
  return present(user, docs, q.limit, encodeCursor);
}

/** What a publisher manages: notices whose scope lies within one of their publisher grants. */
export async function managedNotices(user: AuthUser, q: { limit: number; cursor?: string; status?: string }) {
  const scopes = user.grants.filter((g) => hasRoleInScope(user, PUBLISHER_ROLES, [g.scope])).map((g) => g.scope);
  if (scopes.length === 0) return { items: [], nextCursor: null };
  const filters: object[] = [{ scopePath: { $in: scopes } }];
  if (q.status) filters.push({ status: q.status });
  // Newest first by id: scheduled notices have no publishedAt yet.
  if (q.cursor) {
    if (!ObjectId.isValid(q.cursor)) throw badRequest('INVALID_CURSOR', '分页参数无效');
    filters.push({ _id: { $lt: new ObjectId(q.cursor) } });
  }
  const docs = await Notice.find({ $and: filters }, LIST_PROJECTION)
    .sort({ _id: -1 })
    .limit(q.limit + 1)
    .lean<NoticeSummaryDoc[]>();
  return present(user, docs, q.limit, (last) => String(last._id));
}
