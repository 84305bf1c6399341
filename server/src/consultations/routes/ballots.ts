import {
  BallotAnswer,
  BallotReceipt,
  CastBallotBody,
  ConsultationAuditBallots,
  ConsultationConflictParams,
  ConsultationConflicts,
  ConsultationIdParams,
  MyBallots,
  PaperBallotFields,
  ResolveConflictBody,
  ResolveDisputedBallotBody,
} from '@gongzhi/shared';
import { z } from 'zod';
import { defineRoute } from '../../platform/http/route';
import { authorize } from '../../platform/http/authorize';
import { badRequest } from '../../platform/errors';
import { callerRights, loadManageable, loadViewable, scoped } from '../access';
import { castBallot } from '../commands/castBallot';
import { enterPaperBallot } from '../commands/enterPaperBallot';
import { resolveConflict } from '../commands/resolveConflict';
import { resolveDisputedBallot } from '../commands/resolveDisputedBallot';
import { canAuditBallots } from '../policy';
import { auditBallots, listConflicts, myBallots } from '../queries/ballotLists';
import { uploadedFiles } from '../../platform/http/uploads';

const tags = ['consultations'];

function parsePaperAnswers(text: string) {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw badRequest('VALIDATION_FAILED', '请求参数不正确', { in: 'body', issues: [{ path: ['answers'], message: 'answers 须为 JSON' }] });
  }
  const r = z.array(BallotAnswer).min(1).safeParse(json);
  if (!r.success)
    throw badRequest('VALIDATION_FAILED', '请求参数不正确', {
      in: 'body',
      issues: r.error.issues.map((i) => ({ path: ['answers', ...i.path.map(String)], message: i.message })),
    });
  return r.data;
}

export const ballotRoutes = [
  defineRoute({
    method: 'post',
    path: '/api/consultations/:id/ballots',
    tags,
    auth: 'user',
    summary: '投票或改票（业主本人或经审核的受托人；支持 Idempotency-Key）',
    params: ConsultationIdParams,
    body: CastBallotBody,
    status: 201,
    response: BallotReceipt,
    // The ballot log is the key's record (castBallot): a cast writes no idempotency record of its own.
    idempotent: 'handler',
    handler: async ({ params, body, user, requestId, ctx }) => {
      const rights = callerRights(user); // one read, if any, for the view check and the voting right
      // A resident's view check reads their rights anyway (no grant admits them): read them beside the consultation,
      // not after it. Staff are checked by their grants first, so nothing is read (or built) for a refused request.
      if (user.grants.length === 0) rights().catch(() => undefined);
      const { receipt, replayed } = await castBallot(user, await loadViewable(params.id, user, rights), body, requestId, rights);
      if (replayed) ctx.set('Idempotent-Replayed', 'true');
      return receipt;
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/consultations/:id/my-ballots',
    tags,
    summary: '本户的选票与回执',
    auth: 'user',
    params: ConsultationIdParams,
    response: MyBallots,
    handler: async ({ params, user }) => {
      const rights = callerRights(user);
      return myBallots(user, await loadViewable(params.id, user, rights), rights);
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/consultations/:id/paper-ballots',
    tags,
    auth: 'user',
    multipart: true,
    summary: '录入纸质表决票（业委会，须附签字表决票照片 photo）',
    params: ConsultationIdParams,
    body: PaperBallotFields,
    status: 201,
    response: BallotReceipt,
    idempotent: true,
    handler: async ({ params, body, user, ctx }) => {
      const c = await loadManageable(params.id, user);
      const files = uploadedFiles(ctx);
      const f = files.find((x) => x.fieldname === 'photo');
      return enterPaperBallot(user, c, {
        dwellingId: body.dwellingId,
        answers: parsePaperAnswers(body.answers),
        note: body.note,
        photo: f ? { buffer: f.buffer, filename: f.originalname } : null,
      });
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/consultations/:id/conflicts',
    tags,
    summary: '纸质票与电子票冲突',
    auth: 'user',
    params: ConsultationIdParams,
    response: ConsultationConflicts,
    handler: async ({ params, user }) => listConflicts(await loadManageable(params.id, user)),
  }),
  defineRoute({
    method: 'post',
    path: '/api/consultations/:id/conflicts/:seq/resolve',
    tags,
    summary: '处理冲突：保留纸质票或电子票（留痕）',
    auth: 'user',
    params: ConsultationConflictParams,
    body: ResolveConflictBody,
    response: z.object({ seq: z.number().int(), keep: z.enum(['paper', 'electronic']) }),
    handler: async ({ params, body, user }) => resolveConflict(user, await loadManageable(params.id, user), params.seq, body.keep, body.reason),
  }),
  defineRoute({
    method: 'post',
    path: '/api/consultations/:id/disputed-ballots/:seq/resolve',
    tags,
    auth: 'user',
    summary: '处理争议选票（业主申诉“不是我”的绑定或委托投出的票）：uphold 不计入，keep 保留（留痕）',
    params: ConsultationConflictParams,
    body: ResolveDisputedBallotBody,
    response: z.object({ seq: z.number().int(), decision: z.enum(['uphold', 'keep']) }),
    handler: async ({ params, body, user }) => resolveDisputedBallot(user, await loadManageable(params.id, user), params.seq, body.decision, body.reason),
  }),
  defineRoute({
    method: 'get',
    path: '/api/consultations/:id/ballots',
    tags,
    summary: '逐户选票（结束后供业委会、街道审计；不含姓名电话）',
    auth: 'user',
    params: ConsultationIdParams,
    response: ConsultationAuditBallots,
    handler: async ({ params, user }) => {
      const c = await loadViewable(params.id, user);
      authorize(canAuditBallots(user, scoped(c)));
      return auditBallots(c);
    },
  }),
];
