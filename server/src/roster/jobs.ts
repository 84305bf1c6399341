import type { DomainJobs } from '../platform/jobs';
import { resumeStaleImports } from './import/apply';
import { repairRecentRights } from './rightsRepair';

/** Finishing of interrupted roster imports and the rights repair, registered by the composition root (server/src/app.ts). */
export const rosterJobs: DomainJobs = {
  periodic: [
    { name: 'roster-resume', everyMs: 30_000, fn: resumeStaleImports },
    { name: 'roster-rights-repair', everyMs: 15_000, fn: async () => void (await repairRecentRights()) },
  ],
};
