import mongoose, { Schema, Types, type Model } from 'mongoose';
import { conflict } from '../../platform/errors';
import { tryInsert } from '../../platform/store';
import { RosterImport, type RosterImportDoc } from './model';

/**
 * "One import applies to a complex at a time" without compare-and-set (FerretDB 1.24 does not isolate conditional
 * updates, so two conditional "take it if free" updates could both win): claims are rows `<complex>:<gen>` under the unique
 * `_id`. The holder is the highest generation; it holds the complex while its import is `applying`. Taking the complex
 * inserts the next generation, and of any number of contenders exactly one insert succeeds.
 */
interface ApplyClaimDoc {
  _id: string;
  complexCode: string;
  gen: number;
  importId: string;
  at: Date;
}
const ApplyClaimSchema = new Schema<ApplyClaimDoc>(
  {
    _id: { type: String, required: true },
    complexCode: { type: String, required: true },
    gen: { type: Number, required: true },
    importId: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { versionKey: false },
);
ApplyClaimSchema.index({ complexCode: 1, gen: -1 });
export const RosterApplyClaim: Model<ApplyClaimDoc> =
  mongoose.models.RosterApplyClaim ?? mongoose.model<ApplyClaimDoc>('RosterApplyClaim', ApplyClaimSchema, 'roster_apply_claims');

/** An applier that stopped heart-beating this long ago is presumed dead. */
export const STALE_MS = 2 * 60_000;

const busy = () => conflict('ROSTER_IMPORT_IN_PROGRESS', '该小区的名册正在导入，请稍后再试');

export type Holder = { state: 'free'; gen: number } | { state: 'busy' } | { state: 'stale'; holder: RosterImportDoc };

/** Who holds the complex now: nobody (next generation `gen`), a live import, or an import whose applier died. */
export async function complexHolder(complexCode: string): Promise<Holder> {
  const latest = await RosterApplyClaim.findOne({ complexCode }).sort({ gen: -1 }).lean();
  if (!latest) return { state: 'free', gen: 1 };
  const holder = Types.ObjectId.isValid(latest.importId) ? await RosterImport.findById(latest.importId).lean() : null;
  if (holder?.status === 'applying') {
    const beat = (holder.heartbeatAt ?? holder.startedAt).getTime();
    return Date.now() - beat < STALE_MS ? { state: 'busy' } : { state: 'stale', holder };
  }
  // No record yet: the claimer is about to create it (or died before it did, which the age tells apart).
  if (!holder && Date.now() - latest.at.getTime() < STALE_MS) return { state: 'busy' };
  return { state: 'free', gen: latest.gen + 1 };
}

/** Takes the complex for `importId` (a unique insert), or throws 409 ROSTER_IMPORT_IN_PROGRESS. */
export async function claimComplex(complexCode: string, importId: string, gen: number): Promise<void> {
  if (!(await tryInsert(RosterApplyClaim, { _id: `${complexCode}:${gen}`, complexCode, gen, importId, at: new Date() }))) throw busy();
}

/** For readers that must not see a half-applied roster (freezing an electorate). */
export async function isApplying(complexCode: string): Promise<boolean> {
  return (await complexHolder(complexCode)).state !== 'free';
}

export { busy as importInProgress };
