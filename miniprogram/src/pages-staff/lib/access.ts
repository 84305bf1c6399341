import { hasRoleIn, type GrantView, type RoleName } from '@gongzhi/shared';

/**
 * Which workbench tiles to offer, from the user's grants and the shared ROLE_GROUPS the server's policies use (the
 * server decides again on every call). Everything about one consultation, notice or project comes from that view's
 * `abilities` instead.
 */
export interface StaffAccess {
  any: boolean;
  consult: boolean;
  review: boolean;
  publish: boolean;
  roster: boolean;
  projects: boolean;
  /** Open a new project (canCreateProject: community and street staff, not the administrator). */
  newProject: boolean;
  dashboard: boolean;
  /** Officials only: everything is read-only. */
  readOnly: boolean;
}

export function staffAccess(grants: readonly { role: RoleName }[]): StaffAccess {
  const convenor = hasRoleIn(grants, 'convenors');
  return {
    any: grants.length > 0,
    consult: convenor,
    review: convenor,
    publish: hasRoleIn(grants, 'publishers'),
    roster: hasRoleIn(grants, 'rosterManagers'),
    projects: hasRoleIn(grants, 'publishers'),
    newProject: hasRoleIn(grants, 'planners'),
    dashboard: grants.length > 0,
    readOnly: grants.length > 0 && !convenor,
  };
}

/** The widest grant first (region before street before complex), for the default dashboard scope. */
const LEVEL_ORDER: RoleName[] = ['admin', 'region_official', 'prefecture_official', 'county_official', 'street_staff', 'community_worker', 'committee'];
export function sortGrants<T extends Pick<GrantView, 'role'>>(grants: readonly T[]): T[] {
  return [...grants].sort((a, b) => LEVEL_ORDER.indexOf(a.role) - LEVEL_ORDER.indexOf(b.role));
}
