import { ObjectId } from 'mongodb';
import { badRequest } from '../../platform/errors';

/** Keyset paging over (pinned desc, publishedAt desc, _id desc): stable while new notices arrive. */
export const FEED_SORT = { pinned: -1, publishedAt: -1, _id: -1 } as const;

export function encodeCursor(n: { pinned?: boolean; publishedAt?: Date | null; _id: unknown }): string {
  return Buffer.from(JSON.stringify({ p: n.pinned ? 1 : 0, t: n.publishedAt ? new Date(n.publishedAt).getTime() : 0, i: String(n._id) })).toString('base64url');
}

export function cursorFilter(cursor: string | undefined): object | null {
  if (!cursor) return null;
  let c: { p: number; t: number; i: string };
  try {
    c = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badRequest('INVALID_CURSOR', '分页参数无效');
  }
  if (![0, 1].includes(c?.p) || !Number.isFinite(c?.t) || !ObjectId.isValid(c?.i)) throw badRequest('INVALID_CURSOR', '分页参数无效');
  const t = new Date(c.t);
  const id = new ObjectId(c.i);
  const samePin = c.p === 1 ? true : false;
  const after: object[] = [
    { pinned: samePin, publishedAt: { $lt: t } },
    { pinned: samePin, publishedAt: t, _id: { $lt: id } },
  ];
  if (c.p === 1) after.unshift({ pinned: false });
  return { $or: after };
}
