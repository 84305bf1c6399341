import type { AuthUser } from '../../platform/http/route';
import { isInAudience } from '../policy';
import { loadNotice } from '../queries/load';
import { recordRead } from '../readMarks';
import { ensureNoticeSummaries } from '../migrate';

/**
 * Records that this user read the current version, once per (user, dwelling) in the audience: unique inserts make
 * repeated reads and double taps harmless. Staff outside the audience read without a receipt.
 */
export async function markRead(user: AuthUser, id: string, now = new Date()) {
  await ensureNoticeSummaries();
  const { notice: n, dwellings } = await loadNotice(user, id);
  const mine = dwellings.filter((d) => isInAudience(n, [d]));
  if (mine.length > 0) await recordRead(String(n._id), n.version, user.id, mine, now);
  return { noticeId: String(n._id), version: n.version as number, dwellings: mine.length, readAt: now.toISOString() };
}
