import { conflict } from '../../platform/errors';
import type { ConsultationDoc } from '../model';

export const notOpen = () => conflict('CONSULTATION_NOT_OPEN', '不在投票时间内（表决尚未开始或已经结束）');

/** Ballots are accepted only while the status is open and the clock is inside [opensAt, closesAt). */
export function assertOpen(c: ConsultationDoc, now = new Date()) {
  if (c.status !== 'open' || now < c.opensAt || now >= c.closesAt) throw notOpen();
}
