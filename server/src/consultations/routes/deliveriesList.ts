import { ConsultationDeliveries, ConsultationIdParams, type ConsultationDelivery } from '@gongzhi/shared';
import { defineRoute } from '../../platform/http/route';
import { loadManageable } from '../access';
import { Delivery } from '../tallyModels';

// An electorate is at most what DeliveriesBody accepts in one recording.
const LIMIT = 10000;

/** Deliveries recorded so far, for the same people who may record them (loadManageable: 404 hidden, 403 viewer). */
export const deliveriesListRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/consultations/:id/deliveries',
    tags: ['consultations'],
    auth: 'user',
    summary: '已登记送达的房屋（规约计票用）',
    params: ConsultationIdParams,
    response: ConsultationDeliveries,
    handler: async ({ params, user }) => {
      const c = await loadManageable(params.id, user);
      const rows = await Delivery.find({ consultationId: String(c._id) })
        .sort({ at: 1, dwellingId: 1 })
        .limit(LIMIT)
        .lean();
      const items = rows.map((d) => ({
        dwellingId: d.dwellingId,
        at: new Date(d.at).toISOString(),
        method: (d.method ?? null) as ConsultationDelivery['method'],
      }));
      return { count: items.length, items };
    },
  }),
];
