import type { AuthUser } from '../platform/http/route';
import { hasRoleInScope } from '../identity';
import { GRANT_ROLES } from '../projects';

// Deny by default.

/** A household member (owner, family or tenant with an active binding) rates for that dwelling. */
export const canRateFor = (memberDwellingIds: readonly string[], dwellingId: string) => memberDwellingIds.includes(dwellingId);

/** Individual ratings with photos and the XLSX: anyone holding a grant over the complex (officials read-only). */
export const canReadRatingDetails = (user: AuthUser, project: { areaPath: string[] }) => hasRoleInScope(user, GRANT_ROLES, project.areaPath);
