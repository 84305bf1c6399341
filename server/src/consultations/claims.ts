import mongoose, { Schema, type Model } from 'mongoose';
import { instanceId } from '../platform/jobs';
import { tryInsert } from '../platform/store';

/**
 * A lease that needs no compare-and-set (FerretDB has none, see tallyModels.ts): claims are rows (key, gen) under a
 * unique index. The holder is whoever inserted the highest generation; a claim older than `staleMs` may be taken
 * over by inserting the next generation, which exactly one contender manages.
 */
interface ClaimDoc {
  key: string;
  gen: number;
  by: string;
  at: Date;
}
const ClaimSchema = new Schema<ClaimDoc>(
  {
    key: { type: String, required: true },
    gen: { type: Number, required: true },
    by: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { versionKey: false },
);
ClaimSchema.index({ key: 1, gen: 1 }, { unique: true });
export const Claim: Model<ClaimDoc> = mongoose.models.ConsultationClaim ?? mongoose.model<ClaimDoc>('ConsultationClaim', ClaimSchema, 'consultation_claims');

export async function claim(key: string, staleMs: number): Promise<{ gen: number; takeover: boolean } | null> {
  const latest = await Claim.findOne({ key }).sort({ gen: -1 }).lean();
  if (latest && latest.at.getTime() > Date.now() - staleMs) return null;
  const gen = (latest?.gen ?? 0) + 1;
  return (await tryInsert(Claim, { key, gen, by: instanceId, at: new Date() })) ? { gen, takeover: !!latest } : null;
}

/** Gives a claim back (its holder failed before finishing): the next contender takes it at once, not after `staleMs`. */
export async function releaseClaim(key: string, gen: number): Promise<void> {
  await Claim.deleteOne({ key, gen });
}
