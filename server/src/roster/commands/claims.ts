import { Types } from 'mongoose';
import { PRIVACY_VERSION, type ReviewReason } from '@gongzhi/shared';
import { conflict, forbidden, notFound } from '../../platform/errors';
import type { AuthUser } from '../../platform/http/route';
import { rateLimit } from '../../platform/rateLimit';
import { audit } from '../../identity';
import { User } from '../../identity';
import { last4Hash, normalizeIdNumber, normalizeName, piiHash } from '../../identity';
import { Binding, type BindingDoc, type Relation } from '../bindingModel';
import { Dwelling, type DwellingDoc } from '../model';
import { refreshUserDwellings } from '../rights';
import { markRightsPending } from '../rightsHints';
import { isDuplicateKey } from '../../platform/store';

/**
 * Limits on real attempts only: they are taken after the privacy, existence and duplicate checks, so refused or
 * impossible requests never use up anyone's quota. The verified-phone path has no per-dwelling limit: nobody can
 * lock an owner out of binding their own home.
 */
export const CLAIM_LIMITS = {
  perUser: { limit: 5, windowSeconds: 600 },
  perDwelling: { limit: 10, windowSeconds: 3600 },
  phonePerUser: { limit: 5, windowSeconds: 600 },
};

export interface ClaimInput {
  dwellingId: string;
  relation: Relation;
  ownerName?: string;
  last4?: string;
  idNumber?: string;
  note?: string;
}
export type ClaimFacts = NonNullable<BindingDoc['facts']>;

/** What the claimant's facts match on the roster (for the reviewer) and the reason code the claimant sees. */
export function reviewFacts(d: DwellingDoc, input: ClaimInput): { facts: ClaimFacts; reason: ReviewReason } {
  const owners = d.owners ?? [];
  const key = input.ownerName ? normalizeName(input.ownerName) : null;
  const named = key ? owners.filter((o) => o.nameKey === key) : [];
  const h4 = input.last4 ? last4Hash(input.last4) : null;
  const id = input.idNumber ? normalizeIdNumber(input.idNumber) : null;
  const idH = id ? piiHash('id', id) : null;
  const facts = {
    nameMatches: named.length > 0,
    numberMatches: !!h4 && named.some((o) => o.phoneLast4Hash === h4 || o.idLast4Hash === h4),
    idMatches: !!idH && named.some((o) => o.idHash === idH),
    phoneVerified: false,
  };
  const reason: ReviewReason =
    input.relation !== 'owner'
      ? 'non_owner'
      : d.developerHeld
        ? 'developer_unit'
        : owners.length === 0
          ? 'no_roster_owner'
          : facts.nameMatches && (facts.numberMatches || facts.idMatches)
            ? 'owner_review'
            : 'owner_mismatch';
  return { facts, reason };
}

/** Privacy, existence and duplicate checks shared by both claim paths (before any rate limit is taken). */
export async function claimPreflight(user: AuthUser, dwellingId: string, opts: { pendingOk: boolean }) {
  const me = await User.findById(user.id).select('privacy').lean();
  if (me?.privacy?.version !== PRIVACY_VERSION) throw forbidden('PRIVACY_REQUIRED', '请先阅读并同意隐私保护指引');
  const d = await Dwelling.findById(dwellingId).lean();
  if (!d) throw notFound('DWELLING_NOT_FOUND', '房屋不存在');
  const prior = await Binding.findOne({ userId: new Types.ObjectId(user.id), dwellingId: d._id }).lean();
  if (prior?.status === 'active') throw conflict('ALREADY_BOUND', '您已绑定该房屋');
  if (prior?.status === 'suspended') throw conflict('BINDING_SUSPENDED', '该房屋的业主对您的绑定提出异议，绑定已暂停，请联系业委会');
  if (prior?.status === 'pending' && !opts.pendingOk) throw conflict('CLAIM_PENDING', '您对该房屋的认领正在审核中');
  return { d, prior };
}

/**
 * Writes the claimant's binding: a new document, or the prior one (rejected/revoked, or pending for the phone path)
 * by a compare-and-set on its status. Nothing else is written on a refusal.
 */
export async function writeBinding(user: AuthUser, d: DwellingDoc, prior: BindingDoc | null, fields: Partial<BindingDoc>) {
  const uid = new Types.ObjectId(user.id);
  const all = { ...fields, complexCode: d.complexCode, areaPath: d.areaPath };
  if (prior) {
    const hints = await markRightsPending([uid]);
    const r = await Binding.updateOne(
      { _id: prior._id, status: prior.status },
      {
        $set: all,
        $unset: { reason: 1, decidedBy: 1, decidedAt: 1 },
      },
    );
    if (r.modifiedCount !== 1) throw conflict('CLAIM_PENDING', '您对该房屋的认领正在审核中');
    await refreshUserDwellings([uid], hints); // a create refreshes in the model hook
    return prior._id;
  }
  try {
    return (await Binding.create({ userId: uid, dwellingId: d._id, ...all }))._id;
  } catch (e) {
    if (isDuplicateKey(e)) throw conflict('CLAIM_PENDING', '您对该房屋的认领正在审核中');
    throw e;
  }
}

const REVIEW_MESSAGE = '已提交，等待业委会审核';

/**
 * A review claim: owner by name + last 4 or full ID number, family member, tenant, developer unit. It always waits for
 * the committee (only a verified phone binds at once, see phoneClaim.ts); the matching facts go to the reviewer,
 * the claimant gets a reason code.
 */
export async function claimDwelling(user: AuthUser, input: ClaimInput) {
  const { d, prior } = await claimPreflight(user, input.dwellingId, { pendingOk: false });
  await rateLimit(`claim:user:${user.id}`, CLAIM_LIMITS.perUser.limit, CLAIM_LIMITS.perUser.windowSeconds, '认领尝试过于频繁，请稍后再试');
  await rateLimit(
    `claim:dwelling:${String(d._id)}`,
    CLAIM_LIMITS.perDwelling.limit,
    CLAIM_LIMITS.perDwelling.windowSeconds,
    '该房屋的认领申请过多，请稍后再试或联系业委会',
  );
  const { facts, reason } = reviewFacts(d, input);
  const id = await writeBinding(user, d, prior, {
    relation: input.relation,
    status: 'pending',
    matched: false,
    strength: null,
    reviewReason: reason,
    facts,
    claimedName: input.ownerName,
    note: input.note,
  });
  await audit({
    actorId: user.id,
    action: 'claim.submit',
    target: { type: 'binding', id: String(id) },
    areaPath: d.areaPath,
    details: { relation: input.relation, reviewReason: reason },
  });
  return {
    id: String(id),
    status: 'pending' as const,
    relation: input.relation,
    matched: false,
    strength: null,
    reviewReason: reason,
    message: REVIEW_MESSAGE,
  };
}
