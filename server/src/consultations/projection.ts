import { replayBallots } from '@gongzhi/shared';
import type { ElectorateMemberDoc, LogEntryDoc } from './ballotModels';
import { BallotRecord, LogEntry } from './ballotModels';
import { countEntry } from './counters';

const MAX_ROUNDS = 8;

async function writeBallot(consultationId: string, member: ElectorateMemberDoc, b: ReturnType<typeof replayBallots>['ballots'][number], at: Date) {
  const filter = { consultationId, questionId: b.questionId, dwellingId: member.dwellingId };
  const set = {
    $set: { answer: b.answer, source: b.source, logSeq: b.seq, castAt: at, buildingCode: member.buildingCode, areaHundredths: member.areaHundredths, headcountKey: member.headcountKey },
  };
  // Two first writes race on the upsert; the loser's retry is a plain update.
  await BallotRecord.updateOne(filter, set, { upsert: true }).catch((e) => (e?.code === 11000 ? BallotRecord.updateOne(filter, set) : Promise.reject(e)));
}

/**
 * Brings the dwelling's effective ballots in line with its log entries. No compare-and-set is needed (FerretDB has
 * none): every writer writes the replay of ALL the dwelling's entries it can see, then re-reads the log; if a newer
 * entry appeared meanwhile it writes again. The last write is therefore always the replay of the newest log, so
 * a slow request can never leave an older ballot in place.
 */
export async function syncDwellingBallots(consultationId: string, member: ElectorateMemberDoc) {
  let seen = -1;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const entries = await LogEntry.find({ consultationId, dwellingId: member.dwellingId }).sort({ seq: 1 }).lean();
    const last = entries[entries.length - 1]?.seq ?? 0;
    if (last === seen) return;
    seen = last;
    const byQuestion = replayBallots(entries).ballots;
    for (const b of byQuestion) {
      const at = new Date(String((entries.find((e) => e.seq === b.seq)?.body as any)?.at ?? Date.now()));
      await writeBallot(consultationId, member, b, at);
    }
  }
}

/** After a log entry: effective ballots, then live counters (both idempotent, so a retry repeats them safely). */
export async function projectEntry(entry: LogEntryDoc, member: ElectorateMemberDoc) {
  await syncDwellingBallots(entry.consultationId, member);
  await countEntry(entry, (d) => (d === member.dwellingId ? member.areaHundredths : 0));
}
