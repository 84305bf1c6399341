import mongoose, { Schema, type Model } from 'mongoose';

/**
 * Live counters as insert-only delta rows, summed with `$group`/`$sum`. One row per (log entry, question, key) —
 * key: 'participation' | 'choice:<choice>' | 'item:<itemId>:<choice>' | 'pick:<optionId>' | 'rating:<n>' (keys are
 * values, never field names). Why not `$inc` on one document: FerretDB 1.24 (SQLite) applies updates as
 * read-modify-write without isolation, so 50 concurrent `$inc`s of one document end at 8, and conditional updates
 * are no compare-and-set either. An insert under a unique index is atomic on MongoDB and FerretDB alike, so an
 * increment here is an insert; a retry or a repair re-inserts the same row and is refused as a duplicate, so
 * nothing counts twice. Display only: results are computed from ballots.
 */
export interface TallyDeltaDoc {
  consultationId: string;
  seq: number;
  questionId: string;
  key: string;
  dwellings: number;
  areaHundredths: number;
  headcount: number;
}
const TallyDeltaSchema = new Schema<TallyDeltaDoc>(
  {
    consultationId: { type: String, required: true },
    seq: { type: Number, required: true },
    questionId: { type: String, required: true },
    key: { type: String, required: true },
    dwellings: { type: Number, default: 0 },
    areaHundredths: { type: Number, default: 0 },
    headcount: { type: Number, default: 0 },
  },
  { versionKey: false },
);
TallyDeltaSchema.index({ consultationId: 1, seq: 1, questionId: 1, key: 1 }, { unique: true });
export const TallyDelta: Model<TallyDeltaDoc> =
  mongoose.models.ConsultationTallyDelta ?? mongoose.model<TallyDeltaDoc>('ConsultationTallyDelta', TallyDeltaSchema, 'consultation_tally_deltas');

/** Ballot delivered to a dwelling (送达): only used by the optional covenant count. */
export interface DeliveryDoc {
  consultationId: string;
  dwellingId: string;
  recordedBy: string;
  at: Date;
  method: string | null;
}
const DeliverySchema = new Schema<DeliveryDoc>(
  {
    consultationId: { type: String, required: true },
    dwellingId: { type: String, required: true },
    recordedBy: { type: String, required: true },
    at: { type: Date, required: true },
    method: { type: String, default: null },
  },
  { versionKey: false },
);
DeliverySchema.index({ consultationId: 1, dwellingId: 1 }, { unique: true });
export const Delivery: Model<DeliveryDoc> =
  mongoose.models.ConsultationDelivery ?? mongoose.model<DeliveryDoc>('ConsultationDelivery', DeliverySchema, 'consultation_deliveries');

/** Global consultation settings (one document, `_id: 'global'`). */
export interface SettingsDoc {
  _id: string;
  minLeadTimeHours: number;
  defaultLeadTimeHours: number;
}
const SettingsSchema = new Schema<SettingsDoc>(
  {
    _id: String,
    minLeadTimeHours: Number,
    defaultLeadTimeHours: Number,
  },
  { versionKey: false },
);
export const ConsultationSettingsDoc: Model<SettingsDoc> =
  mongoose.models.ConsultationSettings ?? mongoose.model<SettingsDoc>('ConsultationSettings', SettingsSchema, 'consultation_settings');
