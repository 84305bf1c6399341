import mongoose, { Schema, type Model, type Types } from 'mongoose';
import { PLEDGE_KINDS, PLEDGE_STATUSES } from '@gongzhi/shared';

export type PledgeKind = (typeof PLEDGE_KINDS)[number];
export type PledgeStatus = (typeof PLEDGE_STATUSES)[number];

/** Quantities are stored as integers (hundredths, half days) so `$sum` totals are exact. */
export interface PledgeDoc {
  _id: Types.ObjectId;
  projectId: Types.ObjectId;
  complexCode: string;
  areaPath: string[];
  dwellingId: Types.ObjectId;
  userId: string;
  kind: PledgeKind;
  amountFen: number;
  material: { item: string; quantityHundredths: number; unit: string } | null;
  labour: { halfDays: number; skill: string } | null;
  note: string;
  status: PledgeStatus;
  cancelReason: string | null;
  history: { from: PledgeStatus | null; to: PledgeStatus; at: Date; by: string; note: string }[];
  createdAt: Date;
  updatedAt: Date;
}
const PledgeSchema = new Schema<PledgeDoc>(
  {
    projectId: { type: Schema.Types.ObjectId, required: true },
    complexCode: { type: String, required: true },
    areaPath: { type: [String], required: true },
    dwellingId: { type: Schema.Types.ObjectId, required: true },
    userId: { type: String, required: true },
    kind: { type: String, enum: PLEDGE_KINDS, required: true },
    amountFen: { type: Number, default: 0 },
    material: { type: new Schema({ item: String, quantityHundredths: Number, unit: String }, { _id: false }), default: null },
    labour: { type: new Schema({ halfDays: Number, skill: String }, { _id: false }), default: null },
    note: { type: String, default: '' },
    status: { type: String, enum: PLEDGE_STATUSES, required: true },
    cancelReason: { type: String, default: null },
    history: {
      type: [new Schema({ from: { type: String, default: null }, to: String, at: Date, by: String, note: { type: String, default: '' } }, { _id: false })],
      default: [],
    },
  },
  { timestamps: true, versionKey: false },
);
PledgeSchema.index({ projectId: 1, status: 1 });
PledgeSchema.index({ projectId: 1, dwellingId: 1 });
PledgeSchema.index({ userId: 1, createdAt: -1 });
export const Pledge: Model<PledgeDoc> = mongoose.models.Pledge ?? mongoose.model<PledgeDoc>('Pledge', PledgeSchema, 'pledges');

/** An entrance's elevator cost-sharing plan: total and floor-coefficient table (empty → the default table). */
export interface ElevatorPlanDoc {
  _id: Types.ObjectId;
  projectId: Types.ObjectId;
  complexCode: string;
  entranceCode: string;
  totalFen: number;
  coefficients: { floor: number; perMille: number }[];
  note: string;
  updatedBy: string;
  updatedAt: Date;
}
const ElevatorPlanSchema = new Schema<ElevatorPlanDoc>(
  {
    projectId: { type: Schema.Types.ObjectId, required: true },
    complexCode: { type: String, required: true },
    entranceCode: { type: String, required: true },
    totalFen: { type: Number, required: true },
    coefficients: { type: [new Schema({ floor: Number, perMille: Number }, { _id: false })], default: [] },
    note: { type: String, default: '' },
    updatedBy: String,
    updatedAt: Date,
  },
  { versionKey: false },
);
ElevatorPlanSchema.index({ projectId: 1, entranceCode: 1 }, { unique: true });
export const ElevatorPlan: Model<ElevatorPlanDoc> =
  mongoose.models.ElevatorPlan ?? mongoose.model<ElevatorPlanDoc>('ElevatorPlan', ElevatorPlanSchema, 'elevator_plans');
