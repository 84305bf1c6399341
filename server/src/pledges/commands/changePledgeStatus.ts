import { PLEDGE_STATUS_LABELS } from '@gongzhi/shared';
import type { AuthUser } from '../../platform/http/route';
import { conflict, notFound } from '../../platform/errors';
import { authorize } from '../../platform/http/authorize';
import { audit } from '../../identity';
import { loadReadableProject } from '../../projects';
import { canCancelOwnPledge, canManagePledges } from '../policy';
import { withLock } from '../../platform/locks';
import { Pledge, type PledgeStatus } from '../model';

const pledgeNotFound = () => notFound('PLEDGE_NOT_FOUND', '认捐记录不存在');

/** Which states each step starts from: pledged → confirmed (on receipt) → fulfilled; cancel before fulfilment. */
const STEPS = {
  confirm: { from: ['pledged'], to: 'confirmed' },
  fulfil: { from: ['confirmed'], to: 'fulfilled' },
  cancel: { from: ['pledged', 'confirmed'], to: 'cancelled' },
} as const satisfies Record<string, { from: PledgeStatus[]; to: PledgeStatus }>;
export type PledgeStep = keyof typeof STEPS;

export async function loadPledge(user: AuthUser, id: string) {
  const pledge = /^[0-9a-f]{24}$/.test(id) ? await Pledge.findById(id) : null;
  if (!pledge) throw pledgeNotFound();
  const { project } = await loadReadableProject(user, String(pledge.projectId)).catch(() => {
    throw pledgeNotFound();
  });
  const own = pledge.userId === user.id;
  if (!own && !canManagePledges(user, project)) throw pledgeNotFound();
  return { pledge, project };
}

/** One conditional update per step, so a double click or two committee members cannot apply it twice. */
export async function changePledgeStatus(user: AuthUser, id: string, step: PledgeStep, note: string) {
  const seen = await loadPledge(user, id);
  const manager = canManagePledges(user, seen.project);
  authorize(step === 'cancel' ? manager || canCancelOwnPledge(user, seen.pledge) : manager);
  return withLock(`pledge:${id}`, () => applyStep(user, id, step, note, manager));
}

/** Under the pledge's lock: re-read, re-check, then one update. */
async function applyStep(user: AuthUser, id: string, step: PledgeStep, note: string, manager: boolean) {
  const { pledge, project } = await loadPledge(user, id);
  authorize(step === 'cancel' ? manager || canCancelOwnPledge(user, pledge) : manager);
  const { from, to } = STEPS[step];
  const now = new Date();
  const set: Record<string, unknown> = { status: to };
  if (step === 'cancel') set.cancelReason = note;
  const updated = !(from as readonly string[]).includes(pledge.status)
    ? null
    : await Pledge.findOneAndUpdate(
        { _id: pledge._id, status: pledge.status },
        { $set: set, $push: { history: { from: pledge.status, to, at: now, by: user.id, note } } },
        { returnDocument: 'after' },
      );
  if (!updated) {
    throw conflict(
      'PLEDGE_STATE_CONFLICT',
      `认捐当前为「${PLEDGE_STATUS_LABELS[pledge.status]}」，不能${step === 'confirm' ? '确认' : step === 'fulfil' ? '标记兑现' : '取消'}`,
    );
  }
  await audit({
    actorId: user.id,
    action: `pledge.${step}`,
    target: { type: 'pledge', id: String(pledge._id) },
    areaPath: pledge.areaPath,
    reason: note || undefined,
    details: { from: pledge.status, to, projectId: String(project._id) },
  });
  return updated;
}
