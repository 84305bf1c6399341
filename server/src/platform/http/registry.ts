import type { AnyRoute } from './route';
import { platformRoutes, testOnlyRoutes } from './platformRoutes';
import type { Config } from '../config';
import { fileRoutes } from './fileRoutes';

/** Every domain's routes, in one list: the router and the OpenAPI document are both built from it. */
export function allRoutes(config: Config): AnyRoute[] {
  return [
    ...platformRoutes,
    ...(config.NODE_ENV === 'test' ? testOnlyRoutes : []),
    ...fileRoutes,
    // domains append one line each, e.g. ...require('../../identity/routes').routes,
  ];
}
