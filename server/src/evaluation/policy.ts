import type { AuthUser } from '../platform/http/route';
import { hasRoleInScope, isAdmin } from '../identity';
import { GRANT_ROLES } from '../projects';

// Deny by default.

/** Evaluations, roll-ups, rankings and exports of an area: anyone whose grant covers it (officials read-only). */
export const canReadEvaluationScope = (user: AuthUser, scopePath: readonly string[]) => hasRoleInScope(user, GRANT_ROLES, scopePath);

/** Weights, grade bands and periods are system settings. */
export const canEditEvaluationSettings = (user: AuthUser) => isAdmin(user);

/** Reading the settings: anyone holding a grant (they explain every published grade). */
export const canReadEvaluationSettings = (user: AuthUser) => user.grants.some((g) => GRANT_ROLES.includes(g.role));
