import { hasRoleIn, type GrantView, type RoleName } from '@gongzhi/shared';

/**
 * What the workbench offers, from the user's grants (the server decides again on every call; this only hides
 * buttons that would be refused). Mirrors the domain policies: convenors, reviewers, publishers, roster managers.
 */
export interface StaffAccess {
  any: boolean;
  consult: boolean;
  review: boolean;
  publish: boolean;
  roster: boolean;
  projects: boolean;
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
    dashboard: grants.length > 0,
    readOnly: grants.length > 0 && !convenor,
  };
}

/** The widest grant first (region before street before complex), for the default dashboard scope. */
const LEVEL_ORDER: RoleName[] = ['admin', 'region_official', 'prefecture_official', 'county_official', 'street_staff', 'community_worker', 'committee'];
export function sortGrants<T extends Pick<GrantView, 'role'>>(grants: readonly T[]): T[] {
  return [...grants].sort((a, b) => LEVEL_ORDER.indexOf(a.role) - LEVEL_ORDER.indexOf(b.role));
}
