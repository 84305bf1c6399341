import { z } from 'zod';
import {
  AmendNoticeBody,
  CreateNoticeBody,
  NoticeDetail,
  NoticeFeed,
  NoticeFeedQuery,
  NoticeHistory,
  NoticeIdParams,
  NoticeManagedQuery,
  NoticeReadReceipt,
  NoticeReadStats,
  NoticeReminderResult,
  NoticeRooms,
  NoticeSettings,
  NoticeUnreadList,
  NoticeUnreadQuery,
  NoticeUpload,
  WithdrawNoticeBody,
  NoticeDeliveriesQuery,
  NoticeDeliveryList,
} from '@gongzhi/shared';
import { defineRoute, type AuthUser } from '../platform/http/route';
import { authorize } from '../platform/http/authorize';
import './wiring';
import { canChangeSettings, isPublisher } from './policy';
import { memberDwellings, type MemberDwelling } from './directory';
import { createNotice } from './commands/createNotice';
import { amendNotice } from './commands/amendNotice';
import { withdrawNotice } from './commands/withdrawNotice';
import { markRead } from './commands/markRead';
import { remindUnread } from './commands/remindUnread';
import { uploadFile } from './commands/uploadFile';
import { residentFeed, managedNotices } from './queries/feed';
import { loadNotice } from './queries/load';
import { readStats, unreadDwellings } from './queries/stats';
import { listDeliveries } from './queries/deliveries';
import { objectionCounts, readVersions } from './queries/counts';
import { noticeAbilities, presentDetail, presentHistory, EMPTY_COUNTS } from './presenter';
import type { NoticeDoc } from './model';
import { getNoticeSettings, setNoticeSettings } from './settings';
import { objectionRoutes } from './routesObjections';

const tags = ['notices'];

/** `dwellings`: the caller's, when the route already read them (the abilities need them). */
async function detail(user: AuthUser, n: NoticeDoc, dwellings?: MemberDwelling[]) {
  const [reads, counts, mine] = await Promise.all([readVersions(user.id, [n._id]), objectionCounts([n]), dwellings ?? memberDwellings(user.id)]);
  return presentDetail(n, { readVersion: reads.get(String(n._id)) ?? null }, counts.get(String(n._id)) ?? EMPTY_COUNTS, noticeAbilities(user, n, mine));
}

