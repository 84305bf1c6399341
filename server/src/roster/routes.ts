import type { Config } from '../platform/config';
import type { AnyRoute } from '../platform/http/route';
import { registerPeriodicJob } from '../platform/jobs';
import { areaRoutes } from './areaRoutes';
import { claimRoutes } from './claimRoutes';
import { householdRoutes } from './householdRoutes';
import { resumeStaleImports } from './import/apply';
import { proxyRoutes } from './proxyRoutes';
import { repairRecentRights } from './rightsRepair';
import { rosterRoutes as rosterFileRoutes } from './rosterRoutes';

/** Areas, roster import/export, claims and proxies. Also schedules the finishing of interrupted imports and the rights repair. */
export function rosterRoutes(_config: Config): AnyRoute[] {
  registerPeriodicJob('roster-resume', 30_000, resumeStaleImports);
  registerPeriodicJob('roster-rights-repair', 60_000, () => repairRecentRights());
  return [...areaRoutes, ...rosterFileRoutes, ...claimRoutes, ...proxyRoutes, ...householdRoutes];
}
