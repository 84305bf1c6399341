import {
  ConsultationCloseBody,
  ConsultationCountResponse,
  ConsultationIdParams,
  ConsultationList,
  ConsultationListQuery,
  ConsultationParticipation,
  ConsultationSettings,
  ConsultationTemplates,
  ConsultationView,
  CreateConsultationBody,
  DeliveriesBody,
  RemindersBody,
  UpdateConsultationBody,
} from '@gongzhi/shared';
import { defineRoute } from '../../platform/http/route';
import { authorize } from '../../platform/http/authorize';
import { callerRights, loadManageable, loadViewable } from '../access';
import { closeConsultation } from '../commands/closeConsultation';
import { createConsultation } from '../commands/createConsultation';
import { deleteDraft } from '../commands/deleteDraft';
import { recordDeliveries } from '../commands/recordDeliveries';
import { scheduleConsultation } from '../commands/scheduleConsultation';
import { sendReminders } from '../commands/sendReminders';
import { updateConsultation } from '../commands/updateConsultation';
import { canChangeConsultationSettings } from '../policy';
import { consultationAbilities, presentConsultation, presentSummary } from '../presenter';
import { listConsultations } from '../queries/list';
import { participantCount, participation } from '../queries/participation';
import { getConsultationSettings, setConsultationSettings } from '../settings';
import { CONSULTATION_TEMPLATES } from '../templates';

const tags = ['consultations'];

export const manageRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/consultation-templates',
    tags,
    summary: '表决模板（改不改/改什么/怎么改/怎么管/问卷）',
    auth: 'user',
    response: ConsultationTemplates,
    handler: async () => ({ items: CONSULTATION_TEMPLATES }),
  }),
  defineRoute({
    method: 'get',
    path: '/api/consultation-settings',
    tags,
    summary: '表决设置（最短提前公告时间）',
    auth: 'user',
    response: ConsultationSettings,
    handler: async () => getConsultationSettings(),
  }),
  defineRoute({
    method: 'put',
    path: '/api/consultation-settings',
    tags,
    summary: '修改表决设置（管理员）',
    auth: 'user',
    body: ConsultationSettings,
    response: ConsultationSettings,
    handler: async ({ body, user }) => {
      authorize(canChangeConsultationSettings(user));
      return setConsultationSettings(body);
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/consultations',
    tags,
    summary: '新建表决（草稿）',
    auth: 'user',
    body: CreateConsultationBody,
    status: 201,
    response: ConsultationView,
    idempotent: true,
    handler: async ({ body, user }) => presentConsultation(await createConsultation(user, body)),
  }),
  defineRoute({
    method: 'get',
    path: '/api/consultations',
    tags,
    summary: '我可见的表决',
    auth: 'user',
    query: ConsultationListQuery,
    response: ConsultationList,
    handler: async ({ query, user }) => ({ items: (await listConsultations(user, query)).map((c) => presentSummary(c)) }),
  }),
  defineRoute({
    method: 'get',
    path: '/api/consultations/:id',
    tags,
    summary: '表决详情（含冻结名册汇总与结果）',
    auth: 'user',
    params: ConsultationIdParams,
    response: ConsultationView,
    handler: async ({ params, user }) => {
      const rights = callerRights(user); // one read for the view check and the caller's abilities
      const c = await loadViewable(params.id, user, rights);
      const [count, abilities] = await Promise.all([c.electorate ? participantCount(params.id) : undefined, consultationAbilities(user, c, rights)]);
      return presentConsultation(c, count, abilities);
    },
  }),
  defineRoute({
    method: 'patch',
    path: '/api/consultations/:id',
    tags,
    summary: '修改草稿',
    auth: 'user',
    params: ConsultationIdParams,
    body: UpdateConsultationBody,
    response: ConsultationView,
    handler: async ({ params, body, user }) => presentConsultation(await updateConsultation(user, await loadManageable(params.id, user), body)),
  }),
  defineRoute({
    method: 'delete',
    path: '/api/consultations/:id',
    tags,
    summary: '删除草稿',
    auth: 'user',
    params: ConsultationIdParams,
    status: 204,
    handler: async ({ params, user }) => {
      await deleteDraft(user, await loadManageable(params.id, user));
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/consultations/:id/schedule',
    tags,
    summary: '发布表决（发出会议通知，按时开始）',
    auth: 'user',
    params: ConsultationIdParams,
    response: ConsultationView,
    handler: async ({ params, user }) => presentConsultation(await scheduleConsultation(user, await loadManageable(params.id, user))),
  }),
  defineRoute({
    method: 'post',
    path: '/api/consultations/:id/close',
    tags,
    summary: '召集人提前结束投票并计票',
    auth: 'user',
    params: ConsultationIdParams,
    body: ConsultationCloseBody,
    response: ConsultationView,
    handler: async ({ params, body, user }) => {
      await loadManageable(params.id, user);
      const done = await closeConsultation(params.id, { by: user, reason: body.reason });
      return presentConsultation(done ?? (await loadViewable(params.id, user)));
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/consultations/:id/participation',
    tags,
    summary: '分楼栋参与情况与未投票房屋',
    auth: 'user',
    params: ConsultationIdParams,
    response: ConsultationParticipation,
    handler: async ({ params, user }) => {
      await loadManageable(params.id, user);
      return participation(params.id);
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/consultations/:id/reminders',
    tags,
    summary: '提醒未投票的房屋（每户每天一次）',
    auth: 'user',
    params: ConsultationIdParams,
    body: RemindersBody,
    status: 202,
    response: ConsultationCountResponse,
    handler: async ({ params, body, user }) => sendReminders(user, await loadManageable(params.id, user), body.dwellingIds),
  }),
  defineRoute({
    method: 'post',
    path: '/api/consultations/:id/deliveries',
    tags,
    summary: '登记表决票送达（规约计票用）',
    auth: 'user',
    params: ConsultationIdParams,
    body: DeliveriesBody,
    response: ConsultationCountResponse,
    handler: async ({ params, body, user }) => recordDeliveries(user, await loadManageable(params.id, user), body.dwellingIds, body.method),
  }),
];
