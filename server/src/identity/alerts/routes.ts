import { AlertIdParams, AlertList, AlertView, DisputeBody } from '@gongzhi/shared';
import { defineRoute, type AnyRoute } from '../../platform/http/route';
import { answerAlert, listAlerts } from './answer';

const tags = ['identity'];

/** An owner's alerts about new bindings/proxies on their homes, and the one-tap answers (only their own). */
export const alertRoutes: AnyRoute[] = [
  defineRoute({
    method: 'get',
    path: '/api/me/alerts',
    tags,
    auth: 'user',
    summary: '我的房屋绑定变更提醒（新业主、家庭成员、租户或委托）',
    response: AlertList,
    handler: async ({ user }) => listAlerts(user.id),
  }),
  defineRoute({
    method: 'post',
    path: '/api/alerts/:id/dispute',
    tags,
    auth: 'user',
    summary: '“不是我”：对新的绑定或委托提出异议，立即暂停其投票资格，已投的票转业委会处理',
    params: AlertIdParams,
    body: DisputeBody,
    response: AlertView,
    handler: async ({ user, params, body }) => answerAlert(user, params.id, 'dispute', body.note),
  }),
  defineRoute({
    method: 'post',
    path: '/api/alerts/:id/dismiss',
    tags,
    auth: 'user',
    summary: '确认提醒无误（知情）',
    params: AlertIdParams,
    response: AlertView,
    handler: async ({ user, params }) => answerAlert(user, params.id, 'dismiss'),
  }),
];
