import { randomUUID } from 'node:crypto';
import { canonicalJson, sha256Hex } from '@gongzhi/shared';
import { logger } from '../../platform/logger';
import { LogEntry, type LogEntryDoc } from '../ballotModels';
import { adoptFrozen, discardFrozen, freezeElectorate, loadElectorate, summarize } from '../electorate';
import { appendEntry } from '../log';
import { Consultation, type ConsultationDoc } from '../model';
import { pushTally } from '../realtime';

/**
 * scheduled → open, exactly once across instances without compare-and-set: each attempt freezes the electorate
 * from the roster under its own staging id, then tries to insert the log's first entry (castId 'open', unique) with
 * the frozen digest and totals. The attempt that inserted it wins and its rows are adopted; the others discard
 * theirs. A crash at any point is resumed by the next tick: before the entry, a fresh attempt starts; after it, the
 * winner's rows are adopted. The status update after that writes the same values whoever writes it.
 */
export async function openConsultation(id: string, now = new Date()): Promise<boolean> {
  const c = await Consultation.findOne({ _id: id, status: 'scheduled', opensAt: { $lte: now } }).lean() as ConsultationDoc | null;
  if (!c) return false;
  const consultationId = String(c._id);
  let genesis: LogEntryDoc | null = await LogEntry.findOne({ consultationId, castId: 'open' }).lean();
  if (!genesis) {
    const freezeId = randomUUID().slice(0, 8);
    const summary = await freezeElectorate(c, freezeId);
    const { entry, created } = await appendEntry(consultationId, 'open', async () => ({
      type: 'open',
      body: {
        at: summary.frozenAt.toISOString(), freezeId, electorateDigest: summary.digest, dwellings: summary.dwellings,
        totalAreaHundredths: summary.totalAreaHundredths, totalHeadcount: summary.totalHeadcount,
        questionsDigest: sha256Hex(canonicalJson(c.questions)), allowChange: c.allowChange, covenant: c.covenant.enabled,
        scope: c.scope, closesAt: c.closesAt.toISOString(),
      },
    }));
    if (!created) await discardFrozen(consultationId, freezeId);
    genesis = entry;
  }
  const g: any = genesis.body;
  await adoptFrozen(consultationId, g.freezeId);
  const summary = summarize(await loadElectorate(consultationId), new Date(g.at));
  if (summary.digest !== g.electorateDigest) logger.error({ consultationId }, 'frozen electorate differs from the digest in the log');
  const r = await Consultation.updateOne({ _id: c._id, status: 'scheduled' }, { $set: { status: 'open', openedAt: new Date(g.at), electorate: summary } });
  if (r.modifiedCount > 0) {
    logger.info({ consultationId, dwellings: summary.dwellings }, 'consultation opened');
    pushTally(consultationId);
  }
  return true;
}
