import './jobs';
import { ballotRoutes } from './routes/ballots';
import { deliveriesListRoutes } from './routes/deliveriesList';
import { integrityRoutes } from './routes/integrity';
import { manageRoutes } from './routes/manage';
import { verifyRoutes } from './routes/verify';

/** Consultations and ballots (issue #4). Importing this registers the models, room policy, jobs and outbox handlers. */
export const routes = [...manageRoutes, ...ballotRoutes, ...verifyRoutes, ...deliveriesListRoutes, ...integrityRoutes];
