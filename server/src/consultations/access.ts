import { Types } from 'mongoose';
import type { AuthUser } from '../platform/http/route';
import { authorize } from '../platform/http/authorize';
import { notFound } from '../platform/errors';
import { dwellingRights } from '../roster';
import { ElectorateMember } from './ballotModels';
import { memberId } from './electorate';
import { Consultation, type ConsultationDoc } from './model';
import { canManageConsultation, canVerifyConsultation, canViewConsultation } from './policy';

const NOT_FOUND = () => notFound('CONSULTATION_NOT_FOUND', '表决不存在');

export async function loadConsultation(id: string): Promise<ConsultationDoc> {
  if (!Types.ObjectId.isValid(id)) throw NOT_FOUND();
  const c = await Consultation.findById(id).lean();
  if (!c) throw NOT_FOUND();
  return c as ConsultationDoc;
}

/** Policy input: the consultation as callers see it (internal claim states mapped to public ones). */
export const scoped = (c: ConsultationDoc) => ({ areaPath: c.areaPath, status: c.status });

type Rights = Awaited<ReturnType<typeof dwellingRights>>;
/**
 * The caller's rights document, read on first need and then shared within one request (view check, command,
 * abilities). Lazy, so a request refused before it needs them reads nothing (and never builds a missing document).
 */
export type CallerRights = () => Promise<Rights>;
export function callerRights(user: AuthUser): CallerRights {
  let read: Promise<Rights> | undefined;
  return () => (read ??= dwellingRights(user.id));
}

export async function isResidentOfComplex(user: AuthUser | undefined, complexCode: string, rights?: CallerRights): Promise<boolean> {
  if (!user) return false;
  const { members, proxyComplexCodes } = await (rights ?? callerRights(user))();
  // A proxy may live elsewhere: the complexes they vote in count too.
  return members.some((d) => d.complexCode === complexCode || d.areaPath.includes(complexCode)) || proxyComplexCodes.includes(complexCode);
}

/** Dwellings of the user (any binding or approved proxy) that are in the frozen electorate; `rights` if already read. */
export async function electorateDwellingsOf(
  user: AuthUser | undefined,
  consultationId: string,
  rights?: Pick<Rights, 'members' | 'voting'>,
): Promise<string[]> {
  if (!user) return [];
  const { members, voting } = rights ?? (await dwellingRights(user.id));
  const ids = [...new Set([...members.map((m) => m.dwellingId), ...voting.map((v) => v.dwellingId)])];
  if (ids.length === 0) return [];
  // One `{_id}` read per dwelling (a `$in` is a scan on FerretDB); not cached: before opening the rows do not exist yet.
  const rows = await Promise.all(ids.map((id) => ElectorateMember.exists({ _id: memberId(consultationId, id) })));
  return ids.filter((_, i) => !!rows[i]);
}

/** 404 unless the user may see the consultation at all (the same 404 as an unknown id); `rights` if already read. */
export async function loadViewable(id: string, user: AuthUser | undefined, rights?: CallerRights): Promise<ConsultationDoc> {
  const c = await loadConsultation(id);
  // Grants first (no database); the resident lookup only for those they don't already admit.
  const ok = canViewConsultation(user, scoped(c), false) || canViewConsultation(user, scoped(c), await isResidentOfComplex(user, c.complexCode, rights));
  if (!ok) throw NOT_FOUND();
  return c;
}

/** 404 when invisible, 403 when visible but not manageable. */
export async function loadManageable(id: string, user: AuthUser): Promise<ConsultationDoc> {
  const c = await loadViewable(id, user);
  authorize(canManageConsultation(user, c));
  return c;
}

export async function loadVerifiable(id: string, user: AuthUser): Promise<ConsultationDoc> {
  const c = await loadViewable(id, user);
  authorize(canVerifyConsultation(user, scoped(c), (await electorateDwellingsOf(user, id)).length > 0));
  return c;
}
