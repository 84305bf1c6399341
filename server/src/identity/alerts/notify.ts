import { Types } from 'mongoose';
import { withLock } from '../../platform/locks';
import { MAX_ALERTS, UserAlerts, type AlertItem } from './model';

/** Rewrites one user's alert document under that user's lock; `open` is recounted from the items. */
export async function updateAlerts(userId: string, fn: (items: AlertItem[]) => AlertItem[]) {
  return withLock(`alerts:${userId}`, async () => {
    const doc = await UserAlerts.findById(userId).lean();
    const items = fn([...(doc?.items ?? [])]).slice(0, MAX_ALERTS);
    await UserAlerts.replaceOne(
      { _id: new Types.ObjectId(userId) },
      {
        items,
        open: items.filter((i) => i.status === 'open').length,
        updatedAt: new Date(),
      },
      { upsert: true },
    );
    return items;
  });
}
