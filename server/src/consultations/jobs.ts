import { enqueue, registerOutboxHandler, registerPeriodicJob } from '../platform/jobs';
import { logger } from '../platform/logger';
import { emitToRoom } from '../platform/realtime';
import { Binding, ProxyAuth } from '../roster/bindingModel';
import { LogEntry } from './ballotModels';
import { announceResult, publishMeetingNotice } from './commands/announce';
import { closeConsultation } from './commands/closeConsultation';
import { openConsultation } from './commands/openConsultation';
import { repairCounters } from './counters';
import { Consultation } from './model';
import './realtime';

/**
 * Background work, registered once when routes.ts is imported. The periodic jobs hold a lease (one instance ticks
 * at a time) and every transition is a conditional update on status, so opens and closes happen exactly once even
 * when a tick overlaps another instance's.
 */
async function transitions() {
  const now = new Date();
  const toOpen = await Consultation.find({
    opensAt: { $lte: now }, $or: [{ status: 'scheduled' }, { status: 'opening', 'transition.until': { $lt: now } }],
  }).select('_id').limit(20).lean();
  for (const c of toOpen) await openConsultation(String(c._id), now);
  const toClose = await Consultation.find({
    $or: [{ status: 'open', closesAt: { $lte: now } }, { status: 'closing', 'transition.until': { $lt: now } }],
  }).select('_id').limit(20).lean();
  for (const c of toClose) await closeConsultation(String(c._id), { by: null, reason: 'deadline', now });
  // Safety net: a closed vote whose announcement entry was lost gets it again (enqueue is a no-op when present).
  const closed = await Consultation.find({ status: 'closed' }).select('_id').limit(50).lean();
  for (const c of closed) await enqueue(`consultation:${String(c._id)}:announce`, 'consultation.announce', { consultationId: String(c._id) });
}

/**
 * Counter repair for open votes whose log has been quiet for 30 s (a repair must not overwrite a concurrent $inc).
 * The first tick after a (re)start repairs whatever a crash left behind; opening and closing repair as well.
 */
async function counterRepair() {
  const open = await Consultation.find({ status: 'open' }).select('_id').lean();
  const quietSince = Date.now() - 30_000;
  for (const c of open) {
    const id = String(c._id);
    const head: any = await LogEntry.findOne({ consultationId: id }).sort({ seq: -1 }).lean();
    if (head && Date.parse(head.body?.at ?? '') > quietSince) continue;
    await repairCounters(id);
  }
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
      consultationId: p.consultationId, dwellingId: p.dwellingId, title: c.title, closesAt: new Date(c.closesAt).toISOString(),
    });
  }
  logger.info({ consultationId: p.consultationId, users: users.size }, 'consultation reminder sent');
}

registerPeriodicJob('consultations-transitions', 1000, transitions);
registerPeriodicJob('consultations-counters', 60_000, counterRepair);
registerOutboxHandler('consultation.meeting', (p) => publishMeetingNotice(p.consultationId));
registerOutboxHandler('consultation.announce', (p) => announceResult(p.consultationId));
registerOutboxHandler('consultation.reminder', (p) => remind(p));
