import { outboxJob, type DomainJobs } from '../platform/jobs';
import { logger } from '../platform/logger';
import { emitToRoom } from '../platform/realtime';
import { Binding, ProxyAuth } from '../roster';
import { announceResult, publishMeetingNotice } from './commands/announce';
import { closeConsultation, finishClose } from './commands/closeConsultation';
import { openConsultation } from './commands/openConsultation';
import { publishHeadDigest } from './digest';
import { repairListings } from './listing';
import { entryByCastId } from './log';
import { Consultation, type ConsultationDoc } from './model';
import { clearDue, dueWork, markDue } from './dueWork';
import { messageOf } from '../platform/errors';

/**
 * Background work (`consultationJobs`, registered by server/src/app.ts). The periodic jobs hold a lease (one instance ticks
 * at a time, on MongoDB) and never overlap within a process; opening and closing are decided by unique log entries
 * (see openConsultation / closeConsultation), so even overlapping ticks open and close exactly once.
 */
let ticking = false;

/**
 * Finishing a close reads the whole log and writes every ballot (tens of seconds at 10,000 dwellings on FerretDB). If
 * it fails (a timeout under load), retrying it every second would keep the database saturated and make the next try
 * fail too; so retries back off, 5 s doubling up to 5 minutes, per consultation.
 */
const finishFailures = new Map<string, { retryAt: number; delayMs: number }>();
const backingOff = (id: string) => (finishFailures.get(id)?.retryAt ?? 0) > Date.now();
function noteFailure(id: string) {
  const delayMs = Math.min((finishFailures.get(id)?.delayMs ?? 2_500) * 2, 300_000);
  finishFailures.set(id, { retryAt: Date.now() + delayMs, delayMs });
}

async function transitions() {
  if (ticking) return;
  ticking = true;
  try {
    const now = new Date();
    // What is due comes from the small `consultation_due` collection (dueWork.ts); each vote is then read by `_id`.
    for (const d of (await dueWork(now)).slice(0, 50)) {
      const c = (await Consultation.findById(d.subjectId).lean()) as ConsultationDoc | null;
      if (d.kind === 'open') await openDue(c, d.subjectId, now);
      else if (d.kind === 'close') await closeDue(c, d.subjectId, now);
      else await announceDue(c, d.subjectId);
    }
  } finally {
    ticking = false;
  }
}

async function openDue(c: ConsultationDoc | null, id: string, now: Date) {
  if (c?.status === 'scheduled' && c.opensAt > now) return void (await markDue('open', id, c.opensAt));
  if (c?.status === 'scheduled')
    await openConsultation(id, now); // clears the hint once open
  else await clearDue('open', id); // opened already, or the draft is gone
}

async function closeDue(c: ConsultationDoc | null, id: string, now: Date) {
  if (c?.status !== 'open') return void (await clearDue('close', id));
  if (backingOff(id)) return;
  // A convenor's close that died after sealing the log: finish it (the mirror and one `_id` probe).
  const seal = await entryByCastId(id, 'close');
  if (!seal && c.closesAt > now) return void (await markDue('close', id, c.closesAt)); // an early close was refused or is still on its way
  try {
    if (seal) await finishClose(c, seal);
    else await closeConsultation(id, { by: null, now });
    finishFailures.delete(id);
  } catch (err) {
    // An integrity alarm (or a timeout) leaves the sealed vote unannounced: retry with backoff, never every second.
    noteFailure(id);
    logger.warn({ consultationId: id, err: messageOf(err) }, 'closing the vote failed; will retry later');
  }
}

/** Safety net for a lost or failed announcement: announcing is idempotent (notice sourceKey). */
async function announceDue(c: ConsultationDoc | null, id: string) {
  if (c?.status !== 'closed') return void (await clearDue('announce', id));
  if (backingOff(`a:${id}`)) return;
  if (
    await announceResult(id).then(
      () => true,
      () => false,
    )
  )
    finishFailures.delete(`a:${id}`);
  else noteFailure(`a:${id}`);
}

/** Reminder to a dwelling's owners and proxies: an in-app push to their user rooms (WeChat push stays with notices). */
async function remind(p: { consultationId: string; dwellingId: string }) {
  const c = await Consultation.findById(p.consultationId).select('title status closesAt').lean();
  if (!c || c.status !== 'open') return;
  const [owners, proxies] = await Promise.all([
    Binding.find({ dwellingId: p.dwellingId, relation: 'owner', status: 'active' }).select('userId').lean(),
    ProxyAuth.find({ dwellingId: p.dwellingId, status: 'approved' }).select('proxyUserId').lean(),
  ]);
  const users = new Set([...owners.map((o) => String(o.userId)), ...proxies.map((x) => String(x.proxyUserId))]);
  for (const u of users) {
    emitToRoom(`user:${u}`, 'consultation:reminder', {
      consultationId: p.consultationId,
      dwellingId: p.dwellingId,
      title: c.title,
      closesAt: new Date(c.closesAt).toISOString(),
    });
  }
  logger.info({ consultationId: p.consultationId, users: users.size }, 'consultation reminder sent');
}

async function headDigest() {
  await publishHeadDigest(new Date(Date.now() - 24 * 3600_000));
}

/** Registered by the composition root (server/src/app.ts). */
export const consultationJobs: DomainJobs = {
  periodic: [
    { name: 'consultations-transitions', everyMs: 1000, fn: transitions },
    // No periodic repair of the live counters (counters.ts): nothing reads them while a vote is open (tallies come
    // from the mirrored log, memoryTally.ts), and the close repairs them from the whole log before its cross-check.
    // A per-minute repair of every open vote read its log, electorate and counter rows: at 10,000 dwellings with 20
    // open votes that was about 60 whole-collection scans a minute on FerretDB, enough to keep it saturated.
    // Yesterday's heads, once the (Beijing) day is over; idempotent per street and day, so an hourly lease is enough.
    { name: 'consultations-head-digest', everyMs: 3600_000, fn: headDigest },
    // Listing drift (a writer that died between its write and its refresh, see listing.ts): one background scan.
    { name: 'consultations-listings-repair', everyMs: 600_000, fn: async () => void (await repairListings()) },
  ],
  outbox: [
    outboxJob('consultation.meeting', (p: { consultationId: string }) => publishMeetingNotice(p.consultationId)),
    outboxJob('consultation.announce', (p: { consultationId: string }) => announceResult(p.consultationId)),
    outboxJob('consultation.reminder', remind),
  ],
};
