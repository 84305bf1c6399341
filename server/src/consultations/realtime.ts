import { emitToRoom, registerRoomPolicy } from '../platform/realtime';
import { logger } from '../platform/logger';
import { isResidentOfComplex, loadConsultation, scoped } from './access';
import { canViewConsultation } from './policy';
import { liveTally } from './queries/liveTally';
import { messageOf } from '../platform/errors';

/** Room `consultation:<id>`: whoever may view the consultation may watch its aggregates (deny by default). */
// Where a consultation sits changes only by its status: kept a few seconds, so a join costs the user's rights
// document (one `_id` read) and no read of the consultation (issue 14: a join flood stalled the server).
const placeOf = new Map<string, { at: number; place: Promise<{ areaPath: string[]; status: string; complexCode: string }> }>();
function consultationPlace(id: string) {
  const hit = placeOf.get(id);
  if (hit && Date.now() - hit.at < 5000) return hit.place;
  if (placeOf.size > 5000) placeOf.clear();
  const place = loadConsultation(id).then((c) => ({ ...scoped(c), complexCode: c.complexCode }));
  place.catch(() => placeOf.delete(id));
  placeOf.set(id, { at: Date.now(), place });
  return place;
}

registerRoomPolicy('consultation', async (user, id) => {
  const c = await consultationPlace(id);
  // Convenors and officials are decided by their grants alone; only the rest need the resident lookup.
  if (canViewConsultation(user, c, false)) return true;
  return canViewConsultation(user, c, await isResidentOfComplex(user, c.complexCode));
});

// Batched: at most one push every few seconds per vote, so a single ballot cannot be timed (issue 13).
const PUSH_DELAY_MS = Number(process.env.CONSULTATION_PUSH_MS ?? 3000);
const pushes = new Map<string, { timer: NodeJS.Timeout | null; running: boolean; again: boolean }>();

/**
 * Pushes the live tally to the room shortly after a ballot. Bursts are coalesced per consultation: one read of the
 * counters per PUSH_DELAY_MS, never two at once (a ballot arriving during a read schedules one more push), and
 * PUSH_DELAY_MS apart. While open the payload is participation only (see liveTally).
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
    } catch (err) {
      logger.warn({ consultationId, err: messageOf(err) }, 'live tally push failed');
    } finally {
      st.running = false;
      if (st.again) {
        st.again = false;
        pushTally(consultationId);
      } else if (!st.timer) pushes.delete(consultationId);
    }
  }, PUSH_DELAY_MS);
}
