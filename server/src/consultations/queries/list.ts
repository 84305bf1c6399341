import { ROLE_GROUPS } from '@gongzhi/shared';
import type { AuthUser } from '../../platform/http/route';
import { memberDwellings, votingDwellings } from '../../roster';
import { Dwelling } from '../../roster';
import { Consultation, type ConsultationDoc } from '../model';

const MANAGE: readonly string[] = ROLE_GROUPS.convenors;
const OFFICIAL: readonly string[] = ROLE_GROUPS.officials;

/** Consultations the caller may see: drafts only in their managed areas; others also as official or resident. */
export async function listConsultations(user: AuthUser, q: { complexCode?: string; status?: string; limit: number }): Promise<ConsultationDoc[]> {
  const root = user.grants.some((g) => g.scope === 'root' && MANAGE.includes(g.role));
  const manageScopes = user.grants.filter((g) => MANAGE.includes(g.role)).map((g) => g.scope);
  const officialScopes = user.grants.filter((g) => OFFICIAL.includes(g.role)).map((g) => g.scope);
  const [members, voting] = await Promise.all([memberDwellings(user.id), votingDwellings(user.id)]);
  const complexes = new Set(members.map((m) => m.complexCode));
  const extra = voting.map((v) => v.dwellingId).filter((id) => !members.some((m) => m.dwellingId === id));
  if (extra.length)
    for (const d of await Dwelling.find({ _id: { $in: extra } })
      .select('complexCode')
      .lean())
      complexes.add(d.complexCode);

  const visible: Record<string, unknown>[] = [];
  if (root) visible.push({});
  if (manageScopes.length) visible.push({ areaPath: { $in: manageScopes } });
  if (officialScopes.length) visible.push({ areaPath: { $in: officialScopes }, status: { $ne: 'draft' } });
  if (complexes.size) visible.push({ complexCode: { $in: [...complexes] }, status: { $ne: 'draft' } });
  if (visible.length === 0) return [];
  const and: Record<string, unknown>[] = [{ $or: visible }];
  if (q.complexCode) and.push({ complexCode: q.complexCode });
  if (q.status) and.push({ status: q.status });
  return Consultation.find({ $and: and }).select('-result').sort({ createdAt: -1 }).limit(q.limit).lean() as Promise<ConsultationDoc[]>;
}
