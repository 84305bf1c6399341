/*
 * Composition root: the one place that knows every domain (dependency-cruiser allows only the files directly in
 * server/src/ to import all of them). platform/ stays below the domains and receives their routes from here.
 */
import type { Config } from './platform/config';
import type { AnyRoute } from './platform/http/route';
import { startPlatform, type Running } from './platform/app';
import { registerJobs, type DomainJobs } from './platform/jobs';
import { warming } from './platform/warmup';
import { logger } from './platform/logger';
// Who may download a file is decided by the domains whose objects show it (platform/fileAccess.ts).
import './notices/fileAccess';
import './projects/fileAccess';
import './ratings/fileAccess';
import './consultations/fileAccess';
import './roster/fileAccess';
import './files/audioAccess';
import { routes as noticeRoutes } from './notices/routes';
import { identityRoutes } from './identity/routes';
import { rosterRoutes } from './roster/routes';
import { routes as consultationRoutes } from './consultations/routes';
import { routes as projectRoutes } from './projects/routes';
import { routes as pledgeRoutes } from './pledges/routes';
import { routes as ratingRoutes } from './ratings/routes';
import { routes as evaluationRoutes } from './evaluation/routes';
import { routes as audioRoutes } from './files/audioRoutes';
import { consultationJobs } from './consultations/jobs';
import { configureLogPages } from './consultations/logPages';
import { warmOpenMirrors } from './consultations/warmMirrors';
import { identityJobs } from './identity/jobs';
import { noticeJobs } from './notices/jobs';
import { projectJobs } from './projects/jobs';
import { rosterJobs } from './roster/jobs';
import { warmRosterParser } from './roster';

export type { Running };

/** Every domain's routes, in one list (a new domain adds one line); the platform adds its own in front. */
export function domainRoutes(config: Config): AnyRoute[] {
  return [
    ...noticeRoutes,
    ...identityRoutes(config),
    ...rosterRoutes(config),
    ...consultationRoutes,
    ...projectRoutes,
    ...pledgeRoutes,
    ...ratingRoutes,
    ...evaluationRoutes,
    ...audioRoutes,
  ];
}

/** Every domain's background work (periodic jobs and outbox handlers), from each domain's jobs.ts. */
export const domainJobs: DomainJobs[] = [identityJobs, rosterJobs, consultationJobs, noticeJobs, projectJobs];

/** The whole server: the platform wired with every domain. */
export async function startGongzhi(config: Config, mongoUri: string): Promise<Running> {
  registerJobs(domainJobs); // before the platform starts ticking them
  configureLogPages(config.BALLOT_LOG_PAGE);
  const running = await startPlatform(config, mongoUri, domainRoutes(config));
  // In the background: requests are served meanwhile (a vote asked for first loads once, shared); /readyz lists it.
  warming('open votes', warmOpenMirrors());
  // The first roster import would otherwise start the parser's worker beside the votes (tests start many servers).
  if (config.WARM_PARSER ?? config.NODE_ENV !== 'test') {
    const parser = warmRosterParser().catch((err) => logger.warn({ err }, 'warming the roster parser failed (the first import starts it)'));
    warming('roster parser', parser);
  }
  return running;
}
