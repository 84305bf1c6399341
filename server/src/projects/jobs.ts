import { outboxJob, type DomainJobs } from '../platform/jobs';
import { repairProjectListings } from './listing';
import { runProjectNotice } from './notices';

/** The plan and acceptance publicity notices, published once per stage change; registered by server/src/app.ts. */
export const projectJobs: DomainJobs = {
  outbox: [outboxJob('project.notice', runProjectNotice)],
  // Listing entries a creator that died between its insert and its listing update left out (listing.ts): one background scan.
  periodic: [{ name: 'projects-listings-repair', everyMs: 600_000, fn: async () => void (await repairProjectListings()) }],
};
