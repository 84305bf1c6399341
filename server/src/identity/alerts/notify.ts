import { Types } from 'mongoose';
import { enqueue } from '../../platform/jobs';
import { withLock } from '../../platform/locks';
import { logger } from '../../platform/logger';
import { emitToRoom } from '../../platform/realtime';
import { Binding } from '../../roster/bindingModel';
import { loadDwellings } from '../../roster/presenter';
import { User } from '../model';
import { maskName } from '../pii';
import { MAX_ALERTS, UserAlerts, type AlertItem } from './model';

export interface AlertSubject {
  dwellingId: string;
  subjectType: 'binding' | 'proxy';
  subjectId: string;
  subjectUserId: string;
  relation: 'owner' | 'family' | 'tenant' | 'proxy';
  actorId: string;
}

/** Rewrites one user's alert document under that user's lock; `open` is recounted from the items. */
export async function updateAlerts(userId: string, fn: (items: AlertItem[]) => AlertItem[]) {
  return withLock(`alerts:${userId}`, async () => {
    const doc = await UserAlerts.findById(userId).lean();
    const items = fn([...(doc?.items ?? [])]).slice(0, MAX_ALERTS);
    await UserAlerts.replaceOne({ _id: new Types.ObjectId(userId) }, {
      items, open: items.filter((i) => i.status === 'open').length, updatedAt: new Date(),
    }, { upsert: true });
    return items;
  });
}

/**
 * Tells every other active owner of the dwelling that a binding or proxy now touches it: an in-app alert, a socket
 * event in `user:<id>`, and a WeChat subscribe message through the outbox. Never fails the caller's command: the
 * binding is already written, and a lost alert is logged.
 */
export async function alertOwners(s: AlertSubject): Promise<void> {
  try {
    const owners = await Binding.find({ dwellingId: new Types.ObjectId(s.dwellingId), status: 'active', relation: 'owner' }).select('userId').lean();
    const targets = [...new Set(owners.map((o) => String(o.userId)))].filter((u) => u !== s.subjectUserId && u !== s.actorId);
    if (targets.length === 0) return;
    const [dwellings, subject] = await Promise.all([loadDwellings([s.dwellingId]), User.findById(s.subjectUserId).select('displayName').lean()]);
    const d = dwellings.get(s.dwellingId);
    if (!d) return;
    const kind: AlertItem['kind'] = s.subjectType === 'proxy' ? 'proxy' : s.relation === 'owner' ? 'owner_binding' : 'member_binding';
    for (const userId of targets) {
      const item: AlertItem = {
        id: new Types.ObjectId().toHexString(), kind, status: 'open', dwellingId: s.dwellingId, dwelling: d.label,
        subjectType: s.subjectType, subjectId: s.subjectId, subjectUserId: s.subjectUserId, subjectRelation: s.relation,
        subjectName: maskName(subject?.displayName ?? '?'), createdAt: new Date(), decidedAt: null,
      };
      await updateAlerts(userId, (items) => [item, ...items]);
      emitToRoom(`user:${userId}`, 'identity.alert', { id: item.id, kind });
      await enqueue(`alert:${item.id}:wechat`, 'identity.alert.wechat', { userId, alertId: item.id });
    }
  } catch (e) {
    logger.error({ err: (e as Error)?.name, subjectType: s.subjectType, subjectId: s.subjectId }, 'owner alert failed');
  }
}
