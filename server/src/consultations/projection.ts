import { bodyOf } from './logBody';
import { replayBallots } from '@gongzhi/shared';
import { serialized } from '../platform/locks';
import type { ElectorateMemberDoc, LogEntryDoc } from './ballotModels';
import { BallotRecord } from './ballotModels';
import { countEntry } from './counters';
import { catchUp, entriesOfDwelling, getMirror } from './mirror';
import { isDuplicateKey } from '../platform/store';
import { ballotId } from './ids';

const MAX_ROUNDS = 8;

async function writeBallot(consultationId: string, member: ElectorateMemberDoc, b: ReturnType<typeof replayBallots>['ballots'][number], at: Date) {
  const _id = ballotId(consultationId, b.questionId, member.dwellingId);
  const fields = {
    consultationId,
    questionId: b.questionId,
    dwellingId: member.dwellingId,
    answer: b.answer,
    source: b.source,
    logSeq: b.seq,
    castAt: at,
    buildingCode: member.buildingCode,
    areaHundredths: member.areaHundredths,
    headcountKey: member.headcountKey,
  };
  try {
    await BallotRecord.updateOne({ _id }, { $set: fields }, { upsert: true });
  } catch (e) {
    if (!isDuplicateKey(e)) throw e;
    await BallotRecord.updateOne({ _id }, { $set: fields }); // two first writes raced on the upsert: the row exists now
  }
}

/**
 * Brings the dwelling's effective ballots in line with its log entries. No compare-and-set is needed (FerretDB has
 * none): every writer writes the replay of ALL the dwelling's entries it can see, then catches up with the log; if a
 * newer entry appeared meanwhile it writes again. The last write is therefore always the replay of the newest log,
 * so a slow request can never leave an older ballot in place. Writers of one dwelling queue up inside a process.
 */
export async function syncDwellingBallots(consultationId: string, member: ElectorateMemberDoc, knownSeq = Infinity) {
  return serialized(`ballots:${consultationId}:${member.dwellingId}`, async () => {
    // Right after an append the mirror already holds the entry; otherwise (close, repair) catch up first.
    const loaded = await getMirror(consultationId);
    const m = loaded.entries.length >= knownSeq ? loaded : await catchUp(loaded);
    let seen = -1;
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const entries = [...entriesOfDwelling(m, member.dwellingId)];
      const last = entries[entries.length - 1]?.seq ?? 0;
      if (last === seen) return;
      seen = last;
      const effective = replayBallots(entries).ballots;
      for (const b of effective) {
        const at = new Date(String(bodyOf(entries.find((e) => e.seq === b.seq))?.at ?? Date.now()));
        await writeBallot(consultationId, member, b, at);
      }
      // A ballot an upheld dispute removed leaves no effective ballot for its question: its row goes (point delete).
      const kept = new Set(effective.map((b) => b.questionId));
      const asked = new Set(entries.flatMap((e) => (bodyOf(e).answers ?? []).map((a) => String(a.questionId))));
      for (const q of asked) if (!kept.has(q)) await BallotRecord.deleteOne({ _id: ballotId(consultationId, q, member.dwellingId) });
      await catchUp(m);
    }
  });
}

/** After a log entry: effective ballots, then live counters (both idempotent, so a retry repeats them safely). */
export async function projectEntry(entry: LogEntryDoc, member: ElectorateMemberDoc) {
  await syncDwellingBallots(entry.consultationId, member, entry.seq);
  await countEntry(entry, (d) => (d === member.dwellingId ? member.areaHundredths : 0));
}
