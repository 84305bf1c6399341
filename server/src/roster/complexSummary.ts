import mongoose, { Schema, type Model } from 'mongoose';
import { Dwelling } from './model';

/**
 * Per-complex figures kept on write, read by `_id` (the complex code): on FerretDB any other filter scans the whole
 * collection, so counting a complex's dwellings cost one scan of every dwelling in the city per complex listed.
 * The roster import is the only writer of dwellings and sets `dwellings` after each apply (it never deletes any).
 */
export interface ComplexSummaryDoc {
  _id: string;
  dwellings: number;
  updatedAt: Date;
}
const ComplexSummarySchema = new Schema<ComplexSummaryDoc>(
  {
    _id: { type: String, required: true },
    dwellings: { type: Number, required: true },
    updatedAt: { type: Date, required: true },
  },
  { versionKey: false },
);
export const ComplexSummary: Model<ComplexSummaryDoc> =
  mongoose.models.ComplexSummary ?? mongoose.model<ComplexSummaryDoc>('ComplexSummary', ComplexSummarySchema, 'complex_summaries');

export async function setDwellingCount(complexCode: string, dwellings: number) {
  await ComplexSummary.updateOne({ _id: complexCode }, { $set: { dwellings, updatedAt: new Date() } }, { upsert: true });
}

/** The count from the summary; a complex imported before summaries existed is counted once and remembered. */
export async function dwellingCount(complexCode: string): Promise<number> {
  const s = await ComplexSummary.findOne({ _id: complexCode }).lean();
  if (s) return s.dwellings;
  const n = await Dwelling.countDocuments({ complexCode });
  // Only set if still missing: a concurrent import's exact figure wins over our older count.
  await ComplexSummary.updateOne({ _id: complexCode }, { $setOnInsert: { dwellings: n, updatedAt: new Date() } }, { upsert: true });
  return n;
}
