import { ballotEntryHash, receiptCodeOf } from '@gongzhi/shared';
import mongoose from 'mongoose';
import type { Document } from 'mongodb';
import type { LogEntryDoc } from '../../server/src/consultations/ballotModels';
import { pageDocs } from '../../server/src/consultations/logPages';
import { choiceFor, type VoterWorld } from './world';

/**
 * Setup for the recount/verification figures: appends `n` cast entries to an opened consultation's hash chain, and
 * the pages of its full runs, written with insertMany in the shapes (and deterministic `_id`s) castBallot and its
 * appends write (casting 10,000 ballots through the API first would take far longer than what is being measured).
 */
export async function seedCastLog(consultationId: string, questionId: string, w: VoterWorld, n: number) {
  const db = mongoose.connection.db!;
  const log = db.collection('consultation_ballot_log');
  const head: Document | undefined = (await log.find({ consultationId }).sort({ seq: -1 }).limit(1).toArray())[0];
  if (!head) throw new Error('open the consultation first');
  const members = new Map((await db.collection('consultation_electorate').find({ consultationId }).toArray()).map((m) => [m.dwellingId as string, m]));
  let prevHash: string = head.hash;
  let seq: number = head.seq;
  const entries: Document[] = [];
  const t0 = Date.now();
  for (let i = 0; i < n; i++) {
    const dwellingId = w.dwellingIds[i];
    const m = members.get(dwellingId)!;
    const at = new Date(t0 + i).toISOString();
    const castId = `k:seed${i}`;
    const answers = [{ questionId, choice: choiceFor(i) }];
    seq++;
    const body = { at, dwellingId, answers, actorId: w.voterIds[i], via: 'owner', castId, type: 'cast' };
    const hash = ballotEntryHash({ consultationId, seq, prevHash, body });
    entries.push({
      _id: `${consultationId}:${seq}`,
      consultationId,
      seq,
      prevHash,
      hash,
      receiptCode: receiptCodeOf(hash),
      castId,
      type: 'cast',
      dwellingId,
      headcountKey: m.headcountKey,
      body,
    });
    prevHash = hash;
  }
  for (let i = 0; i < n; i += 1000) {
    await log.insertMany(entries.slice(i, i + 1000), { ordered: false });
  }
  // The full runs as pages, as appends leave them (logPages.ts).
  const prefix = (await log.find({ consultationId }).toArray()).sort((a, b) => a.seq - b.seq) as unknown as LogEntryDoc[];
  const pages = pageDocs(consultationId, prefix);
  if (pages.length) await db.collection('consultation_log_pages').insertMany(pages as never[], { ordered: false });
  return { lastSeq: seq };
}
