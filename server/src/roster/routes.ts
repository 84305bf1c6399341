import type { Config } from '../platform/config';
import type { AnyRoute } from '../platform/http/route';
import { areaRoutes } from './areaRoutes';
import { claimRoutes } from './claimRoutes';
import { householdRoutes } from './householdRoutes';
import { proxyRoutes } from './proxyRoutes';
import { rosterRoutes as rosterFileRoutes } from './rosterRoutes';

/** Areas, roster import/export, claims and proxies (the background work is in jobs.ts). */
export function rosterRoutes(_config: Config): AnyRoute[] {
  return [...areaRoutes, ...rosterFileRoutes, ...claimRoutes, ...proxyRoutes, ...householdRoutes];
}
