import { Types } from 'mongoose';
import { conflict, forbidden, notFound } from '../../platform/errors';
import type { AuthUser } from '../../platform/http/route';
import { emitToRoom } from '../../platform/realtime';
import { audit } from '../../identity';
import { alertOwners } from '../alerts';
import { Binding, type BindingDoc } from '../bindingModel';
import { canRevokeBinding, claimDecisionBlock } from '../policy';
import { boundDwellingIds, refreshUserDwellings } from '../rights';
import { markRightsPending } from '../rightsHints';

const DENIED = {
  DECISION_SELF: '不能审核自己的申请',
  DECISION_BOUND: '不能审核与自己绑定的房屋有关的申请，请由其他审核人处理',
} as const;

/** A reviewer's decision; unknown or out-of-scope claims are the same 404 (a reviewer learns nothing elsewhere). */
export async function decideClaim(user: AuthUser, id: string, decision: { approve: boolean; reason?: string }) {
  const b = Types.ObjectId.isValid(id) ? await Binding.findById(id).lean() : null;
  const block = b ? claimDecisionBlock(user, b, await boundDwellingIds(user.id)) : 'NOT_FOUND';
  if (!b || block === 'NOT_FOUND') throw notFound('CLAIM_NOT_FOUND', '认领申请不存在');
  if (block) throw forbidden(block, DENIED[block]);
  if (b.status !== 'pending') throw conflict('CLAIM_NOT_PENDING', '该申请已处理');
  const status = decision.approve ? 'active' : 'rejected';
  const hints = await markRightsPending([b.userId]);
  const r = await Binding.updateOne(
    { _id: b._id, status: 'pending' },
    {
      $set: { status, strength: decision.approve ? 'reviewed' : null, reason: decision.reason ?? undefined, decidedBy: user.id, decidedAt: new Date() },
    },
  );
  if (r.modifiedCount !== 1) throw conflict('CLAIM_NOT_PENDING', '该申请已处理');
  await refreshUserDwellings([b.userId], hints);
  await audit({
    actorId: user.id,
    action: decision.approve ? 'claim.approve' : 'claim.reject',
    target: { type: 'binding', id },
    reason: decision.reason,
    areaPath: b.areaPath,
    details: { relation: b.relation, claimantId: String(b.userId), decidedBy: user.id, reviewReason: b.reviewReason ?? null },
  });
  emitToRoom(`user:${String(b.userId)}`, 'binding.decided', { id, status, reason: decision.reason ?? null });
  if (decision.approve) {
    await alertOwners({
      dwellingId: String(b.dwellingId),
      subjectType: 'binding',
      subjectId: id,
      subjectUserId: String(b.userId),
      relation: b.relation,
      actorId: user.id,
    });
  }
  return Binding.findById(b._id).lean() as Promise<BindingDoc>;
}

export async function revokeBinding(user: AuthUser, id: string, reason: string) {
  const b = Types.ObjectId.isValid(id) ? await Binding.findById(id).lean() : null;
  if (!b || !canRevokeBinding(user, b, await boundDwellingIds(user.id))) throw notFound('BINDING_NOT_FOUND', '绑定关系不存在');
  if (b.status !== 'active' && b.status !== 'pending' && b.status !== 'suspended') {
    await refreshUserDwellings([b.userId]); // a retry after a revoke that died before its refresh still takes effect
    throw conflict('BINDING_NOT_ACTIVE', '该绑定已失效');
  }
  const hints = await markRightsPending([b.userId]);
  await Binding.updateOne({ _id: b._id, status: b.status }, { $set: { status: 'revoked', reason, decidedBy: user.id, decidedAt: new Date() } });
  await refreshUserDwellings([b.userId], hints);
  await audit({
    actorId: user.id,
    action: 'binding.revoke',
    target: { type: 'binding', id },
    reason,
    areaPath: b.areaPath,
    details: { holderId: String(b.userId), by: String(b.userId) === user.id ? 'self' : 'reviewer' },
  });
  // Someone else ended this binding: its holder hears of it at once (the reason is shown in /api/me).
  if (String(b.userId) !== user.id) emitToRoom(`user:${String(b.userId)}`, 'binding.decided', { id, status: 'revoked', reason });
  return Binding.findById(b._id).lean() as Promise<BindingDoc>;
}
