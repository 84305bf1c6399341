import mongoose, { Schema, type Model, type Types } from 'mongoose';
import type { Relation } from './bindingModel';

/** One active binding as the hot paths need it; the dwelling fields are absent when the dwelling is gone. */
export interface RightsBinding {
  dwellingId: string; relation: Relation;
  complexCode?: string; areaPath?: string[]; buildingCode?: string; entranceCode?: string;
}
export interface RightsProxy { dwellingId: string; complexCode: string }

/**
 * `user_dwellings`: a user's active bindings and approved proxies, keyed by the user id, so every vote and view
 * reads one document by `_id` (the only filter FerretDB pushes down) instead of scanning bindings/proxies.
 * A cache of the source collections: `refreshUserDwellings` recomputes it after every binding/proxy write.
 */
export interface UserDwellingsDoc {
  _id: Types.ObjectId;
  bindings: RightsBinding[];
  proxies: RightsProxy[];
  /** Bumped whenever the content changes. */
  version: number;
  /** When the content last changed. */
  computedAt: Date;
  /** When it was last confirmed against bindings/proxies (readers recompute documents older than MAX_AGE). */
  checkedAt: Date;
}
const UserDwellingsSchema = new Schema<UserDwellingsDoc>({
  bindings: { type: Schema.Types.Mixed, default: [] },
  proxies: { type: Schema.Types.Mixed, default: [] },
  version: { type: Number, required: true },
  computedAt: { type: Date, required: true },
  checkedAt: { type: Date, required: true },
}, { versionKey: false });
export const UserDwellings: Model<UserDwellingsDoc> = mongoose.models.UserDwellings
  ?? mongoose.model<UserDwellingsDoc>('UserDwellings', UserDwellingsSchema, 'user_dwellings');
