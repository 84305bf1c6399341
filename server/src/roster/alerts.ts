import { Types } from 'mongoose';
import { enqueue } from '../platform/jobs';
import { logger } from '../platform/logger';
import { emitToRoom } from '../platform/realtime';
import { maskName, updateAlerts, User, type AlertItem } from '../identity';
import { Binding } from './bindingModel';
import { loadDwellings } from './presenter';

export interface AlertSubject {
  dwellingId: string;
  subjectType: 'binding' | 'proxy';
  subjectId: string;
  subjectUserId: string;
  relation: 'owner' | 'family' | 'tenant' | 'proxy';
  actorId: string;
}

/**
 * Tells every other active owner of the dwelling that a binding or proxy now touches it: an in-app alert, a socket
 * event in `user:<id>`, and a WeChat subscribe message through the outbox. Never fails the caller's command: the
 * binding is already written, and a lost alert is logged.
 */
export async function alertOwners(s: AlertSubject): Promise<void> {
  try {
    const owners = await Binding.find({ dwellingId: new Types.ObjectId(s.dwellingId), status: 'active', relation: 'owner' })
      .select('userId')
      .lean();
    const targets = [...new Set(owners.map((o) => String(o.userId)))].filter((u) => u !== s.subjectUserId && u !== s.actorId);
    if (targets.length === 0) return;
    const [dwellings, subject] = await Promise.all([loadDwellings([s.dwellingId]), User.findById(s.subjectUserId).select('displayName').lean()]);
    const d = dwellings.get(s.dwellingId);
    if (!d) return;
    const kind: AlertItem['kind'] = s.subjectType === 'proxy' ? 'proxy' : s.relation === 'owner' ? 'owner_binding' : 'member_binding';
    for (const userId of targets) {
      const item: AlertItem = {
        id: new Types.ObjectId().toHexString(),
        kind,
        status: 'open',
        dwellingId: s.dwellingId,
        dwelling: d.label,
        subjectType: s.subjectType,
        subjectId: s.subjectId,
        subjectUserId: s.subjectUserId,
        subjectRelation: s.relation,
        subjectName: maskName(subject?.displayName ?? '?'),
        createdAt: new Date(),
        decidedAt: null,
      };
      await updateAlerts(userId, (items) => [item, ...items]);
      emitToRoom(`user:${userId}`, 'identity.alert', { id: item.id, kind });
      await enqueue(`alert:${item.id}:wechat`, 'identity.alert.wechat', { userId, alertId: item.id });
    }
  } catch (e) {
    logger.error({ err: (e as Error)?.name, subjectType: s.subjectType, subjectId: s.subjectId }, 'owner alert failed');
  }
}
