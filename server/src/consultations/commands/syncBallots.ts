import { ballotKey, type EffectiveBallot } from '@gongzhi/shared';
import { logger } from '../../platform/logger';
import { BallotRecord, type ElectorateMemberDoc } from '../ballotModels';
import { readBallots } from '../integrity';
import { syncDwellingBallots } from '../projection';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The stored effective ballots once they equal the sealed log's replay. Normally they already do; a request that
 * died between its log entry and its ballot write, or one still finishing, is caught up here. Ballots are re-read
 * until they match (a straggler's write may land in between), and the result is computed from what is stored.
 */
export async function ballotsMatchingLog(consultationId: string, effective: readonly EffectiveBallot[], members: readonly ElectorateMemberDoc[]) {
  const byDwelling = new Map(members.map((m) => [m.dwellingId, m]));
  const want = new Map(effective.map((e) => [ballotKey(e.questionId, e.dwellingId), e.seq]));
  for (let round = 0; round < 10; round++) {
    const stored = await readBallots(consultationId);
    const wrong = new Set<string>();
    for (const b of stored) if (want.get(ballotKey(b.questionId, b.dwellingId)) !== b.logSeq) wrong.add(b.dwellingId);
    const have = new Set(stored.map((b) => ballotKey(b.questionId, b.dwellingId)));
    for (const e of effective) if (!have.has(ballotKey(e.questionId, e.dwellingId))) wrong.add(e.dwellingId);
    if (wrong.size === 0) return stored;
    logger.warn({ consultationId, dwellings: wrong.size, round }, 'stored ballots differ from the sealed log; catching up');
    for (const d of wrong) {
      const m = byDwelling.get(d);
      if (m) await syncDwellingBallots(consultationId, m);
      else await BallotRecord.deleteMany({ consultationId, dwellingId: d });
    }
    await sleep(50 * (round + 1));
  }
  throw new Error(`ballots of ${consultationId} do not settle on the sealed log`);
}
