import type { LogAnswer } from '@gongzhi/shared';
import type { ElectorateMemberDoc, LogEntryDoc } from './ballotModels';
import { BallotRecord } from './ballotModels';
import { applyCounterDelta } from './counters';

/**
 * Applies one log entry to the effective ballots (and the live counters). Idempotent and order-free: a ballot only
 * moves to an entry with a higher seq (`logSeq < seq` in the filter), so replaying an entry, or applying two
 * entries for one dwelling in either order, ends at the same state. Counters move by the delta of the ballot state
 * this update actually replaced, so concurrent changes never double-count.
 */
export async function projectAnswers(
  consultationId: string, seq: number, at: Date, member: ElectorateMemberDoc, answers: readonly LogAnswer[], source: 'electronic' | 'paper',
) {
  for (const answer of answers) {
    const filter = { consultationId, questionId: answer.questionId, dwellingId: member.dwellingId };
    const update = () => BallotRecord.findOneAndUpdate(
      { ...filter, logSeq: { $lt: seq } },
      { $set: { answer, source, logSeq: seq, castAt: at, buildingCode: member.buildingCode, areaHundredths: member.areaHundredths, headcountKey: member.headcountKey } },
      { upsert: true, returnDocument: 'before', lean: true },
    );
    let before: any;
    try {
      before = await update();
    } catch (e: any) {
      if (e?.code !== 11000) throw e;
      // Either a concurrent first ballot was inserted just now (retrying updates it) or a later entry is already
      // in place (the retry fails the same way and this entry has nothing left to do).
      try {
        before = await update();
      } catch (e2: any) {
        if (e2?.code === 11000) continue;
        throw e2;
      }
    }
    const counted = { answer, areaHundredths: member.areaHundredths, headcountKey: member.headcountKey };
    await applyCounterDelta(consultationId, answer.questionId, before ? { ...counted, answer: before.answer } : null, counted);
  }
}

/** The answers an entry makes effective, if any (a conflicting paper ballot makes none until resolved). */
export function entryEffect(entry: LogEntryDoc, paperEntry?: LogEntryDoc | null): { answers: LogAnswer[]; source: 'electronic' | 'paper' } | null {
  const b: any = entry.body;
  if (b.type === 'cast') return { answers: b.answers, source: 'electronic' };
  if (b.type === 'paper' && !b.conflict) return { answers: b.answers, source: 'paper' };
  if (b.type === 'resolve' && b.keep === 'paper' && paperEntry) return { answers: (paperEntry.body as any).answers, source: 'paper' };
  return null;
}
