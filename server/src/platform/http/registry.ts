import type { AnyRoute } from './route';
import { platformRoutes, testOnlyRoutes } from './platformRoutes';
import type { Config } from '../config';
import { fileRoutes } from './fileRoutes';

/** Every domain's routes, in one list: the router and the OpenAPI document are both built from it. */
export function allRoutes(config: Config): AnyRoute[] {
  // Who may download a file is decided by the domains whose objects show it (platform/fileAccess.ts).
  require('../../notices/fileAccess');
  require('../../projects/fileAccess');
  require('../../ratings/fileAccess');
  require('../../consultations/fileAccess');
  require('../../roster/fileAccess');
  return [
    ...platformRoutes,
    ...(config.NODE_ENV === 'test' ? testOnlyRoutes : []),
    ...fileRoutes,
    ...require('../../notices/routes').routes,
    ...require('../../identity/routes').identityRoutes(config),
    ...require('../../roster/routes').rosterRoutes(config),
    ...require('../../consultations/routes').routes,
    ...require('../../projects/routes').routes,
    ...require('../../pledges/routes').routes,
    ...require('../../ratings/routes').routes,
    ...require('../../evaluation/routes').routes,
    // domains append one line each, e.g. ...require('../../identity/routes').routes,
  ];
}
