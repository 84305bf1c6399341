import type { AuthUser } from '../platform/http/route';
import { hasRoleInScope } from '../identity';
import { GRANT_ROLES, MANAGER_ROLES } from '../projects';

// Deny by default.
interface Scoped {
  areaPath: string[];
}

/** Committee (on receipt), community workers and street staff confirm, fulfil and list pledges with names. */
export const canManagePledges = (user: AuthUser, project: Scoped) => hasRoleInScope(user, MANAGER_ROLES, project.areaPath);

/** A resident pledges for a dwelling they hold an active binding to, in the project's complex. */
export const canPledgeFor = (memberDwellingIds: readonly string[], dwellingId: string) => memberDwellingIds.includes(dwellingId);

/** The pledger may withdraw their own pledge before the committee confirms it. */
export const canCancelOwnPledge = (user: AuthUser, pledge: { userId: string; status: string }) => pledge.userId === user.id && pledge.status === 'pledged';

/** Elevator cost-sharing tables: committee, community, street. */
export const canPlanElevator = canManagePledges;

/** An entrance's share table: anyone with a grant over the complex (officials read-only), and its residents. */
export const canReadElevatorShares = (user: AuthUser, project: Scoped, memberEntrances: readonly string[], entranceCode: string) =>
  hasRoleInScope(user, GRANT_ROLES, project.areaPath) || memberEntrances.includes(entranceCode);
