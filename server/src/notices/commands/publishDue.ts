import { Notice } from '../model';
import { displayEnd } from '../settings';
import { withLock } from '../../platform/locks';
import { queueFanout, type FanoutEvent } from '../push/queue';
import { indexNotice } from '../feedIndex';
import { clearDue, dueWork, markDue } from '../dueWork';
import { ensureNoticeSummaries } from '../migrate';

/** A fan-out whose request is still queueing it is not stuck; after this long its writer is presumed dead. */
const FANOUT_GRACE_MS = 15_000;

/**
 * The scheduled-publication tick. It runs under the platform's job lease, but stays exactly-once without it:
 * each due notice is re-read and moved scheduled → published under the notice's lock, so however many ticks
 * race (several instances, a lease handed over mid-tick), one publishes and pushes, the rest see it done.
 * Also re-queues fan-outs whose enqueue was lost to a crash. What is due comes from the small `notice_due`
 * collection (dueWork.ts), never from a filter over `notices`.
 */
export async function publishDueNotices(now = new Date()): Promise<number> {
  await ensureNoticeSummaries(); // older databases get their hints once
  const due = await dueWork({ publish: now, fanout: new Date(now.getTime() - FANOUT_GRACE_MS) });
  let published = 0;
  for (const noticeId of due.publish.slice(0, 100)) {
    const won = await withLock(`notice:${noticeId}`, async () => {
      const n = await Notice.findById(noticeId, { status: 1, publishAt: 1, displayRule: 1, version: 1 }).lean();
      if (!n || n.status !== 'scheduled') {
        await clearDue('publish', noticeId); // published by another tick, withdrawn, or never stored
        return false;
      }
      if (n.publishAt > now) {
        await markDue('publish', noticeId, n.publishAt);
        return false;
      }
      await markDue('fanout', noticeId, now);
      await Notice.updateOne(
        { _id: n._id },
        { $set: { status: 'published', publishedAt: now, objectionsUntil: displayEnd(now, n.displayRule), fanoutPending: 'published' } },
      );
      await clearDue('publish', noticeId);
      const fresh = await Notice.findById(n._id, { versions: 0 }).lean();
      if (fresh) await indexNotice(fresh).catch(() => undefined); // the fan-out job heals a lost write
      await queueFanout(n._id, 'published', n.version);
      return true;
    }).catch(() => false); // busy: another tick has it
    if (won) published++;
  }
  for (const noticeId of due.fanout.slice(0, 100)) {
    await withLock(`notice:${noticeId}`, async () => {
      const n = await Notice.findById(noticeId, { fanoutPending: 1, version: 1 }).lean();
      if (n?.fanoutPending) await queueFanout(n._id, n.fanoutPending as FanoutEvent, n.version);
      else await clearDue('fanout', noticeId);
    }).catch(() => undefined);
  }
  return published;
}
