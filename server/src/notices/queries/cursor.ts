import { ObjectId } from 'mongodb';
import { badRequest } from '../../platform/errors';

/** Keyset paging over (pinned desc, publishedAt desc, _id desc): stable while new notices arrive. */
export function encodeCursor(n: { pinned?: boolean; publishedAt?: Date | null; _id: unknown }): string {
  return Buffer.from(JSON.stringify({ p: n.pinned ? 1 : 0, t: n.publishedAt ? new Date(n.publishedAt).getTime() : 0, i: String(n._id) })).toString('base64url');
}

/** The position a cursor names, in the feed index's terms (`feedOrder`); null without a cursor. */
export function decodeCursor(cursor: string | undefined): { pinned: boolean; publishedAt: Date; id: string } | null {
  if (!cursor) return null;
  let c: { p: number; t: number; i: string };
  try {
    c = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badRequest('INVALID_CURSOR', '分页参数无效');
  }
  if (![0, 1].includes(c?.p) || !Number.isFinite(c?.t) || typeof c?.i !== 'string' || !ObjectId.isValid(c.i))
    throw badRequest('INVALID_CURSOR', '分页参数无效');
  return { pinned: c.p === 1, publishedAt: new Date(c.t), id: new ObjectId(c.i).toHexString() };
}
