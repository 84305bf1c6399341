import { ObjectId } from 'mongodb';
import type { AuthUser } from '../../platform/http/route';
import { NoticeRead } from '../records';
import { isInAudience } from '../policy';
import { loadNotice } from '../queries/load';
import { isDuplicateKey } from '../../platform/store';

/**
 * Records that this user read the current version, once per (user, dwelling) in the audience: the unique index
 * makes repeated reads and double taps harmless. Staff outside the audience read without a receipt.
 */
export async function markRead(user: AuthUser, id: string, now = new Date()) {
  const { notice: n, dwellings } = await loadNotice(user, id);
  const mine = dwellings.filter((d) => isInAudience(n, [d]));
  for (const d of mine) {
    const filter = { noticeId: n._id, userId: user.id, dwellingId: new ObjectId(d.dwellingId) };
    const update = { $set: { version: n.version }, $setOnInsert: { buildingCode: d.buildingCode, readAt: now } };
    await NoticeRead.updateOne(filter, update, { upsert: true }).catch((e: unknown) =>
      isDuplicateKey(e) ? NoticeRead.updateOne(filter, { $set: { version: n.version } }) : Promise.reject(e),
    );
  }
  return { noticeId: String(n._id), version: n.version as number, dwellings: mine.length, readAt: now.toISOString() };
}
