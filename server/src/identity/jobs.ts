import { outboxJob, type DomainJobs } from '../platform/jobs';
import { sendAlert } from './alerts/wechat';

/** WeChat pushes of owner alerts (retried by the outbox); registered by the composition root (server/src/app.ts). */
export const identityJobs: DomainJobs = {
  outbox: [outboxJob('identity.alert.wechat', sendAlert)],
};
