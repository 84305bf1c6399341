import { replayBallots, verifyBallotChain } from '@gongzhi/shared';
import type { AuthUser } from '../../platform/http/route';
import { conflict } from '../../platform/errors';
import { enqueue } from '../../platform/jobs';
import { logger } from '../../platform/logger';
import { audit } from '../../identity/audit';
import type { LogEntryDoc } from '../ballotModels';
import { repairCounters } from '../counters';
import { loadElectorate } from '../electorate';
import { appendEntry, asChainEntry, loadLog } from '../log';
import { Consultation, type ConsultationDoc } from '../model';
import { pushTally } from '../realtime';
import { buildResult } from '../result';
import { Delivery } from '../tallyModels';
import { ballotsMatchingLog } from './syncBallots';

const notOpen = () => conflict('CONSULTATION_NOT_OPEN', '只能结束正在投票的表决');

/**
 * open → closed. The close entry seals the log (castBallot refuses to build on it), and inserting it is what decides
 * that the vote is closed, once: a second closer (another instance, the deadline racing the convenor) finds the
 * entry and finishes the same way. `by` is the convenor for an early close, null for the deadline.
 */
export async function closeConsultation(id: string, opts: { by: AuthUser | null; reason: string; now?: Date }): Promise<ConsultationDoc | null> {
  const now = opts.now ?? new Date();
  const c = await Consultation.findById(id).lean() as ConsultationDoc | null;
  if (!c || c.status !== 'open') {
    if (opts.by) throw notOpen();
    return null;
  }
  if (!opts.by && c.closesAt > now) return null;
  const consultationId = String(c._id);
  const delivered = c.covenant.enabled
    ? (await Delivery.find({ consultationId }).select('dwellingId').lean()).map((d) => d.dwellingId).sort() : undefined;
  const { entry: seal, created } = await appendEntry(consultationId, 'close', async () => ({
    type: 'close',
    body: { at: now.toISOString(), reason: opts.reason, closedBy: opts.by?.id ?? null, deliveredDwellingIds: delivered },
  }));
  if (created && opts.by) {
    await audit({ actorId: opts.by.id, action: 'consultation.close', target: { type: 'consultation', id: consultationId }, reason: opts.reason, areaPath: c.areaPath });
  }
  return finishClose(c, seal);
}

/**
 * After the seal: the stored ballots are brought in line with the sealed log and the result is computed from them
 * with the shared rules, frozen with the final chain head, counters are repaired, and the 结果公告 is queued (outbox,
 * once). Deterministic (computedAt is the seal's time), so concurrent finishers write identical results.
 */
export async function finishClose(c: ConsultationDoc, seal: LogEntryDoc): Promise<ConsultationDoc | null> {
  const consultationId = String(c._id);
  const entries = await loadLog(consultationId);
  const chain = verifyBallotChain(consultationId, entries.map(asChainEntry));
  if (!chain.valid) logger.error({ consultationId, chain }, 'ballot log failed verification at close');
  const replay = replayBallots(entries);
  const members = await loadElectorate(consultationId);
  const ballots = await ballotsMatchingLog(consultationId, replay.ballots, members);
  const sealBody: any = seal.body;
  const result = buildResult(c, members, ballots, seal, replay.conflicts.filter((x) => !x.resolution).length, new Date(sealBody.at));
  await Consultation.updateOne(
    { _id: c._id, status: 'open' },
    { $set: { status: 'closed', closedAt: new Date(sealBody.at), closeReason: sealBody.reason, closedBy: sealBody.closedBy ?? null, result } },
  );
  await repairCounters(consultationId);
  await enqueue(`consultation:${consultationId}:announce`, 'consultation.announce', { consultationId });
  logger.info({ consultationId, head: result.finalHead }, 'consultation closed');
  pushTally(consultationId);
  return Consultation.findById(c._id).lean() as Promise<ConsultationDoc | null>;
}
