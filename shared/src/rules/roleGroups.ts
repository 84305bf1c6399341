/**
 * Who may do what, by role, declared once: the server's policies decide with these groups (in the caller's area
 * scope), and the mini-program hides the buttons the server would refuse with the same groups.
 */
import type { RoleName } from '../schemas/identity';

export const ROLE_GROUPS = {
  /** Convene and run consultations, review claims and proxies (the committee of the complex and the staff above it). */
  convenors: ['committee', 'community_worker', 'street_staff', 'admin'],
  /** Publish notices and run projects (the staff of the area and its committee; not the system administrator). */
  publishers: ['committee', 'community_worker', 'street_staff'],
  /** Plan projects and record acceptance (community and street staff). */
  planners: ['community_worker', 'street_staff'],
  /** Import and correct the household roster. */
  rosterManagers: ['community_worker', 'street_staff', 'admin'],
  /** Read-only officials above the street, who read the evaluations. */
  officials: ['county_official', 'prefecture_official', 'region_official'],
} as const satisfies Record<string, readonly RoleName[]>;

export type RoleGroup = keyof typeof ROLE_GROUPS;

/** True when any of the grants has a role of the group (scope is the server's business). */
export const hasRoleIn = (grants: readonly { role: RoleName }[], group: RoleGroup): boolean =>
  grants.some((g) => (ROLE_GROUPS[group] as readonly RoleName[]).includes(g.role));
