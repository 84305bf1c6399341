import { Notice } from '../model';
import { displayEnd } from '../settings';
import { withLock } from '../../platform/locks';
import { queueFanout, type FanoutEvent } from '../push/queue';
import { indexNotice } from '../feedIndex';

/**
 * The scheduled-publication tick. It runs under the platform's job lease, but stays exactly-once without it:
 * each due notice is re-read and moved scheduled → published under the notice's lock, so however many ticks
 * race (several instances, a lease handed over mid-tick), one publishes and pushes, the rest see it done.
 * Also re-queues fan-outs whose enqueue was lost to a crash.
 */
export async function publishDueNotices(now = new Date()): Promise<number> {
  let published = 0;
  const due = await Notice.find({ status: 'scheduled', publishAt: { $lte: now } }, { _id: 1 })
    .sort({ publishAt: 1 })
    .limit(100)
    .lean();
  for (const { _id } of due) {
    const won = await withLock(`notice:${String(_id)}`, async () => {
      const n = await Notice.findById(_id, { status: 1, publishAt: 1, displayRule: 1, version: 1 }).lean();
      if (!n || n.status !== 'scheduled' || n.publishAt > now) return false;
      await Notice.updateOne(
        { _id },
        { $set: { status: 'published', publishedAt: now, objectionsUntil: displayEnd(now, n.displayRule), fanoutPending: 'published' } },
      );
      const fresh = await Notice.findById(_id, { versions: 0 }).lean();
      if (fresh) await indexNotice(fresh).catch(() => undefined); // the fan-out job heals a lost write
      await queueFanout(_id, 'published', n.version);
      return true;
    }).catch(() => false); // busy: another tick has it
    if (won) published++;
  }
  const stale = new Date(now.getTime() - 15_000);
  const stuck = await Notice.find({ fanoutPending: { $ne: null }, updatedAt: { $lt: stale } }, { _id: 1 })
    .limit(100)
    .lean();
  for (const { _id } of stuck) {
    await withLock(`notice:${String(_id)}`, async () => {
      const n = await Notice.findById(_id, { fanoutPending: 1, version: 1 }).lean();
      if (n?.fanoutPending) await queueFanout(_id, n.fanoutPending as FanoutEvent, n.version);
    }).catch(() => undefined);
  }
  return published;
}
