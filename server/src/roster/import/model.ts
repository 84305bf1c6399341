import mongoose, { Schema, type Model, type Types } from 'mongoose';
import type { RosterRowError } from '@gongzhi/shared';
import type { JsonChunkDoc } from '../../platform/chunkedJson';
import type { PlannedDwelling } from './validate';

/**
 * One roster import. It is also the commit log that stands in for a transaction: the validated plan is stored
 * (in `roster_import_plans`, chunks `<importId>:<i>`) before anything is written, so an apply cut short (crash, lost
 * database) is finished later by replaying the plan (every write is keyed by `_id` and idempotent).
 */
export interface RosterImportDoc {
  _id: Types.ObjectId;
  /** Idempotency key: a client retry or the demo seed sends the same key and gets the same import. */
  key: string;
  complexCode: string;
  actorId: string;
  filename: string;
  fileHash: string;
  status: 'rejected' | 'applying' | 'applied';
  rows: number;
  rowErrors: RosterRowError[];
  errorCount: number;
  created: number;
  updated: number;
  unchanged: number;
  buildings: number;
  entrances: number;
  missing: { dwellingId: string; buildingName: string; entranceName: string; room: string }[];
  /** How many `roster_import_plans` chunks hold the rows to write (the record stays small: heartbeats rewrite it). */
  planChunks?: number;
  /** Records written before planChunks: the plan inline, as JSON or as documents. */
  planJson?: string;
  plan?: PlannedDwelling[];
  heartbeatAt?: Date;
  startedAt: Date;
  finishedAt?: Date;
}

const RosterImportSchema = new Schema<RosterImportDoc>(
  {
    key: { type: String, required: true, unique: true },
    complexCode: { type: String, required: true },
    actorId: { type: String, required: true },
    filename: { type: String, default: '' },
    fileHash: { type: String, required: true },
    status: { type: String, required: true, enum: ['rejected', 'applying', 'applied'] },
    rows: { type: Number, default: 0 },
    rowErrors: { type: Schema.Types.Mixed, default: [] },
    errorCount: { type: Number, default: 0 },
    created: { type: Number, default: 0 },
    updated: { type: Number, default: 0 },
    unchanged: { type: Number, default: 0 },
    buildings: { type: Number, default: 0 },
    entrances: { type: Number, default: 0 },
    missing: { type: Schema.Types.Mixed, default: [] },
    planChunks: Number,
    planJson: String,
    plan: { type: Schema.Types.Mixed, default: undefined },
    heartbeatAt: Date,
    startedAt: { type: Date, required: true },
    finishedAt: Date,
  },
  { versionKey: false },
);
RosterImportSchema.index({ complexCode: 1, startedAt: -1 });
RosterImportSchema.index({ status: 1, heartbeatAt: 1 });

export const RosterImport: Model<RosterImportDoc> =
  mongoose.models.RosterImport ?? mongoose.model<RosterImportDoc>('RosterImport', RosterImportSchema, 'roster_imports');

const PlanSchema = new Schema<JsonChunkDoc>({ _id: String, json: { type: String, required: true } }, { versionKey: false });
/** An applying import's plan in chunks (platform/chunkedJson.ts); deleted once the import is applied. */
export const RosterImportPlan: Model<JsonChunkDoc> =
  mongoose.models.RosterImportPlan ?? mongoose.model<JsonChunkDoc>('RosterImportPlan', PlanSchema, 'roster_import_plans');
