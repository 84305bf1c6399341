import { canonicalJson, sha256Hex } from '@gongzhi/shared';
import { instanceId } from '../../platform/jobs';
import { logger } from '../../platform/logger';
import { LogEntry } from '../ballotModels';
import { repairCounters } from '../counters';
import { freezeElectorate, loadElectorate, summarize } from '../electorate';
import { appendEntry } from '../log';
import { Consultation, type ConsultationDoc } from '../model';
import { pushTally } from '../realtime';

const CLAIM_MS = 10 * 60_000;

/**
 * scheduled → open, exactly once across instances: the instance whose conditional update moves the status to
 * 'opening' does the work; a claim left by a dead instance is taken over after CLAIM_MS. The electorate is frozen
 * from the roster, then recorded in the log's first entry (its digest and totals), then the status becomes 'open'.
 * If the first entry already exists (a crash after it), the frozen rows are complete and are kept as they are.
 */
export async function openConsultation(id: string, now = new Date()): Promise<boolean> {
  const claimed = await Consultation.findOneAndUpdate(
    { _id: id, opensAt: { $lte: now }, $or: [{ status: 'scheduled' }, { status: 'opening', 'transition.until': { $lt: now } }] },
    { $set: { status: 'opening', transition: { by: instanceId, until: new Date(now.getTime() + CLAIM_MS) } } },
    { returnDocument: 'after', lean: true },
  ) as ConsultationDoc | null;
  if (!claimed) return false;
  const consultationId = String(claimed._id);
  const genesis = await LogEntry.findOne({ consultationId, castId: 'open' }).lean();
  const summary = genesis
    ? summarize(await loadElectorate(consultationId), new Date(String((genesis.body as any).at)))
    : await freezeElectorate(claimed);
  await appendEntry(consultationId, 'open', async () => ({
    type: 'open',
    body: {
      at: summary.frozenAt.toISOString(), electorateDigest: summary.digest, dwellings: summary.dwellings,
      totalAreaHundredths: summary.totalAreaHundredths, totalHeadcount: summary.totalHeadcount,
      questionsDigest: sha256Hex(canonicalJson(claimed.questions)), allowChange: claimed.allowChange,
      covenant: claimed.covenant.enabled, scope: claimed.scope, closesAt: claimed.closesAt.toISOString(),
    },
  }));
  await repairCounters(consultationId);
  const done = await Consultation.updateOne(
    { _id: claimed._id, status: 'opening', 'transition.by': instanceId },
    { $set: { status: 'open', openedAt: new Date(), electorate: summary, transition: null } },
  );
  if (done.modifiedCount === 1) {
    logger.info({ consultationId, dwellings: summary.dwellings }, 'consultation opened');
    pushTally(consultationId);
  }
  return done.modifiedCount === 1;
}
