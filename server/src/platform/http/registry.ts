import type { AnyRoute } from './route';
import { platformRoutes } from './platformRoutes';

/** Every domain's routes, in one list: the router and the OpenAPI document are both built from it. */
export function allRoutes(): AnyRoute[] {
  return [
    ...platformRoutes,
    // domains append one line each, e.g. ...require('../../identity/routes').routes,
  ];
}
