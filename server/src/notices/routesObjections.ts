import { z } from 'zod';
import {
  CreateObjectionBody,
  NoticeIdParams,
  NoticeObjection,
  NoticeObjectionList,
  NoticeObjectionParams,
  NoticeObjectionsQuery,
  NoticeUpload,
  RespondObjectionBody,
} from '@gongzhi/shared';
import { defineRoute } from '../platform/http/route';
import { authorize } from '../platform/http/authorize';
import { conflict } from '../platform/errors';
import { canObject } from './policy';
import { loadNotice } from './queries/load';
import { objectionCounts } from './queries/counts';
import { uploadFile } from './commands/uploadFile';
import { submitObjection } from './commands/submitObjection';
import { answerObjection, closeObjection, listObjections } from './commands/answerObjection';
import { EMPTY_COUNTS, presentObjection } from './presenter';

const tags = ['notices'];

export const objectionRoutes = [
  defineRoute({
    method: 'post',
    path: '/api/notices/:id/objection-photos',
    summary: '上传异议照片（字段名 file）',
    tags,
    auth: 'user',
    params: NoticeIdParams,
    multipart: true,
    body: z.object({}).passthrough(),
    status: 201,
    response: NoticeUpload,
    idempotent: true,
    handler: async ({ user, params, ctx }) => {
      const { notice, dwellings } = await loadNotice(user, params.id);
      authorize(canObject(notice, dwellings), 'OBJECTION_NOT_ALLOWED', '只有公示范围内的住户可以提出异议');
      if (!notice.objectionsUntil || new Date(notice.objectionsUntil) <= new Date()) throw conflict('OBJECTION_PERIOD_CLOSED', '公示期已结束，不能再提出异议');
      return uploadFile(ctx, user.id, 'objection_photo');
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/notices/:id/objections',
    summary: '异议列表（发布方看全部，住户看自己的）',
    tags,
    auth: 'user',
    params: NoticeIdParams,
    query: NoticeObjectionsQuery,
    response: NoticeObjectionList,
    handler: async ({ user, params, query }) => {
      const { n, items } = await listObjections(user, params.id, query);
      const counts = (await objectionCounts([n])).get(String(n._id)) ?? EMPTY_COUNTS;
      return { items: items.map((o) => presentObjection(o, user.id)), counts };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/notices/:id/objections',
    summary: '提出异议（内容经微信安全审核）',
    tags,
    auth: 'user',
    params: NoticeIdParams,
    body: CreateObjectionBody,
    status: 201,
    response: NoticeObjection,
    idempotent: true,
    handler: async ({ user, params, body }) => presentObjection(await submitObjection(user, params.id, body), user.id),
  }),
  defineRoute({
    method: 'post',
    path: '/api/notices/:id/objections/:objectionId/response',
    summary: '答复异议',
    tags,
    auth: 'user',
    params: NoticeObjectionParams,
    body: RespondObjectionBody,
    response: NoticeObjection,
    handler: async ({ user, params, body }) =>
      presentObjection(await answerObjection(user, params.id, params.objectionId, body.text, new Date(), body.textBo), user.id),
  }),
  defineRoute({
    method: 'post',
    path: '/api/notices/:id/objections/:objectionId/close',
    summary: '关闭异议',
    tags,
    auth: 'user',
    params: NoticeObjectionParams,
    response: NoticeObjection,
    handler: async ({ user, params }) => presentObjection(await closeObjection(user, params.id, params.objectionId), user.id),
  }),
];
