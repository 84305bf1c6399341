import { ROLE_GROUPS } from '@gongzhi/shared';
import type { AuthUser, Role } from '../platform/http/route';
import { hasRoleInScope, isAdmin } from '../identity';

/**
 * Who may do what with consultations. Every function is deny-by-default: it returns true only for the listed roles
 * on the consultation's area, or for residents with the stated relation. Routes pass the result to authorize().
 */
const CONVENORS: readonly Role[] = ROLE_GROUPS.convenors;
/** After close, individual choices are open to the committee and the street office for audit. */
const AUDITORS: readonly Role[] = ROLE_GROUPS.convenors;
const OFFICIALS: readonly Role[] = ROLE_GROUPS.officials;

interface Scoped {
  areaPath: string[];
  status: string;
}
const closedStates = ['closed', 'announced'];

/** Create, edit, schedule, close, enter paper ballots, resolve conflicts, see participation, send reminders. */
export function canManageConsultation(user: AuthUser | undefined, c: { areaPath: string[] }): boolean {
  return hasRoleInScope(user, CONVENORS, c.areaPath);
}

/** Drafts: convenors only. Otherwise also officials above and residents of the complex (aggregates only). */
export function canViewConsultation(user: AuthUser | undefined, c: Scoped, isResidentOfComplex: boolean): boolean {
  if (canManageConsultation(user, c)) return true;
  if (c.status === 'draft') return false;
  return hasRoleInScope(user, OFFICIALS, c.areaPath) || isResidentOfComplex;
}

/** Individual choices of other dwellings: never while open; after close to committee and street office. */
export function canAuditBallots(user: AuthUser | undefined, c: Scoped): boolean {
  return closedStates.includes(c.status) && hasRoleInScope(user, AUDITORS, c.areaPath);
}

/** Receipts, chain verification and recount: anyone in the electorate, convenors, officials. */
export function canVerifyConsultation(user: AuthUser | undefined, c: Scoped, inElectorate: boolean): boolean {
  if (c.status === 'draft') return false;
  return inElectorate || canManageConsultation(user, c) || hasRoleInScope(user, OFFICIALS, c.areaPath);
}

export function canChangeConsultationSettings(user: AuthUser | undefined): boolean {
  return isAdmin(user);
}

export type VotingRefusal = 'TENANT_CANNOT_VOTE' | 'PROXY_REQUIRED' | 'NOT_ENTITLED_TO_VOTE';
interface Rights {
  voting: { dwellingId: string; via: 'owner' | 'proxy' }[];
  members: { dwellingId: string; relation: string }[];
}

/** Who may vote for a dwelling: owners and approved proxies; for surveys any resident (tenants included). */
export function votingRight(rights: Rights, kind: string, dwellingId: string): { via: 'owner' | 'proxy' | 'member' } | { refused: VotingRefusal } {
  const voting = rights.voting.find((v) => v.dwellingId === dwellingId);
  if (voting) return { via: voting.via };
  const member = rights.members.find((m) => m.dwellingId === dwellingId);
  if (member && kind === 'survey') return { via: 'member' };
  if (member?.relation === 'tenant') return { refused: 'TENANT_CANNOT_VOTE' };
  return { refused: member ? 'PROXY_REQUIRED' : 'NOT_ENTITLED_TO_VOTE' };
}

/** Votes in this consultation: a voting right for at least one dwelling of its frozen electorate. */
export function canVoteIn(rights: Rights, kind: string, electorateDwellingIds: readonly string[]): boolean {
  return electorateDwellingIds.some((id) => 'via' in votingRight(rights, kind, id));
}
