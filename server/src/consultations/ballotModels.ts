import mongoose, { Schema, type Model } from 'mongoose';
import type { LogAnswer } from '@gongzhi/shared';

/**
 * One dwelling of a frozen electorate. Copied from the roster at opening; later roster edits never touch it.
 * Stored with `_id` `<consultationId>:<dwellingId>` (memberId). Once the vote is open, readers use the digest-checked
 * copy of these rows (electorateSnapshot.ts).
 */
export interface ElectorateMemberDoc {
  consultationId: string;
  dwellingId: string;
  buildingCode: string;
  buildingName: string;
  entranceCode: string;
  entranceName: string;
  room: string;
  floor: number;
  areaHundredths: number;
  headcountKey: string;
  developerHeld: boolean;
}
/** A stored row: the deterministic string `_id` is declared, so mongoose keeps it a string (never an ObjectId). */
export type Stored<T> = T & { _id: string };
const ElectorateMemberSchema = new Schema<Stored<ElectorateMemberDoc>>(
  {
    _id: { type: String, required: true },
    consultationId: { type: String, required: true },
    dwellingId: { type: String, required: true },
    buildingCode: { type: String, required: true },
    buildingName: { type: String, default: '' },
    entranceCode: { type: String, required: true },
    entranceName: { type: String, default: '' },
    room: { type: String, default: '' },
    floor: { type: Number, default: 0 },
    areaHundredths: { type: Number, required: true },
    headcountKey: { type: String, required: true },
    developerHeld: { type: Boolean, default: false },
  },
  { versionKey: false },
);
ElectorateMemberSchema.index({ consultationId: 1, dwellingId: 1 }, { unique: true });
ElectorateMemberSchema.index({ consultationId: 1, buildingCode: 1 });
export const ElectorateMember: Model<Stored<ElectorateMemberDoc>> =
  mongoose.models.ConsultationElectorateMember ??
  mongoose.model<Stored<ElectorateMemberDoc>>('ConsultationElectorateMember', ElectorateMemberSchema, 'consultation_electorate');

/**
 * The append-only ballot log. `seq` is unique per consultation: an append reads the head and inserts seq+1, so two
 * concurrent appends cannot both win (see log.ts). `castId` is unique too, which makes a retried command find its
 * own entry instead of appending twice. `body` is exactly what the hash protects. `_id` is `<consultationId>:<seq>`
 * (entryId), so other instances' appends are found by `{_id}` (mirror.ts).
 */
export interface LogEntryDoc {
  consultationId: string;
  seq: number;
  prevHash: string;
  hash: string;
  /** v2 entries: the salt of the private part's digest (never published; see ballotEntryHash). */
  salt?: string;
  receiptCode: string;
  castId: string;
  type: string;
  dwellingId: string | null;
  /** The dwelling's headcount group (frozen): counting a group's first ballot reads the group's earlier entries. */
  headcountKey: string | null;
  body: Record<string, unknown>;
}
const LogEntrySchema = new Schema<Stored<LogEntryDoc>>(
  {
    _id: { type: String, required: true },
    consultationId: { type: String, required: true },
    seq: { type: Number, required: true },
    prevHash: { type: String, required: true },
    hash: { type: String, required: true },
    salt: { type: String },
    receiptCode: { type: String, required: true },
    castId: { type: String, required: true },
    type: { type: String, required: true },
    dwellingId: { type: String, default: null },
    headcountKey: { type: String, default: null },
    body: { type: Schema.Types.Mixed, required: true },
  },
  { versionKey: false, minimize: false },
);
LogEntrySchema.index({ consultationId: 1, seq: 1 }, { unique: true });
LogEntrySchema.index({ consultationId: 1, castId: 1 }, { unique: true });
LogEntrySchema.index({ consultationId: 1, dwellingId: 1 });
LogEntrySchema.index({ consultationId: 1, headcountKey: 1 });
LogEntrySchema.index({ consultationId: 1, receiptCode: 1 });
export const LogEntry: Model<Stored<LogEntryDoc>> =
  mongoose.models.ConsultationLogEntry ?? mongoose.model<Stored<LogEntryDoc>>('ConsultationLogEntry', LogEntrySchema, 'consultation_ballot_log');

/**
 * The effective ballot of one dwelling on one question: a projection of the log, one per (consultation, question,
 * dwelling) by a unique index, `_id` `<consultationId>:<questionId>:<dwellingId>`. Always written as the replay of the
 * dwelling's log entries (see projection.ts).
 */
export interface BallotDoc {
  consultationId: string;
  questionId: string;
  dwellingId: string;
  answer: LogAnswer;
  source: 'electronic' | 'paper';
  /** The log entry this ballot comes from. */
  logSeq: number;
  buildingCode: string;
  areaHundredths: number;
  headcountKey: string;
  castAt: Date;
}
const BallotSchema = new Schema<Stored<BallotDoc>>(
  {
    _id: { type: String, required: true },
    consultationId: { type: String, required: true },
    questionId: { type: String, required: true },
    dwellingId: { type: String, required: true },
    answer: { type: Schema.Types.Mixed, required: true },
    source: { type: String, required: true },
    logSeq: { type: Number, required: true },
    buildingCode: { type: String, required: true },
    areaHundredths: { type: Number, required: true },
    headcountKey: { type: String, required: true },
    castAt: { type: Date, required: true },
  },
  { versionKey: false },
);
BallotSchema.index({ consultationId: 1, questionId: 1, dwellingId: 1 }, { unique: true });
BallotSchema.index({ consultationId: 1, dwellingId: 1 });
export const BallotRecord: Model<Stored<BallotDoc>> =
  mongoose.models.ConsultationBallot ?? mongoose.model<Stored<BallotDoc>>('ConsultationBallot', BallotSchema, 'consultation_ballots');
