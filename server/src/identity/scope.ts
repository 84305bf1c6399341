import type { AuthUser, Grant, Role } from '../platform/http/route';

/** A grant on scope S covers every object whose areaPath includes S; `root` covers everything. */
export function grantCovers(grant: Grant, areaPath: readonly string[]): boolean {
  return grant.scope === 'root' || areaPath.includes(grant.scope);
}

/** True if the user holds one of `roles` on any code in `areaPath`. */
export function hasRoleInScope(user: AuthUser | undefined, roles: readonly Role[], areaPath: readonly string[]): boolean {
  if (!user) return false;
  return user.grants.some((g) => roles.includes(g.role) && grantCovers(g, areaPath));
}

export function isAdmin(user: AuthUser | undefined): boolean {
  return !!user?.grants.some((g) => g.role === 'admin');
}
