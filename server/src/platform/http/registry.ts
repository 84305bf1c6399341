import type { AnyRoute } from './route';
import { platformRoutes, testOnlyRoutes } from './platformRoutes';
import type { Config } from '../config';
import { fileRoutes } from './fileRoutes';

/**
 * Every route, in one list: the router and the OpenAPI document are both built from it. The domains' routes are
 * handed in by the composition root (server/src/app.ts), so the platform imports no domain.
 */
export function allRoutes(config: Config, domainRoutes: AnyRoute[]): AnyRoute[] {
  return [...platformRoutes, ...(config.NODE_ENV === 'test' ? testOnlyRoutes : []), ...fileRoutes, ...domainRoutes];
}
