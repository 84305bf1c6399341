import { outboxJob, type DomainJobs } from '../platform/jobs';
import { logger } from '../platform/logger';
import { emitToRoom } from '../platform/realtime';
import { Binding, ProxyAuth } from '../roster';
import { announceResult, publishMeetingNotice } from './commands/announce';
import { closeConsultation, finishClose } from './commands/closeConsultation';
import { openConsultation } from './commands/openConsultation';
import { repairCounters } from './counters';
import { publishHeadDigest } from './digest';
import { repairListings } from './listing';
import { entryByCastId } from './log';
import { Consultation, type ConsultationDoc } from './model';
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
    const toOpen = await Consultation.find({ status: 'scheduled', opensAt: { $lte: now } })
      .select('_id')
      .limit(20)
      .lean();
    for (const c of toOpen) await openConsultation(String(c._id), now);
    const open = await Consultation.find({ status: 'open' }).select('_id closesAt').lean();
    for (const c of open) {
      const id = String(c._id);
      if (c.closesAt <= now) {
        if (backingOff(id)) continue;
        try {
          await closeConsultation(id, { by: null, now });
          finishFailures.delete(id);
        } catch (err) {
          // An integrity alarm (or a timeout) leaves the sealed vote unannounced: retry with backoff, never every second.
          noteFailure(id);
          logger.warn({ consultationId: id, err: messageOf(err) }, 'closing at the deadline failed; will retry later');
        }
      } else {
        // A convenor's close that died after sealing the log: finish it. (Mirror + one `_id` probe, not a log scan each second.)
        const seal = await entryByCastId(id, 'close');
        if (seal && !backingOff(id)) {
          try {
            await finishClose((await Consultation.findById(id).lean()) as ConsultationDoc, seal);
            finishFailures.delete(id);
          } catch (err) {
            noteFailure(id);
            logger.warn({ consultationId: id, err: messageOf(err) }, 'finishing a sealed close failed; will retry later');
          }
        }
      }
    }
    // Safety net for a lost or failed announcement: announcing is idempotent (notice sourceKey).
    const stale = await Consultation.find({ status: 'closed', closedAt: { $lt: new Date(now.getTime() - 30_000) } })
      .select('_id')
      .limit(20)
      .lean();
    for (const c of stale) {
      const id = String(c._id);
      if (backingOff(`a:${id}`)) continue;
      if (
        await announceResult(id).then(
          () => true,
          () => false,
        )
      )
        finishFailures.delete(`a:${id}`);
      else noteFailure(`a:${id}`);
    }
  } finally {
    ticking = false;
  }
}

/** Counters are repaired (missing delta rows inserted, never overwritten) for open votes, soon after boot and every minute. */
async function counterRepair() {
  const open = await Consultation.find({ status: 'open' }).select('_id').lean();
  for (const c of open) await repairCounters(String(c._id));
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

let bootRepairDone = false;
async function bootCounterRepair() {
  if (bootRepairDone) return;
  await counterRepair();
  bootRepairDone = true;
}

async function headDigest() {
  await publishHeadDigest(new Date(Date.now() - 24 * 3600_000));
}

/** Registered by the composition root (server/src/app.ts). */
export const consultationJobs: DomainJobs = {
  periodic: [
    { name: 'consultations-transitions', everyMs: 1000, fn: transitions },
    { name: 'consultations-counters', everyMs: 60_000, fn: counterRepair },
    { name: 'consultations-counters-boot', everyMs: 5_000, fn: bootCounterRepair },
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
