import { ROLE_GROUPS } from '@gongzhi/shared';
import type { AuthUser, Role } from '../platform/http/route';
import { hasRoleInScope } from './directory';

/** Deny by default: every function returns true only for the cases it names. */
export const PUBLISHER_ROLES: Role[] = [...ROLE_GROUPS.publishers];
/** Officials above the street may read notices in their area, never change them. */
const READER_ROLES: Role[] = [...PUBLISHER_ROLES, ...ROLE_GROUPS.officials];

interface Scoped {
  scopePath: string[];
}
interface Audienced extends Scoped {
  status: string;
  publishedAt?: Date | null;
  audienceCodes: string[];
  audienceDwellingIds: unknown[];
}

/** May publish to an audience anchored at `scopePath` (the area's own path). */
export function canPublishTo(user: AuthUser, scopePath: string[]): boolean {
  return scopePath.length > 0 && hasRoleInScope(user, PUBLISHER_ROLES, scopePath);
}

/** Is any publisher at all: may upload attachments. */
export function isPublisher(user: AuthUser): boolean {
  return user.grants.some((g) => PUBLISHER_ROLES.includes(g.role));
}

/** Amend, withdraw, see stats/unread/all objections, answer objections, remind. */
export function canManageNotice(user: AuthUser, n: Scoped): boolean {
  return canPublishTo(user, n.scopePath);
}

/** The resident's dwellings (areaPath + id) put them in the audience of a published notice. */
export function isInAudience(n: Audienced, dwellings: { dwellingId: string; areaPath: string[] }[]): boolean {
  if (n.audienceDwellingIds.length > 0) {
    const ids = new Set(n.audienceDwellingIds.map(String));
    return dwellings.some((d) => ids.has(d.dwellingId));
  }
  return dwellings.some((d) => d.areaPath.some((c) => n.audienceCodes.includes(c)));
}

/** Who may open a notice: its audience once published, and staff/officials whose scope covers it. */
export function canViewNotice(user: AuthUser, n: Audienced, dwellings: { dwellingId: string; areaPath: string[] }[]): boolean {
  if (canManageNotice(user, n)) return true;
  if (!n.publishedAt) return false;
  return hasRoleInScope(user, READER_ROLES, n.scopePath) || isInAudience(n, dwellings);
}

/** Only residents in the audience object (staff answer, they don't object). */
export function canObject(n: Audienced, dwellings: { dwellingId: string; areaPath: string[] }[]): boolean {
  return n.status === 'published' && isInAudience(n, dwellings);
}

/** An objection is seen by its author and by whoever manages the notice. */
export function canSeeObjection(user: AuthUser, n: Scoped, o: { userId: string }): boolean {
  return o.userId === user.id || canManageNotice(user, n);
}

/** The objector may close (withdraw) their own; the publisher may close any. */
export function canCloseObjection(user: AuthUser, n: Scoped, o: { userId: string }): boolean {
  return canSeeObjection(user, n, o);
}

export function canChangeSettings(user: AuthUser): boolean {
  return user.grants.some((g) => g.role === 'admin');
}

/** socket.io `area:<code>` rooms: the areas of the user's dwellings, and areas inside the user's grant scopes. */
export function canJoinAreaRoom(user: AuthUser, areaPath: string[], dwellings: { areaPath: string[] }[]): boolean {
  const code = areaPath[areaPath.length - 1];
  if (!code) return false;
  if (dwellings.some((d) => d.areaPath.includes(code))) return true;
  return hasRoleInScope(user, READER_ROLES, areaPath);
}
