import type { AuthUser, Role } from '../platform/http/route';
import type { AreaLevel } from '@gongzhi/shared';
import { grantCovers } from './scope';

/**
 * Who may grant which role (server/src/identity/README.md has the same table). A holder grants only roles *below* their own,
 * and only inside their own scope:
 *   admin               → any role, anywhere in its scope (`root` admins also grant `admin`)
 *   region_official     → prefecture_official in the region
 *   prefecture_official → county_official in the prefecture
 *   county_official     → street_staff in the county
 *   street_staff        → community_worker, committee in the street
 *   community_worker, committee → nobody (committee formation is filed with the street office)
 * Revoking follows the same table. Nobody grants to or revokes from themselves.
 */
export const GRANT_TABLE: Record<Role, readonly Role[]> = {
  admin: ['admin', 'region_official', 'prefecture_official', 'county_official', 'street_staff', 'community_worker', 'committee'],
  region_official: ['prefecture_official'],
  prefecture_official: ['county_official'],
  county_official: ['street_staff'],
  street_staff: ['community_worker', 'committee'],
  community_worker: [],
  committee: [],
};

/** The area level a role's scope must be (admin: `root` or a region). */
export const ROLE_SCOPE_LEVEL: Record<Role, AreaLevel | 'root'> = {
  committee: 'complex',
  community_worker: 'community',
  street_staff: 'street',
  county_official: 'county',
  prefecture_official: 'prefecture',
  region_official: 'region',
  admin: 'root',
};

/** `targetPath` is the scope area's path (`[]` for `root`). */
export function canGrant(user: AuthUser, role: Role, targetScope: string, targetPath: readonly string[]): boolean {
  return user.grants.some((g) => GRANT_TABLE[g.role].includes(role) && (g.scope === 'root' || (targetScope !== 'root' && grantCovers(g, targetPath))));
}

/** Listing who holds roles in an area: anyone who may grant some role there. */
export function canListGrants(user: AuthUser, targetPath: readonly string[]): boolean {
  return user.grants.some((g) => GRANT_TABLE[g.role].length > 0 && grantCovers(g, targetPath));
}
