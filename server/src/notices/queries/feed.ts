import { ObjectId } from 'mongodb';
import type { AuthUser } from '../../platform/http/route';
import { badRequest } from '../../platform/errors';
import { Notice } from '../model';
import { hasRoleInScope, memberDwellings } from '../directory';
import { presentSummary, type NoticeSummaryDoc } from '../presenter';
import { PUBLISHER_ROLES } from '../policy';
import { cursorFilter, encodeCursor, FEED_SORT } from './cursor';
import { objectionCounts, readVersions } from './counts';

const LIST_PROJECTION = { body: 0, bodyBo: 0, versions: 0 };

async function present(user: AuthUser, docs: NoticeSummaryDoc[], limit: number, next: (last: NoticeSummaryDoc) => string) {
  const more = docs.length > limit;
  const items = docs.slice(0, limit);
  const ids = items.map((n) => n._id);
  const [reads, counts] = await Promise.all([readVersions(user.id, ids), objectionCounts(ids)]);
  return {
    items: items.map((n) => presentSummary(n, { readVersion: reads.get(String(n._id)) ?? null }, counts.get(String(n._id)))),
    nextCursor: more ? next(items[items.length - 1]) : null,
  };
}

async function page(user: AuthUser, filters: object[], limit: number, cursor?: string) {
  const after = cursorFilter(cursor);
  const docs = await Notice.find({ $and: after ? [...filters, after] : filters }, LIST_PROJECTION)
    .sort(FEED_SORT)
    .limit(limit + 1)
    .lean<NoticeSummaryDoc[]>();
  return present(user, docs, limit, encodeCursor);
}

/** A resident's notices: every scope of every active binding; pinned first, then newest; unread marked. */
export async function residentFeed(user: AuthUser, q: { limit: number; cursor?: string; includeExpired?: 'true' | 'false' }, now = new Date()) {
  const dwellings = await memberDwellings(user.id);
  if (dwellings.length === 0) return { items: [], nextCursor: null };
  const codes = [...new Set(dwellings.flatMap((d) => d.areaPath))];
  const ids = dwellings.map((d) => d.dwellingId);
  const filters: object[] = [
    { status: { $in: ['published', 'withdrawn'] }, publishedAt: { $ne: null } },
    { $or: [{ audienceCodes: { $in: codes } }, { audienceDwellingIds: { $in: ids.map((i) => new ObjectId(i)) } }] },
  ];
  if (q.includeExpired !== 'true') filters.push({ $or: [{ expireAt: null }, { expireAt: { $gt: now } }] });
  return page(user, filters, q.limit, q.cursor);
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