// Static paths come before `/:id` so the router never reads "managed" as an id.
export const routes = [
  defineRoute({
    method: 'get',
    path: '/api/notices',
    summary: '我的公告（按住户所属范围，置顶与最新在前）',
    tags,
    auth: 'user',
    query: NoticeFeedQuery,
    response: NoticeFeed,
    handler: async ({ user, query }) => residentFeed(user, query),
  }),
  defineRoute({
    method: 'get',
    path: '/api/notices/managed',
    summary: '我管理的公告',
    tags,
    auth: 'user',
    query: NoticeManagedQuery,
    response: NoticeFeed,
    handler: async ({ user, query }) => managedNotices(user, query),
  }),
  defineRoute({
    method: 'get',
    path: '/api/notices/rooms',
    summary: '应订阅的实时推送房间',
    tags,
    auth: 'user',
    response: NoticeRooms,
    handler: async ({ user }) => {
      const codes = new Set((await memberDwellings(user.id)).flatMap((d) => d.areaPath));
      for (const g of user.grants) codes.add(g.scope);
      return { rooms: [...codes].map((c) => `area:${c}`) };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/notices/settings',
    summary: '公告设置（公示期）',
    tags,
    auth: 'user',
    response: NoticeSettings,
    handler: async () => getNoticeSettings(),
  }),
  defineRoute({
    method: 'put',
    path: '/api/notices/settings',
    summary: '修改公告设置（管理员）',
    tags,
    auth: 'user',
    body: NoticeSettings,
    response: NoticeSettings,
    handler: async ({ user, body }) => {
      authorize(canChangeSettings(user));
      return setNoticeSettings(body);
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/notices/attachments',
    summary: '上传公告附件（图片或 PDF，字段名 file）',
    tags,
    auth: 'user',
    multipart: true,
    body: z.object({}).passthrough(),
    status: 201,
    response: NoticeUpload,
    idempotent: true,
    handler: async ({ user, ctx }) => {
      authorize(isPublisher(user), 'FORBIDDEN', '只有公告发布人员可以上传附件');
      return uploadFile(ctx, user.id, 'notice_attachment');
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/notices',
    summary: '发布公告（可定时）',
    tags,
    auth: 'user',
    body: CreateNoticeBody,
    status: 201,
    response: NoticeDetail,
    idempotent: true,
    handler: async ({ user, body }) => detail(user, await createNotice(user, body)),
  }),
  defineRoute({
    method: 'get',
    path: '/api/notices/:id',
    summary: '公告详情（最新版本，附历史版本列表）',
    tags,
    auth: 'user',
    params: NoticeIdParams,
    response: NoticeDetail,
    handler: async ({ user, params }) => {
      const { notice, dwellings } = await loadNotice(user, params.id);
      return detail(user, notice, dwellings);
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/notices/:id/versions',
    summary: '公告全部版本',
    tags,
    auth: 'user',
    params: NoticeIdParams,
    response: NoticeHistory,
    handler: async ({ user, params }) => presentHistory((await loadNotice(user, params.id, { withVersions: true })).notice),
  }),
  defineRoute({
    method: 'post',
    path: '/api/notices/:id/amendments',
    summary: '更正公告（生成新版本，须填写原因）',
    tags,
    auth: 'user',
    params: NoticeIdParams,
    body: AmendNoticeBody,
    status: 201,
    response: NoticeDetail,
    handler: async ({ user, params, body }) => detail(user, await amendNotice(user, params.id, body)),
  }),
  defineRoute({
    method: 'post',
    path: '/api/notices/:id/withdrawal',
    summary: '撤回公告（保留记录）',
    tags,
    auth: 'user',
    params: NoticeIdParams,
    body: WithdrawNoticeBody,
    response: NoticeDetail,
    handler: async ({ user, params, body }) => detail(user, await withdrawNotice(user, params.id, body.reason, body.reasonBo)),
  }),
  defineRoute({
    method: 'post',
    path: '/api/notices/:id/read',
    summary: '标记已读（按住户与房屋记录回执）',
    tags,
    auth: 'user',
    params: NoticeIdParams,
    response: NoticeReadReceipt,
    handler: async ({ user, params }) => markRead(user, params.id),
  }),
  defineRoute({
    method: 'get',
    path: '/api/notices/:id/stats',
    summary: '阅读率（总体与分楼栋）、推送与异议统计',
    tags,
    auth: 'user',
    params: NoticeIdParams,
    response: NoticeReadStats,
    handler: async ({ user, params }) => readStats(user, params.id),
  }),
  defineRoute({
    method: 'get',
    path: '/api/notices/:id/unread',
    summary: '未读房屋清单',
    tags,
    auth: 'user',
    params: NoticeIdParams,
    query: NoticeUnreadQuery,
    response: NoticeUnreadList,
    handler: async ({ user, params, query }) => unreadDwellings(user, params.id, query),
  }),
  defineRoute({
    method: 'get',
    path: '/api/notices/:id/deliveries',
    summary: '微信订阅消息发送记录及结果',
    tags,
    auth: 'user',
    params: NoticeIdParams,
    query: NoticeDeliveriesQuery,
    response: NoticeDeliveryList,
    handler: async ({ user, params, query }) => listDeliveries(user, params.id, query),
  }),
  defineRoute({
    method: 'post',
    path: '/api/notices/:id/reminders',
    summary: '提醒未读住户（每天最多一次）',
    tags,
    auth: 'user',
    params: NoticeIdParams,
    status: 202,
    response: NoticeReminderResult,
    handler: async ({ user, params }) => remindUnread(user, params.id),
  }),
  ...objectionRoutes,
];
