import { ROLE_GROUPS } from '@gongzhi/shared';
import type { AreaLevel } from '@gongzhi/shared';
import type { AuthUser, Role } from '../platform/http/route';
import { hasRoleInScope } from '../identity';

/**
 * Who may do what with areas, rosters, claims and proxies (deny by default; server/src/identity/README.md):
 * - any logged-in user reads the area tree and the rooms of an entrance (needed to claim; no owner data);
 * - street staff, community workers and admins import and export the roster of a complex in their scope;
 * - the same plus the complex's committee read the roster, review claims and proxies, list residents;
 * - an active owner of a dwelling registers and revokes proxies for it (the committee too);
 * - county/prefecture/region officials: read-only evaluations elsewhere, nothing here beyond the area tree.
 */
const ROSTER_MANAGERS: Role[] = [...ROLE_GROUPS.rosterManagers];
const REVIEWERS: Role[] = [...ROLE_GROUPS.convenors];

export const canManageRoster = (user: AuthUser, complexPath: string[]) => hasRoleInScope(user, ROSTER_MANAGERS, complexPath);
export const canReadRoster = (user: AuthUser, complexPath: string[]) => hasRoleInScope(user, REVIEWERS, complexPath);
export const canReviewClaims = canReadRoster;
export const canDecideProxy = canReadRoster;

/** Admins create any area in scope; street staff add communities/complexes to their street; community workers add complexes. */
export function canCreateArea(user: AuthUser, parentPath: string[], level: AreaLevel): boolean {
  if (hasRoleInScope(user, ['admin'], parentPath)) return true;
  if (level === 'community' || level === 'complex') {
    if (hasRoleInScope(user, ['street_staff'], parentPath)) return true;
  }
  return level === 'complex' && hasRoleInScope(user, ['community_worker'], parentPath);
}

export const canRegisterProxy = (user: AuthUser, dwellingPath: string[], isOwner: boolean) => isOwner || canReviewClaims(user, dwellingPath);
export const canRevokeProxy = canRegisterProxy;
/**
 * The resident may withdraw their own claim or binding; reviewers may revoke one (e.g. moved out), except on a
 * dwelling they are bound to themselves (separation of duties).
 */
export const canRevokeBinding = (user: AuthUser, binding: { userId: unknown; dwellingId: unknown; areaPath: string[] }, callerDwellings: string[] = []) =>
  String(binding.userId) === user.id || (canReviewClaims(user, binding.areaPath) && !callerDwellings.includes(String(binding.dwellingId)));

/**
 * Separation of duties for deciding a claim: a reviewer in scope, who is not the claimant and not bound (as owner,
 * family, tenant or proxy) to the dwelling concerned. Returns why not (the error code), or null when allowed.
 * `callerDwellings` = the dwellings of the caller's active bindings and approved proxies.
 */
export function claimDecisionBlock(
  user: AuthUser,
  claim: { userId: unknown; dwellingId: unknown; areaPath: string[] },
  callerDwellings: string[],
): null | 'NOT_FOUND' | 'DECISION_SELF' | 'DECISION_BOUND' {
  if (!canReviewClaims(user, claim.areaPath)) return 'NOT_FOUND';
  if (String(claim.userId) === user.id) return 'DECISION_SELF';
  if (callerDwellings.includes(String(claim.dwellingId))) return 'DECISION_BOUND';
  return null;
}
export const canDecideClaim = (...a: Parameters<typeof claimDecisionBlock>) => claimDecisionBlock(...a) === null;

/**
 * The same for a proxy, plus: whoever registered it (owner or staff) never decides it — staff registrations need a
 * second staff member.
 */
export function proxyDecisionBlock(
  user: AuthUser,
  proxy: { proxyUserId: unknown; registeredBy: string; dwellingId: unknown; areaPath: string[] },
  callerDwellings: string[],
): null | 'NOT_FOUND' | 'DECISION_SELF' | 'DECISION_REGISTRANT' | 'DECISION_BOUND' {
  if (!canDecideProxy(user, proxy.areaPath)) return 'NOT_FOUND';
  if (String(proxy.proxyUserId) === user.id) return 'DECISION_SELF';
  if (proxy.registeredBy === user.id) return 'DECISION_REGISTRANT';
  if (callerDwellings.includes(String(proxy.dwellingId))) return 'DECISION_BOUND';
  return null;
}
export const canDecideProxyItem = (...a: Parameters<typeof proxyDecisionBlock>) => proxyDecisionBlock(...a) === null;

/** Full owner values (name, masked phone/ID) of one roster entry: roster readers only, one at a time, audited. */
export const canRevealOwner = (user: AuthUser, dwellingPath: string[]) => canReadRoster(user, dwellingPath);

/** Only the owner an alert was sent to, while still an active owner of that dwelling, disputes or dismisses it. */
export const canAnswerAlert = (user: AuthUser, alert: { userId: unknown }, isOwnerNow: boolean) => String(alert.userId) === user.id && isOwnerNow;
