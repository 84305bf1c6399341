import { outboxJob, type DomainJobs } from '../platform/jobs';
import { publishDueNotices } from './commands/publishDue';
import { deliverWechat, fanout } from './push/handlers';
import { ensureNoticeSummaries } from './migrate';
import { repairNoticeStats } from './noticeStats';
import { ensureUserReads } from './userReads';

async function publishDue() {
  await publishDueNotices();
}

/** Builds the summary documents of older data right after start (then a no-op without a query), then each user's copy of their read marks. */
async function buildSummaries() {
  await ensureNoticeSummaries();
  await ensureUserReads();
}

/** Recounts the figures of notices whose writer died between a mark and its count. */
async function repairStats() {
  await ensureNoticeSummaries();
  await repairNoticeStats();
}

/** The notices module's background work, registered by the composition root (server/src/app.ts). */
export const noticeJobs: DomainJobs = {
  periodic: [
    { name: 'notices-publish-due', everyMs: 1000, fn: publishDue },
    { name: 'notices-summaries-build', everyMs: 5000, fn: buildSummaries },
    { name: 'notices-stats-repair', everyMs: 60_000, fn: repairStats },
  ],
  outbox: [outboxJob('notice.fanout', fanout), outboxJob('notice.wechat', deliverWechat)],
};
