import type { AreaLevel } from '@gongzhi/shared';
import type { AuthUser, Role } from '../platform/http/route';
import { hasRoleInScope } from '../identity/scope';

/**
 * Who may do what with areas, rosters, claims and proxies (deny by default; server/src/identity/README.md):
 * - any logged-in user reads the area tree and the rooms of an entrance (needed to claim; no owner data);
 * - street staff, community workers and admins import and export the roster of a complex in their scope;
 * - the same plus the complex's committee read the roster, review claims and proxies, list residents;
 * - an active owner of a dwelling registers and revokes proxies for it (the committee too);
 * - county/prefecture/region officials: read-only evaluations elsewhere, nothing here beyond the area tree.
 */
const ROSTER_MANAGERS: Role[] = ['street_staff', 'community_worker', 'admin'];
const REVIEWERS: Role[] = ['committee', 'community_worker', 'street_staff', 'admin'];

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
/** The resident may withdraw their own claim or binding; reviewers may revoke one (e.g. moved out). */
export const canRevokeBinding = (user: AuthUser, binding: { userId: unknown; areaPath: string[] }) =>
  String(binding.userId) === user.id || canReviewClaims(user, binding.areaPath);
