import './realtime'; // the room policy of consultation rooms
import { ballotRoutes } from './routes/ballots';
import { deliveriesListRoutes } from './routes/deliveriesList';
import { integrityRoutes } from './routes/integrity';
import { manageRoutes } from './routes/manage';
import { verifyRoutes } from './routes/verify';

/** Consultations and ballots (issue #4). Importing this registers the models and room policy; the jobs are in jobs.ts. */
export const routes = [...manageRoutes, ...ballotRoutes, ...verifyRoutes, ...deliveriesListRoutes, ...integrityRoutes];
