import { replayBallots, verifyBallotChain } from '@gongzhi/shared';
import type { AuthUser } from '../../platform/http/route';
import { conflict } from '../../platform/errors';
import { enqueue, instanceId } from '../../platform/jobs';
import { logger } from '../../platform/logger';
import { audit } from '../../identity/audit';
import { BallotRecord } from '../ballotModels';
import { repairCounters } from '../counters';
import { loadElectorate } from '../electorate';
import { appendEntry, asChainEntry, loadLog } from '../log';
import { Consultation, type ConsultationDoc } from '../model';
import { pushTally } from '../realtime';
import { buildResult } from '../result';
import { Delivery } from '../tallyModels';
import { syncBallotsWithLog } from './syncBallots';

const CLAIM_MS = 10 * 60_000;

/**
 * open → closed, exactly once: claim ('closing', conditional on status), seal the log with a close entry (after it
 * no ballot can be appended, see castBallot), bring the stored ballots in line with the sealed log (repairs a
 * request that died between its log entry and its ballot write), compute the result from the stored ballots with
 * the shared rules, freeze it with the final chain head, repair counters, and queue the 结果公告 (outbox).
 * `by` is the convenor for an early close, null for the deadline.
 */
export async function closeConsultation(id: string, opts: { by: AuthUser | null; reason: string; now?: Date }): Promise<ConsultationDoc | null> {
  const now = opts.now ?? new Date();
  const due = opts.by ? {} : { closesAt: { $lte: now } };
  const claimed = await Consultation.findOneAndUpdate(
    { _id: id, $or: [{ status: 'open', ...due }, { status: 'closing', 'transition.until': { $lt: now } }] },
    { $set: { status: 'closing', transition: { by: instanceId, until: new Date(now.getTime() + CLAIM_MS) } } },
    { returnDocument: 'after', lean: true },
  ) as ConsultationDoc | null;
  if (!claimed) {
    if (opts.by) throw conflict('CONSULTATION_NOT_OPEN', '只能结束正在投票的表决');
    return null;
  }
  const consultationId = String(claimed._id);
  const closeReason = claimed.closeReason ?? opts.reason;
  const delivered = claimed.covenant.enabled
    ? (await Delivery.find({ consultationId }).select('dwellingId').lean()).map((d) => d.dwellingId).sort() : undefined;
  const { entry: seal } = await appendEntry(consultationId, 'close', async () => ({
    type: 'close',
    body: { at: now.toISOString(), reason: closeReason, closedBy: opts.by?.id ?? null, deliveredDwellingIds: delivered },
  }));

  const entries = await loadLog(consultationId);
  const chain = verifyBallotChain(consultationId, entries.map(asChainEntry));
  if (!chain.valid) logger.error({ consultationId, chain }, 'ballot log failed verification at close');
  const replay = replayBallots(entries);
  const members = await loadElectorate(consultationId);
  await syncBallotsWithLog(consultationId, replay.ballots, members);
  const ballots = await BallotRecord.find({ consultationId }).select('questionId dwellingId answer').lean();
  const unresolved = replay.conflicts.filter((x) => !x.resolution).length;
  const result = buildResult(claimed, members, ballots, seal, unresolved, new Date());

  const done = await Consultation.findOneAndUpdate(
    { _id: claimed._id, status: 'closing', 'transition.by': instanceId },
    { $set: { status: 'closed', closedAt: now, closeReason, closedBy: opts.by?.id ?? null, result, transition: null } },
    { returnDocument: 'after', lean: true },
  ) as ConsultationDoc | null;
  if (!done) return null;
  await repairCounters(consultationId);
  await enqueue(`consultation:${consultationId}:announce`, 'consultation.announce', { consultationId });
  if (opts.by) {
    await audit({ actorId: opts.by.id, action: 'consultation.close', target: { type: 'consultation', id: consultationId }, reason: opts.reason, areaPath: claimed.areaPath });
  }
  logger.info({ consultationId, head: result.finalHead }, 'consultation closed');
  pushTally(consultationId);
  return done;
}
