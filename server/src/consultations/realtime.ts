import { emitToRoom, registerRoomPolicy } from '../platform/realtime';
import { logger } from '../platform/logger';
import { isResidentOfComplex, loadConsultation, scoped } from './access';
import { canViewConsultation } from './policy';
import { liveTally } from './queries/liveTally';

/** Room `consultation:<id>`: whoever may view the consultation may watch its aggregates (deny by default). */
registerRoomPolicy('consultation', async (user, id) => {
  const c = await loadConsultation(id);
  return canViewConsultation(user, scoped(c), await isResidentOfComplex(user, c.complexCode));
});

const PUSH_DELAY_MS = 150;
const pending = new Map<string, NodeJS.Timeout>();

/**
 * Pushes the live tally to the room shortly after a ballot. Bursts are coalesced per consultation (one read of the
 * counters per PUSH_DELAY_MS), which keeps each push well inside one second of the ballot that caused it.
 */
export function pushTally(consultationId: string) {
  if (pending.has(consultationId)) return;
  pending.set(consultationId, setTimeout(async () => {
    pending.delete(consultationId);
    try {
      const c = await loadConsultation(consultationId);
      emitToRoom(`consultation:${consultationId}`, 'consultation:tally', await liveTally(c));
    } catch (err: any) {
      logger.warn({ consultationId, err: String(err?.message ?? err) }, 'live tally push failed');
    }
  }, PUSH_DELAY_MS));
}
