import { Types } from 'mongoose';
import { User } from '../../identity';
import { Binding, ProxyAuth, type BindingDoc, type ProxyAuthDoc } from '../bindingModel';
import { iso, loadDwellings, reviewerOwners } from '../presenter';
import type { ReviewReason } from '@gongzhi/shared';

async function namesOf(ids: (string | Types.ObjectId)[]) {
  const valid = [...new Set(ids.map(String))].filter((i) => Types.ObjectId.isValid(i));
  const users = valid.length
    ? await User.find({ _id: { $in: valid } })
        .select('displayName')
        .lean()
    : [];
  return new Map(users.map((u) => [String(u._id), u.displayName]));
}

export async function presentClaims(bindings: BindingDoc[]) {
  const [dwellings, names] = await Promise.all([loadDwellings(bindings.map((b) => b.dwellingId)), namesOf(bindings.map((b) => b.userId))]);
  return bindings.flatMap((b) => {
    const d = dwellings.get(String(b.dwellingId));
    return d
      ? [
          {
            id: String(b._id),
            userId: String(b.userId),
            displayName: names.get(String(b.userId)) ?? '',
            relation: b.relation,
            status: b.status,
            matched: !!b.matched,
            strength: b.strength ?? null,
            reviewReason: (b.reviewReason ?? null) as ReviewReason | null, // written only from REVIEW_REASONS
            facts: b.facts ?? { nameMatches: false, numberMatches: false, idMatches: false, phoneVerified: false },
            claimedName: b.claimedName ?? null,
            note: b.note ?? null,
            reason: b.reason ?? null,
            createdAt: iso(b.createdAt)!,
            decidedAt: iso(b.decidedAt),
            dwelling: { ...d.label, owners: reviewerOwners(d.doc) },
          },
        ]
      : [];
  });
}

export async function listClaims(complexCode: string, status?: BindingDoc['status']) {
  const filter: Record<string, unknown> = { complexCode, status: status ?? 'pending' };
  return presentClaims(await Binding.find(filter).sort({ createdAt: 1 }).limit(500).lean());
}

/** Active members of a complex (for committee work and for choosing whom to grant a committee role). */
export async function listResidents(complexCode: string) {
  const bindings = await Binding.find({ complexCode, status: 'active' }).sort({ createdAt: 1 }).limit(2000).lean();
  const [dwellings, names] = await Promise.all([loadDwellings(bindings.map((b) => b.dwellingId)), namesOf(bindings.map((b) => b.userId))]);
  return bindings.flatMap((b) => {
    const d = dwellings.get(String(b.dwellingId));
    return d
      ? [{ userId: String(b.userId), displayName: names.get(String(b.userId)) ?? '', relation: b.relation, bindingId: String(b._id), dwelling: d.label }]
      : [];
  });
}

export async function presentProxies(proxies: ProxyAuthDoc[]) {
  const [dwellings, names] = await Promise.all([loadDwellings(proxies.map((p) => p.dwellingId)), namesOf(proxies.map((p) => p.proxyUserId))]);
  return proxies.flatMap((p) => {
    const d = dwellings.get(String(p.dwellingId));
    return d
      ? [
          {
            id: String(p._id),
            dwelling: d.label,
            proxyUserId: String(p.proxyUserId),
            proxyName: names.get(String(p.proxyUserId)) ?? '',
            registeredBy: p.registeredBy,
            documentFileId: p.documentFileId,
            status: p.status,
            reason: p.reason ?? null,
            note: p.note ?? null,
            createdAt: iso(p.createdAt)!,
            decidedAt: iso(p.decidedAt),
          },
        ]
      : [];
  });
}

export async function listProxies(complexCode: string, status?: ProxyAuthDoc['status']) {
  const filter: Record<string, unknown> = { complexCode };
  if (status) filter.status = status;
  return presentProxies(await ProxyAuth.find(filter).sort({ createdAt: 1 }).limit(500).lean());
}
