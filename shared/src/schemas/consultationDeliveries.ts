// Ballots recorded as delivered (送达) for the covenant count, so the delivery screen survives a reload.
import { z } from 'zod';
import { BALLOT_DELIVERY_METHODS } from './consultations';

export const ConsultationDelivery = z.object({
  dwellingId: z.string(),
  at: z.iso.datetime({ offset: true }).describe('登记时间'),
  method: z.enum(BALLOT_DELIVERY_METHODS).nullable().describe('送达方式'),
});
export type ConsultationDelivery = z.infer<typeof ConsultationDelivery>;

export const ConsultationDeliveries = z.object({
  count: z.number().int(),
  items: z.array(ConsultationDelivery).describe('已登记送达的房屋，按登记时间先后'),
});
export type ConsultationDeliveries = z.infer<typeof ConsultationDeliveries>;
