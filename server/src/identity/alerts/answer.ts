import { Types } from 'mongoose';
import type { AlertView } from '@gongzhi/shared';
import { conflict, forbidden, notFound } from '../../platform/errors';
import type { AuthUser } from '../../platform/http/route';
import { emitToRoom } from '../../platform/realtime';
import { flagDisputedBallots } from '../../consultations';
import { Binding, ProxyAuth } from '../../roster';
import { canAnswerAlert } from '../../roster';
import { markRightsPending, refreshUserDwellings, rightsOf } from '../../roster';
import { audit } from '../audit';
import { UserAlerts, type AlertItem } from './model';
import { updateAlerts } from './notify';

const iso = (d: Date | null | undefined) => (d ? new Date(d).toISOString() : null);

export function presentAlert(a: AlertItem): AlertView {
  return {
    id: a.id,
    kind: a.kind,
    status: a.status,
    dwelling: a.dwelling,
    subjectRelation: a.subjectRelation,
    subjectName: a.subjectName,
    createdAt: iso(a.createdAt)!,
    decidedAt: iso(a.decidedAt),
  };
}

export async function listAlerts(userId: string) {
  const doc = await UserAlerts.findById(userId).lean();
  return { items: (doc?.items ?? []).map(presentAlert) };
}

export async function openAlertCount(userId: string): Promise<number> {
  return (await UserAlerts.findById(userId).select('open').lean())?.open ?? 0;
}

/** Suspends the binding or proxy an alert is about, so it can no longer vote; its open-vote ballots are flagged. */
async function suspendSubject(user: AuthUser, a: AlertItem, note?: string) {
  const set = { status: 'suspended', reason: '业主提出异议：不是本人同意的绑定或委托', decidedBy: user.id, decidedAt: new Date() };
  const id = new Types.ObjectId(a.subjectId);
  const hints = await markRightsPending([a.subjectUserId]);
  const areaPath =
    a.subjectType === 'binding'
      ? (await Binding.findOneAndUpdate({ _id: id, status: { $in: ['active', 'pending'] } }, { $set: set }, { returnDocument: 'after' }).lean())?.areaPath
      : (await ProxyAuth.findOneAndUpdate({ _id: id, status: { $in: ['approved', 'pending'] } }, { $set: set }, { returnDocument: 'after' }).lean())?.areaPath;
  await refreshUserDwellings([a.subjectUserId], hints);
  const flagged = await flagDisputedBallots({
    actorId: a.subjectUserId,
    dwellingId: a.dwellingId,
    disputeRef: `${a.subjectType}:${a.subjectId}`,
    disputedBy: user.id,
  });
  await audit({
    actorId: user.id,
    action: `${a.subjectType}.dispute`,
    target: { type: a.subjectType, id: a.subjectId },
    reason: note,
    areaPath: areaPath ?? [],
    details: { alertId: a.id, suspended: !!areaPath, flaggedBallots: flagged },
  });
  emitToRoom(`user:${a.subjectUserId}`, 'binding.decided', { id: a.subjectId, status: 'suspended', reason: set.reason });
}

/** The owner's one-tap answer to an alert: "this wasn't me" (dispute) or "that's fine" (dismiss). */
export async function answerAlert(user: AuthUser, alertId: string, action: 'dispute' | 'dismiss', note?: string): Promise<AlertView> {
  const doc = await UserAlerts.findById(user.id).lean();
  const a = doc?.items.find((i) => i.id === alertId);
  if (!a) throw notFound('ALERT_NOT_FOUND', '提醒不存在');
  const isOwnerNow = (await rightsOf(user.id)).bindings.some((b) => b.relation === 'owner' && b.dwellingId === a.dwellingId);
  if (!canAnswerAlert(user, { userId: user.id }, isOwnerNow)) throw forbidden('NOT_OWNER_ANYMORE', '您已不是该房屋的业主，不能处理此提醒');
  if (a.status !== 'open') throw conflict('ALERT_CLOSED', '该提醒已处理');
  // Suspend first (idempotent): a crash after it leaves the alert open, and tapping again finishes the job.
  if (action === 'dispute') await suspendSubject(user, a, note);
  let closed = false;
  const items = await updateAlerts(user.id, (list) =>
    list.map((i) => {
      if (i.id !== alertId || i.status !== 'open') return i;
      closed = true;
      return { ...i, status: action === 'dispute' ? 'disputed' : 'dismissed', decidedAt: new Date(), note: note ?? null };
    }),
  );
  if (!closed) throw conflict('ALERT_CLOSED', '该提醒已处理');
  if (action === 'dismiss') {
    await audit({ actorId: user.id, action: `${a.subjectType}.alert_dismiss`, target: { type: a.subjectType, id: a.subjectId }, details: { alertId } });
  }
  return presentAlert(items.find((i) => i.id === alertId)!);
}
