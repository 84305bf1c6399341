import { emitToRoom, registerRoomPolicy } from '../platform/realtime';
import { logger } from '../platform/logger';
import { isResidentOfComplex, loadConsultation, scoped } from './access';
import { canViewConsultation } from './policy';
import { liveTally } from './queries/liveTally';

/** Room `consultation:<id>`: whoever may view the consultation may watch its aggregates (deny by default). */
registerRoomPolicy('consultation', async (user, id) => {
  const c = await loadConsultation(id);
  // Convenors and officials are decided by their grants alone; only the rest need the (costlier) resident lookup.
  if (canViewConsultation(user, scoped(c), false)) return true;
  return canViewConsultation(user, scoped(c), await isResidentOfComplex(user, c.complexCode));
});

const PUSH_DELAY_MS = 150;
const pushes = new Map<string, { timer: NodeJS.Timeout | null; running: boolean; again: boolean }>();

/**
 * Pushes the live tally to the room shortly after a ballot. Bursts are coalesced per consultation: one read of the
 * counters per PUSH_DELAY_MS, never two at once (a ballot arriving during a read schedules one more push), which
 * keeps each push within a second of the ballot that caused it.
 */
export function pushTally(consultationId: string) {
  const st = pushes.get(consultationId) ?? { timer: null, running: false, again: false };
  pushes.set(consultationId, st);
  if (st.timer) return;
  if (st.running) {
    st.again = true;
    return;
  }
  st.timer = setTimeout(async () => {
    st.timer = null;
    st.running = true;
    try {
      const c = await loadConsultation(consultationId);
      emitToRoom(`consultation:${consultationId}`, 'consultation:tally', await liveTally(c));
    } catch (err: any) {
      logger.warn({ consultationId, err: String(err?.message ?? err) }, 'live tally push failed');
    } finally {
      st.running = false;
      if (st.again) {
        st.again = false;
        pushTally(consultationId);
      } else if (!st.timer) pushes.delete(consultationId);
    }
  }, PUSH_DELAY_MS);
}
