import {
  ConsultationChainCheck,
  ConsultationIdParams,
  ConsultationLiveTally,
  ConsultationReceiptCheck,
  ConsultationReceiptParams,
  ConsultationRecount,
} from '@gongzhi/shared';
import { z } from 'zod';
import { defineRoute } from '../../platform/http/route';
import { authorize } from '../../platform/http/authorize';
import { audit } from '../../identity';
import { loadVerifiable, loadViewable, scoped } from '../access';
import { readLog } from '../integrity';
import { canAuditBallots } from '../policy';
import { liveTally } from '../queries/liveTally';
import { checkChain, checkReceipt, recount } from '../queries/verification';

const tags = ['consultations'];

export const verifyRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/consultations/:id/tally',
    tags,
    summary: '实时参与与计数（汇总，不含个人选择）',
    auth: 'user',
    params: ConsultationIdParams,
    response: ConsultationLiveTally,
    handler: async ({ params, user }) => liveTally(await loadViewable(params.id, user)),
  }),
  defineRoute({
    method: 'get',
    path: '/api/consultations/:id/log/verify',
    tags,
    summary: '校验投票日志哈希链',
    auth: 'user',
    params: ConsultationIdParams,
    response: ConsultationChainCheck,
    handler: async ({ params, user }) => (await checkChain(await loadVerifiable(params.id, user))).check,
  }),
  defineRoute({
    method: 'get',
    path: '/api/consultations/:id/receipts/:code',
    tags,
    summary: '核验回执码是否在最终日志中',
    auth: 'user',
    params: ConsultationReceiptParams,
    response: ConsultationReceiptCheck,
    handler: async ({ params, user }) => checkReceipt(await loadVerifiable(params.id, user), params.code),
  }),
  defineRoute({
    method: 'get',
    path: '/api/consultations/:id/recount',
    tags,
    summary: '按日志重新计票并与公告结果比对',
    auth: 'user',
    params: ConsultationIdParams,
    response: ConsultationRecount,
    handler: async ({ params, user }) => recount(await loadVerifiable(params.id, user)),
  }),
  defineRoute({
    method: 'get',
    path: '/api/consultations/:id/log',
    tags,
    auth: 'user',
    summary: '实名投票日志（结束后供召集人、审计查阅；每次查阅留痕：谁、何时）',
    params: ConsultationIdParams,
    response: z.object({
      items: z.array(z.object({ seq: z.number().int(), prevHash: z.string(), hash: z.string(), body: z.record(z.string(), z.unknown()) })),
      readBy: z.string(),
      readAt: z.string(),
    }),
    handler: async ({ params, user }) => {
      const c = await loadViewable(params.id, user);
      authorize(canAuditBallots(user, scoped(c)));
      // Owners may inspect signed ballots through the convenor; every read of the named log is on the audit trail.
      const readAt = new Date().toISOString();
      await audit({
        actorId: user.id,
        action: 'consultation.log.read',
        target: { type: 'consultation', id: params.id },
        areaPath: c.areaPath,
        details: { at: readAt },
      });
      return { items: (await readLog(params.id)).map((e) => ({ seq: e.seq, prevHash: e.prevHash, hash: e.hash, body: e.body })), readBy: user.id, readAt };
    },
  }),
];
