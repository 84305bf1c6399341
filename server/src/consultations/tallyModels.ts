import mongoose, { Schema, type Model } from 'mongoose';

/**
 * Live counters, one document per (consultation, question, key) and bumped with `$inc` (keys are values, never
 * field names). key: 'participation' | 'choice:<choice>' | 'item:<itemId>:<choice>' | 'pick:<optionId>' | 'rating:<n>'.
 * Display only: results are computed from ballots; repairCounters() rebuilds these from ballots.
 */
export interface CounterDoc {
  consultationId: string;
  questionId: string;
  key: string;
  dwellings: number;
  areaHundredths: number;
  headcount: number;
}
const CounterSchema = new Schema<CounterDoc>({
  consultationId: { type: String, required: true },
  questionId: { type: String, required: true },
  key: { type: String, required: true },
  dwellings: { type: Number, default: 0 },
  areaHundredths: { type: Number, default: 0 },
  headcount: { type: Number, default: 0 },
}, { versionKey: false });
CounterSchema.index({ consultationId: 1, questionId: 1, key: 1 }, { unique: true });
export const Counter: Model<CounterDoc> = mongoose.models.ConsultationCounter
  ?? mongoose.model<CounterDoc>('ConsultationCounter', CounterSchema, 'consultation_counters');

/** A headcount group that has taken part in a question: created once (upsert), which is when headcount is bumped. */
export interface HeadcountGroupDoc { consultationId: string; questionId: string; headcountKey: string }
const HeadcountGroupSchema = new Schema<HeadcountGroupDoc>({
  consultationId: { type: String, required: true },
  questionId: { type: String, required: true },
  headcountKey: { type: String, required: true },
}, { versionKey: false });
HeadcountGroupSchema.index({ consultationId: 1, questionId: 1, headcountKey: 1 }, { unique: true });
export const HeadcountGroup: Model<HeadcountGroupDoc> = mongoose.models.ConsultationHeadcountGroup
  ?? mongoose.model<HeadcountGroupDoc>('ConsultationHeadcountGroup', HeadcountGroupSchema, 'consultation_headcount_groups');

/** Ballot delivered to a dwelling (送达): only used by the optional covenant count. */
export interface DeliveryDoc { consultationId: string; dwellingId: string; recordedBy: string; at: Date }
const DeliverySchema = new Schema<DeliveryDoc>({
  consultationId: { type: String, required: true },
  dwellingId: { type: String, required: true },
  recordedBy: { type: String, required: true },
  at: { type: Date, required: true },
}, { versionKey: false });
DeliverySchema.index({ consultationId: 1, dwellingId: 1 }, { unique: true });
export const Delivery: Model<DeliveryDoc> = mongoose.models.ConsultationDelivery
  ?? mongoose.model<DeliveryDoc>('ConsultationDelivery', DeliverySchema, 'consultation_deliveries');

/** Idempotency-Key records for ballot writes: the first response is replayed on retry. */
export interface IdempotencyDoc {
  key: string;
  bodyHash: string;
  status: 'pending' | 'done';
  lockedUntil: Date;
  responseStatus: number | null;
  response: unknown;
  createdAt: Date;
}
const IdempotencySchema = new Schema<IdempotencyDoc>({
  key: { type: String, required: true, unique: true },
  bodyHash: { type: String, required: true },
  status: { type: String, required: true },
  lockedUntil: { type: Date, required: true },
  responseStatus: { type: Number, default: null },
  response: { type: Schema.Types.Mixed, default: null },
  createdAt: { type: Date, default: () => new Date() },
}, { versionKey: false, minimize: false });
IdempotencySchema.index({ createdAt: 1 });
export const IdempotencyRecord: Model<IdempotencyDoc> = mongoose.models.ConsultationIdempotency
  ?? mongoose.model<IdempotencyDoc>('ConsultationIdempotency', IdempotencySchema, 'consultation_idempotency');

/** Global consultation settings (one document, `_id: 'global'`). */
export interface SettingsDoc { _id: string; minLeadTimeHours: number; defaultLeadTimeHours: number }
const SettingsSchema = new Schema<SettingsDoc>({
  _id: String, minLeadTimeHours: Number, defaultLeadTimeHours: Number,
}, { versionKey: false });
export const ConsultationSettingsDoc: Model<SettingsDoc> = mongoose.models.ConsultationSettings
  ?? mongoose.model<SettingsDoc>('ConsultationSettings', SettingsSchema, 'consultation_settings');
