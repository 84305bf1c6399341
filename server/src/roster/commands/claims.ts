import { Types } from 'mongoose';
import { PRIVACY_VERSION } from '@gongzhi/shared';
import { conflict, forbidden, notFound } from '../../platform/errors';
import type { AuthUser } from '../../platform/http/route';
import { rateLimit } from '../../platform/rateLimit';
import { emitToRoom } from '../../platform/realtime';
import { audit } from '../../identity/audit';
import { User } from '../../identity/model';
import { last4Hash, normalizeName } from '../../identity/pii';
import { Binding, type BindingDoc, type Relation } from '../bindingModel';
import { Dwelling, type DwellingDoc } from '../model';
import { canReviewClaims, canRevokeBinding } from '../policy';
import { refreshUserDwellings } from '../rights';

/** Guessing owner name + last 4 digits is what these limits slow down. */
export const CLAIM_LIMITS = { perUser: { limit: 5, windowSeconds: 600 }, perDwelling: { limit: 10, windowSeconds: 3600 } };

export interface ClaimInput { dwellingId: string; relation: Relation; ownerName?: string; last4?: string; note?: string }

function ownerMatches(d: DwellingDoc, ownerName?: string, digits?: string): boolean {
  if (!ownerName || !digits || d.developerHeld) return false;
  const key = normalizeName(ownerName);
  const h = last4Hash(digits);
  return (d.owners ?? []).some((o) => o.nameKey === key && (o.phoneLast4Hash === h || o.idLast4Hash === h));
}

/**
 * A resident claims a dwelling. An owner claim whose name + last 4 digits match the roster binds at once;
 * everything else waits for the committee. Every attempt counts against the rate limits, matched or not.
 */
export async function claimDwelling(user: AuthUser, input: ClaimInput) {
  await rateLimit(`claim:user:${user.id}`, CLAIM_LIMITS.perUser.limit, CLAIM_LIMITS.perUser.windowSeconds, '认领尝试过于频繁，请稍后再试');
  await rateLimit(`claim:dwelling:${input.dwellingId}`, CLAIM_LIMITS.perDwelling.limit, CLAIM_LIMITS.perDwelling.windowSeconds, '该房屋的认领尝试过于频繁，请稍后再试');
  const me = await User.findById(user.id).select('privacy').lean();
  if (me?.privacy?.version !== PRIVACY_VERSION) throw forbidden('PRIVACY_REQUIRED', '请先阅读并同意隐私保护指引');
  const d = await Dwelling.findById(input.dwellingId).lean();
  if (!d) throw notFound('DWELLING_NOT_FOUND', '房屋不存在');

  const matched = ownerMatches(d, input.ownerName, input.last4);
  const status: BindingDoc['status'] = input.relation === 'owner' && matched ? 'active' : 'pending';
  const fields = {
    relation: input.relation, status, matched, claimedName: input.ownerName, note: input.note,
    complexCode: d.complexCode, areaPath: d.areaPath,
  };
  const uid = new Types.ObjectId(user.id);
  const prior = await Binding.findOne({ userId: uid, dwellingId: d._id }).lean();
  let id: Types.ObjectId;
  if (prior) {
    if (prior.status === 'active') throw conflict('ALREADY_BOUND', '您已绑定该房屋');
    if (prior.status === 'pending') throw conflict('CLAIM_PENDING', '您对该房屋的认领正在审核中');
    const r = await Binding.updateOne({ _id: prior._id, status: prior.status }, {
      $set: fields, $unset: { reason: 1, decidedBy: 1, decidedAt: 1 },
    });
    if (r.modifiedCount !== 1) throw conflict('CLAIM_PENDING', '您对该房屋的认领正在审核中');
    id = prior._id;
    await refreshUserDwellings([uid]); // a matched re-claim binds at once (a create refreshes in the model hook)
  } else {
    try {
      id = (await Binding.create({ userId: uid, dwellingId: d._id, ...fields }))._id;
    } catch (e: any) {
      if (e?.code === 11000) throw conflict('CLAIM_PENDING', '您对该房屋的认领正在审核中');
      throw e;
    }
  }
  await audit({
    actorId: user.id, action: status === 'active' ? 'claim.matched' : 'claim.submit', target: { type: 'binding', id: String(id) },
    areaPath: d.areaPath, details: { relation: input.relation, matched },
  });
  return {
    id: String(id), status, relation: input.relation, matched,
    message: status === 'active' ? '认领成功，已绑定为业主' : '已提交，等待业委会审核',
  };
}

/** Unknown or out-of-scope claims are the same 404: a reviewer learns nothing about other complexes. */
async function reviewable(user: AuthUser, id: string) {
  const b = Types.ObjectId.isValid(id) ? await Binding.findById(id).lean() : null;
  if (!b || !canReviewClaims(user, b.areaPath)) throw notFound('CLAIM_NOT_FOUND', '认领申请不存在');
  return b;
}

export async function decideClaim(user: AuthUser, id: string, decision: { approve: boolean; reason?: string }) {
  const b = await reviewable(user, id);
  if (String(b.userId) === user.id) throw forbidden('DECISION_SELF', '不能审核自己的申请');
  if (b.status !== 'pending') throw conflict('CLAIM_NOT_PENDING', '该申请已处理');
  const status = decision.approve ? 'active' : 'rejected';
  const r = await Binding.updateOne({ _id: b._id, status: 'pending' }, {
    $set: { status, reason: decision.reason ?? undefined, decidedBy: user.id, decidedAt: new Date() },
  });
  if (r.modifiedCount !== 1) throw conflict('CLAIM_NOT_PENDING', '该申请已处理');
  await refreshUserDwellings([b.userId]);
  await audit({
    actorId: user.id, action: decision.approve ? 'claim.approve' : 'claim.reject', target: { type: 'binding', id },
    reason: decision.reason, areaPath: b.areaPath, details: { relation: b.relation },
  });
  emitToRoom(`user:${String(b.userId)}`, 'binding.decided', { id, status, reason: decision.reason ?? null });
  return Binding.findById(b._id).lean() as Promise<BindingDoc>;
}

export async function revokeBinding(user: AuthUser, id: string, reason: string) {
  const b = Types.ObjectId.isValid(id) ? await Binding.findById(id).lean() : null;
  if (!b || !canRevokeBinding(user, b)) throw notFound('BINDING_NOT_FOUND', '绑定关系不存在');
  if (b.status !== 'active' && b.status !== 'pending') {
    await refreshUserDwellings([b.userId]); // a retry after a revoke that died before its refresh still takes effect
    throw conflict('BINDING_NOT_ACTIVE', '该绑定已失效');
  }
  await Binding.updateOne({ _id: b._id, status: b.status }, { $set: { status: 'revoked', reason, decidedBy: user.id, decidedAt: new Date() } });
  await refreshUserDwellings([b.userId]);
  await audit({ actorId: user.id, action: 'binding.revoke', target: { type: 'binding', id }, reason, areaPath: b.areaPath });
  return Binding.findById(b._id).lean() as Promise<BindingDoc>;
}
