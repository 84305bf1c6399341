import { canonicalJson, sha256Hex } from '@gongzhi/shared';
import { logger } from '../../platform/logger';
import { ElectorateMember, LogEntry, type ElectorateMemberDoc, type LogEntryDoc } from '../ballotModels';
import { claim, releaseClaim } from '../claims';
import { freezeElectorate, summarize } from '../electorate';
import { appendEntry } from '../log';
import { Consultation, type ConsultationDoc } from '../model';
import { refreshListings } from '../listing';
import { pushTally } from '../realtime';
import { bodyOf } from '../logBody';
import { clearDue, markDue } from '../dueWork';
import { frozenElectorate, writeSnapshot } from '../electorateSnapshot';
import { entryId } from '../ids';

const CLAIM_MS = 10 * 60_000;

/**
 * scheduled → open, exactly once across instances, without compare-and-set: a worker first takes the 'open' claim
 * (an insert under a unique index, see claims.ts), freezes the electorate from the roster, then inserts the log's
 * first entry (castId 'open', unique) with the frozen digest and totals — that insert is the moment of opening. A
 * worker that died before it leaves a stale claim: the next one takes over, removes the partial rows and freezes
 * again. After the first entry exists, every worker just writes the same status and summary.
 */
export async function openConsultation(id: string, now = new Date()): Promise<boolean> {
  const c = (await Consultation.findOne({ _id: id, status: 'scheduled', opensAt: { $lte: now } }).lean()) as ConsultationDoc | null;
  if (!c) return false;
  const consultationId = String(c._id);
  // The opening is the log's first entry, so it is one `_id` read away (a filter on castId would scan every log).
  const first: LogEntryDoc | null = await LogEntry.findById(entryId(consultationId, 1)).lean();
  let genesis: LogEntryDoc | null = first?.castId === 'open' ? first : null;
  let frozenRows: ElectorateMemberDoc[] | null = null;
  if (!genesis) {
    const key = `${consultationId}:open`;
    const held = await claim(key, CLAIM_MS);
    if (!held) return false; // another worker is freezing right now
    if (held.takeover) await ElectorateMember.deleteMany({ consultationId });
    try {
      const { summary, rows } = await freezeElectorate(c);
      frozenRows = rows;
      genesis = (
        await appendEntry(consultationId, 'open', async () => ({
          type: 'open',
          body: {
            at: summary.frozenAt.toISOString(),
            electorateDigest: summary.digest,
            dwellings: summary.dwellings,
            totalAreaHundredths: summary.totalAreaHundredths,
            totalHeadcount: summary.totalHeadcount,
            questionsDigest: sha256Hex(canonicalJson(c.questions)),
            allowChange: c.allowChange,
            covenant: c.covenant.enabled,
            scope: c.scope,
            closesAt: c.closesAt.toISOString(),
          },
        }))
      ).entry;
    } catch (e) {
      // Refused on the way (the roster being imported, a busy database): nothing is open yet, so the partial rows go
      // and the claim is given back for the next tick. Kept, it would hold the opening for CLAIM_MS (10 minutes).
      // An error after the entry was written leaves a genesis, which the next tick finishes from.
      if (!(await LogEntry.findById(entryId(consultationId, 1)).lean())) {
        await ElectorateMember.deleteMany({ consultationId });
        await releaseClaim(key, held.gen);
      }
      throw e;
    }
  }
  const g = bodyOf(genesis);
  // The rows this worker just froze, or (another worker froze them) the digest-checked copy: a filter over
  // consultation_electorate would scan every vote's rows (14 s on the 10,000-dwelling street).
  const rows = frozenRows ?? (await frozenElectorate(consultationId));
  const summary = summarize(rows, new Date(String(g.at)));
  if (summary.digest !== g.electorateDigest) logger.error({ consultationId }, 'frozen electorate differs from the digest in the log');
  else if (frozenRows) await writeSnapshot(consultationId, rows); // what live tallies read (electorateSnapshot.ts)
  await markDue('close', consultationId, c.closesAt);
  const r = await Consultation.updateOne(
    { _id: c._id, status: 'scheduled' },
    { $set: { status: 'open', openedAt: new Date(String(g.at)), electorate: summary } },
  );
  await refreshListings(c); // before the hint goes: whoever saw the new status also sees it in the lists
  await clearDue('open', consultationId);
  if (r.modifiedCount > 0) {
    logger.info({ consultationId, dwellings: summary.dwellings }, 'consultation opened');
    pushTally(consultationId);
  }
  return true;
}
