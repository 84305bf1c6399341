import { outboxJob, type DomainJobs } from '../platform/jobs';
import { publishDueNotices } from './commands/publishDue';
import { deliverWechat, fanout } from './push/handlers';
import { ensureNoticeSummaries } from './migrate';
import { repairNoticeStats } from './noticeStats';

async function publishDue() {
  await publishDueNotices();
}

/** Builds the summary documents of older data at start, then recounts figures whose writer died mid-way. */
async function noticeSummaries() {
  await ensureNoticeSummaries();
  await repairNoticeStats();
}

/** The notices module's background work, registered by the composition root (server/src/app.ts). */
export const noticeJobs: DomainJobs = {
  periodic: [
    { name: 'notices-publish-due', everyMs: 1000, fn: publishDue },
    { name: 'notices-summaries', everyMs: 60_000, fn: noticeSummaries },
  ],
  outbox: [outboxJob('notice.fanout', fanout), outboxJob('notice.wechat', deliverWechat)],
};
