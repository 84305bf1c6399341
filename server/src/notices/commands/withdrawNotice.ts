import type { AuthUser } from '../../platform/http/route';
import { authorize } from '../../platform/http/authorize';
import { conflict } from '../../platform/errors';
import { Notice, type NoticeDoc } from '../model';
import { plainText } from '../content';
import { canManageNotice } from '../policy';
import { withLock } from '../../platform/locks';
import { queueFanout } from '../push/queue';
import { indexNotice } from '../feedIndex';
import { clearDue, markDue } from '../dueWork';
import { loadNotice } from '../queries/load';

/** Withdrawal keeps the notice and its history readable, marked withdrawn with who/when/why. */
export async function withdrawNotice(user: AuthUser, id: string, reason: string, reasonBo?: string | null, now = new Date()) {
  const { notice: seen } = await loadNotice(user, id);
  authorize(canManageNotice(user, seen));
  return withLock(`notice:${String(seen._id)}`, async () => {
    const n = await Notice.findById(seen._id, { status: 1, version: 1 }).lean();
    if (n.status === 'withdrawn') throw conflict('NOTICE_WITHDRAWN', '公告已撤回');
    const wasPublished = n.status === 'published';
    if (wasPublished) await markDue('fanout', n._id, now);
    await Notice.updateOne(
      { _id: n._id },
      {
        $set: {
          status: 'withdrawn',
          withdrawn: { at: now, by: user.id, reason: plainText(reason), reasonBo: reasonBo ? plainText(reasonBo) : null },
          pinned: false,
          ...(wasPublished ? { fanoutPending: 'withdrawn' } : {}),
        },
      },
    );
    const after = (await Notice.findById(n._id).lean()) as NoticeDoc;
    if (wasPublished) await indexNotice(after).catch(() => undefined); // the fan-out job heals a lost write
    if (wasPublished) await queueFanout(n._id, 'withdrawn', n.version);
    else await clearDue('publish', n._id); // a scheduled notice withdrawn before its time is never published
    return after;
  });
}
