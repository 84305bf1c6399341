import mongoose, { Schema, type Model } from 'mongoose';
import { LogEntry } from './ballotModels';
import { Consultation } from './model';
import { ignoreDuplicate } from '../platform/store';

/**
 * Ballots cast through a binding or proxy that the dwelling's owner disputed ("this wasn't me"), while the vote is
 * still open. One row per log entry (`_id` `<consultationId>:<seq>`, so a repeated dispute adds nothing). The
 * committee works them like paper/electronic conflicts: listDisputedBallots() is the list's source.
 */
export interface DisputedBallotDoc {
  _id: string;
  consultationId: string;
  seq: number;
  dwellingId: string;
  actorId: string;
  disputeRef: string;
  disputedBy: string;
  at: Date;
}
const DisputedBallotSchema = new Schema<DisputedBallotDoc>(
  {
    _id: String,
    consultationId: { type: String, required: true },
    seq: { type: Number, required: true },
    dwellingId: { type: String, required: true },
    actorId: { type: String, required: true },
    disputeRef: { type: String, required: true },
    disputedBy: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { versionKey: false },
);
DisputedBallotSchema.index({ consultationId: 1, seq: 1 });
export const DisputedBallot: Model<DisputedBallotDoc> =
  mongoose.models.DisputedBallot ?? mongoose.model<DisputedBallotDoc>('DisputedBallot', DisputedBallotSchema, 'consultation_disputed_ballots');

/** Flags every electronic ballot `actorId` cast for `dwellingId` in consultations still open; returns how many. */
export async function flagDisputedBallots(input: { actorId: string; dwellingId: string; disputeRef: string; disputedBy: string }): Promise<number> {
  const open = await Consultation.find({ status: 'open' }).select('_id').lean();
  let n = 0;
  for (const c of open) {
    const consultationId = String(c._id);
    const casts = await LogEntry.find({ consultationId, dwellingId: input.dwellingId, type: 'cast' }).select('seq body').lean();
    for (const e of casts.filter((x) => x.body?.actorId === input.actorId)) {
      const _id = `${consultationId}:${e.seq}`;
      await DisputedBallot.create({
        _id,
        consultationId,
        seq: e.seq,
        dwellingId: input.dwellingId,
        actorId: input.actorId,
        disputeRef: input.disputeRef,
        disputedBy: input.disputedBy,
        at: new Date(),
      }).catch(ignoreDuplicate(undefined));
      n++;
    }
  }
  return n;
}

export async function listDisputedBallots(consultationId: string) {
  return DisputedBallot.find({ consultationId }).sort({ seq: 1 }).lean();
}

/** How a disputed ballot appears on the conflict list and in a refused close. */
export const DISPUTED_REASON = 'disputed binding/proxy' as const;

export const disputedBallotId = (consultationId: string, seq: number) => `${consultationId}:${seq}`;

/** Which of these cast seqs are flagged as disputed (`_id` point reads: this runs on the vote path). */
export async function flaggedSeqs(consultationId: string, seqs: readonly number[]): Promise<Set<number>> {
  const found = await Promise.all(seqs.map((s) => DisputedBallot.findById(disputedBallotId(consultationId, s)).select('_id').lean()));
  return new Set(seqs.filter((_, i) => !!found[i]));
}
