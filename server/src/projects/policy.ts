import { ROLE_GROUPS } from '@gongzhi/shared';
import type { AuthUser, Role } from '../platform/http/route';
import { hasRoleInScope } from '../identity';

/** Who writes a complex's projects (the committee, community and street staff). */
export const MANAGER_ROLES: Role[] = [...ROLE_GROUPS.publishers];
/** Everyone who reads a complex's projects through a grant (officials read-only); admins read everything. */
export const GRANT_ROLES: Role[] = [...MANAGER_ROLES, ...ROLE_GROUPS.officials, 'admin'];

// Deny by default: each function names who may, everything else is refused.
interface Scoped {
  areaPath: string[];
  complexCode: string;
}

/** Street offices and community workers open a complex's project (county governments lead, they organise). */
export const canCreateProject = (user: AuthUser, complexPath: string[]) => hasRoleInScope(user, ROLE_GROUPS.planners, complexPath);

/** The plan itself (items, funding, stage changes, acceptance, links): community and street staff. */
export const canPlanProject = (user: AuthUser, p: Scoped) => hasRoleInScope(user, ROLE_GROUPS.planners, p.areaPath);

/** Progress updates and photos: also the owners' committee, which follows the works day to day. */
export const canReportProgress = (user: AuthUser, p: Scoped) => hasRoleInScope(user, ROLE_GROUPS.publishers, p.areaPath);

/** Anyone with a grant covering the complex (officials read-only), and residents with an active binding in it. */
export const canReadProject = (user: AuthUser, p: Scoped, memberComplexCodes: readonly string[]) =>
  hasRoleInScope(user, GRANT_ROLES, p.areaPath) || memberComplexCodes.includes(p.complexCode);

/** Spreadsheet exports of a project: staff and officials whose grant covers it. */
export const canReadProjectTables = (user: AuthUser, p: Scoped) => hasRoleInScope(user, GRANT_ROLES, p.areaPath);

/** The project's discussion thread: the committee, community and street staff of the complex write; residents do not. */
export const canCommentOnProject = (user: AuthUser, p: Scoped) => hasRoleInScope(user, MANAGER_ROLES, p.areaPath);

/** Reading the thread: those who write it, and officials and admins whose grant covers the project (read-only). */
export const canReadProjectComments = (user: AuthUser, p: Scoped) => hasRoleInScope(user, GRANT_ROLES, p.areaPath);
