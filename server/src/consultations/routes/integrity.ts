import { ConsultationCloseOverrideBody, ConsultationIdParams } from '@gongzhi/shared';
import { z } from 'zod';
import { defineRoute } from '../../platform/http/route';
import { authorize } from '../../platform/http/authorize';
import { conflict } from '../../platform/errors';
import { audit } from '../../identity';
import { listAlarms } from '../alarms';
import { loadManageable, loadVerifiable, loadViewable } from '../access';
import { Consultation } from '../model';
import { canManageConsultation } from '../policy';
import { anonymisedLog, SealedLogDownload } from '../queries/sealedLog';

const tags = ['consultations'];

export const integrityRoutes = [
  defineRoute({
    method: 'post',
    path: '/api/consultations/:id/close-override',
    tags,
    auth: 'user',
    summary: '申请在冲突未处理时结束投票（须写明理由，由另一名工作人员结束）',
    params: ConsultationIdParams,
    body: ConsultationCloseOverrideBody,
    response: z.object({ requestedBy: z.string(), reason: z.string(), at: z.string() }),
    handler: async ({ params, body, user }) => {
      const c = await loadManageable(params.id, user);
      if (c.status !== 'open') throw conflict('CONSULTATION_NOT_OPEN', '只能结束正在投票的表决');
      const at = new Date();
      await Consultation.updateOne({ _id: c._id }, { $set: { closeOverride: { requestedBy: user.id, reason: body.reason, at } } });
      await audit({
        actorId: user.id,
        action: 'consultation.close_override.request',
        target: { type: 'consultation', id: params.id },
        reason: body.reason,
        areaPath: c.areaPath,
      });
      return { requestedBy: user.id, reason: body.reason, at: at.toISOString() };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/consultations/:id/alarms',
    tags,
    summary: '完整性告警（日志与选票表、计数、公告不一致）',
    auth: 'user',
    params: ConsultationIdParams,
    response: z.object({ items: z.array(z.object({ id: z.string(), stage: z.string(), at: z.string(), differences: z.array(z.unknown()) })) }),
    handler: async ({ params, user }) => {
      const c = await loadViewable(params.id, user);
      authorize(canManageConsultation(user, c));
      return listAlarms(params.id);
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/consultations/:id/log/sealed',
    tags,
    auth: 'user',
    summary: '下载匿名的封存投票日志（房屋编码、面积、选择；不含姓名与用户编号），供独立核验',
    params: ConsultationIdParams,
    response: SealedLogDownload,
    handler: async ({ params, user }) => anonymisedLog(await loadVerifiable(params.id, user)),
  }),
];
