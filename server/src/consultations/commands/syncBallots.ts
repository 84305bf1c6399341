import { ballotKey, type EffectiveBallot } from '@gongzhi/shared';
import { logger } from '../../platform/logger';
import { BallotRecord, type ElectorateMemberDoc } from '../ballotModels';

/**
 * Makes the stored effective ballots equal to the sealed log's replay. Normally a no-op; it repairs ballots a
 * request did not finish writing (crash between the log append and the ballot write). Run only after the seal.
 */
export async function syncBallotsWithLog(consultationId: string, effective: readonly EffectiveBallot[], members: readonly ElectorateMemberDoc[]) {
  const byDwelling = new Map(members.map((m) => [m.dwellingId, m]));
  const stored = await BallotRecord.find({ consultationId }).select('questionId dwellingId logSeq').lean();
  const storedByKey = new Map(stored.map((b) => [ballotKey(b.questionId, b.dwellingId), b]));
  const wanted = new Set<string>();
  let fixed = 0;
  for (const e of effective) {
    const key = ballotKey(e.questionId, e.dwellingId);
    wanted.add(key);
    if (storedByKey.get(key)?.logSeq === e.seq) continue;
    const m = byDwelling.get(e.dwellingId);
    if (!m) continue;
    await BallotRecord.updateOne(
      { consultationId, questionId: e.questionId, dwellingId: e.dwellingId },
      { $set: { answer: e.answer, source: e.source, logSeq: e.seq, castAt: new Date(), buildingCode: m.buildingCode, areaHundredths: m.areaHundredths, headcountKey: m.headcountKey } },
      { upsert: true },
    );
    fixed++;
  }
  for (const [key, b] of storedByKey) {
    if (wanted.has(key)) continue;
    await BallotRecord.deleteOne({ _id: (b as any)._id });
    fixed++;
  }
  if (fixed > 0) logger.warn({ consultationId, fixed }, 'stored ballots differed from the sealed log and were brought in line');
}
