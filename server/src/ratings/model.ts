import mongoose, { Schema, type Model, type Types } from 'mongoose';

/** One rating per dwelling and project (unique index); re-rating while the window is open replaces it. */
export interface RatingDoc {
  _id: Types.ObjectId;
  projectId: Types.ObjectId;
  dwellingId: Types.ObjectId;
  complexCode: string;
  /** Who submitted the current version (any member of the household may). */
  userId: string;
  overall: number;
  items: { itemId: string; score: number }[];
  comment: string | null;
  commentCheck: { suggest: string; traceId: string | null } | null;
  photoFileId: string | null;
  revision: number;
  createdAt: Date;
  updatedAt: Date;
}
const RatingSchema = new Schema<RatingDoc>(
  {
    projectId: { type: Schema.Types.ObjectId, required: true },
    dwellingId: { type: Schema.Types.ObjectId, required: true },
    complexCode: { type: String, required: true },
    userId: { type: String, required: true },
    overall: { type: Number, required: true, min: 1, max: 5 },
    items: { type: [new Schema({ itemId: String, score: { type: Number, min: 1, max: 5 } }, { _id: false })], default: [] },
    comment: { type: String, default: null },
    commentCheck: { type: new Schema({ suggest: String, traceId: String }, { _id: false }), default: null },
    photoFileId: { type: String, default: null },
    revision: { type: Number, default: 0 },
  },
  { timestamps: true, versionKey: false },
);
RatingSchema.index({ projectId: 1, dwellingId: 1 }, { unique: true });
RatingSchema.index({ projectId: 1, updatedAt: -1 });
export const Rating: Model<RatingDoc> = mongoose.models.Rating ?? mongoose.model<RatingDoc>('Rating', RatingSchema, 'ratings');
