import mongoose, { Schema, type Model, type Types } from 'mongoose';
import { ITEM_CATEGORIES, PROJECT_STATUSES, type ItemCategory, type ProjectStatus } from '@gongzhi/shared';

export interface ProjectItemDoc {
  _id: Types.ObjectId;
  category: ItemCategory;
  name: string;
  nameBo?: string | null;
  quantity: number;
  unit: string;
  budgetFen: number;
  unitCostFen: number | null;
  note: string;
  plannedFinishOn: string | null;
  percent: number;
  completedAt: Date | null;
}
export interface FundingInputDoc {
  centralSubsidyFen: number;
  governmentFen: number | null;
  utilities: { name: string; amountFen: number }[];
  residentsFen: number;
  maintenanceFundFen: number;
  providentFundFen: number;
  publicIncomeFen: number;
  socialCapitalFen: number;
  note: string;
}
export interface AcceptanceDoc {
  date: string;
  participants: { unit: string; role: string; name?: string }[];
  passed: boolean;
  items: { itemId: string; accepted: boolean; note?: string }[];
  note: string;
  documentFileIds: string[];
  recordedAt: Date;
  recordedBy: string;
}
export interface ProjectDoc {
  _id: Types.ObjectId;
  complexCode: string;
  complexName: string;
  /** Area codes from the region down to the complex. */
  areaPath: string[];
  /** The ancestor code at each level, for roll-ups (null when the hierarchy skips a level). */
  levels: { region: string | null; prefecture: string | null; county: string | null; street: string | null; community: string | null };
  year: number;
  name: string;
  nameBo?: string | null;
  status: ProjectStatus;
  transitions: { from: ProjectStatus | null; to: ProjectStatus; at: Date; by: string; note: string }[];
  items: Types.DocumentArray<ProjectItemDoc & Types.Subdocument>;
  funding: { input: FundingInputDoc; updatedAt: Date; updatedBy: string } | null;
  acceptance: AcceptanceDoc | null;
  ratingWindow: { opensAt: Date; closesAt: Date } | null;
  consultationIds: string[];
  noticeIds: string[];
  /** Buildings the project covers; empty = the whole complex. */
  buildingCodes: string[];
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
}

const ItemSchema = new Schema<ProjectItemDoc>({
  category: { type: String, enum: ITEM_CATEGORIES, required: true },
  name: { type: String, required: true },
  nameBo: { type: String, default: null },
  quantity: { type: Number, required: true },
  unit: { type: String, required: true },
  budgetFen: { type: Number, required: true },
  unitCostFen: { type: Number, default: null },
  note: { type: String, default: '' },
  plannedFinishOn: { type: String, default: null },
  percent: { type: Number, default: 0 },
  completedAt: { type: Date, default: null },
});

const FundingSchema = new Schema(
  {
    input: {
      centralSubsidyFen: Number,
      governmentFen: { type: Number, default: null },
      utilities: { type: [new Schema({ name: String, amountFen: Number }, { _id: false })], default: [] },
      residentsFen: Number,
      maintenanceFundFen: Number,
      providentFundFen: Number,
      publicIncomeFen: Number,
      socialCapitalFen: Number,
      note: { type: String, default: '' },
    },
    updatedAt: Date,
    updatedBy: String,
  },
  { _id: false },
);

const AcceptanceSchema = new Schema(
  {
    date: String,
    participants: { type: [new Schema({ unit: String, role: String, name: String }, { _id: false })], default: [] },
    passed: Boolean,
    items: { type: [new Schema({ itemId: String, accepted: Boolean, note: String }, { _id: false })], default: [] },
    note: { type: String, default: '' },
    documentFileIds: { type: [String], default: [] },
    recordedAt: Date,
    recordedBy: String,
  },
  { _id: false },
);

const ProjectSchema = new Schema<ProjectDoc>(
  {
    complexCode: { type: String, required: true },
    complexName: { type: String, required: true },
    areaPath: { type: [String], required: true },
    levels: { region: String, prefecture: String, county: String, street: String, community: String },
    year: { type: Number, required: true },
    name: { type: String, required: true },
    nameBo: { type: String, default: null },
    status: { type: String, enum: PROJECT_STATUSES, required: true },
    transitions: {
      type: [new Schema({ from: { type: String, default: null }, to: String, at: Date, by: String, note: { type: String, default: '' } }, { _id: false })],
      default: [],
    },
    items: { type: [ItemSchema], default: [] },
    funding: { type: FundingSchema, default: null },
    acceptance: { type: AcceptanceSchema, default: null },
    ratingWindow: { type: new Schema({ opensAt: Date, closesAt: Date }, { _id: false }), default: null },
    consultationIds: { type: [String], default: [] },
    noticeIds: { type: [String], default: [] },
    buildingCodes: { type: [String], default: [] },
    createdBy: { type: String, required: true },
  },
  { timestamps: true, optimisticConcurrency: true },
);
// 一区一方案: one project per complex and year.
ProjectSchema.index({ complexCode: 1, year: 1 }, { unique: true });
ProjectSchema.index({ areaPath: 1, year: 1 });
ProjectSchema.index({ status: 1 });

export const Project: Model<ProjectDoc> = mongoose.models.Project ?? mongoose.model<ProjectDoc>('Project', ProjectSchema, 'projects');

export interface ProgressDoc {
  _id: Types.ObjectId;
  projectId: Types.ObjectId;
  at: Date;
  by: string;
  note: string;
  photoFileIds: string[];
  items: { itemId: string; name: string; percent: number }[];
}
const ProgressSchema = new Schema<ProgressDoc>(
  {
    projectId: { type: Schema.Types.ObjectId, required: true },
    at: { type: Date, required: true },
    by: { type: String, required: true },
    note: { type: String, default: '' },
    photoFileIds: { type: [String], default: [] },
    items: { type: [new Schema({ itemId: String, name: String, percent: Number }, { _id: false })], default: [] },
  },
  { versionKey: false },
);
ProgressSchema.index({ projectId: 1, at: -1 });
export const ProjectProgress: Model<ProgressDoc> =
  mongoose.models.ProjectProgress ?? mongoose.model<ProgressDoc>('ProjectProgress', ProgressSchema, 'project_progress');
