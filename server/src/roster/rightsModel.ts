import mongoose, { Schema, type Model, type Types } from 'mongoose';
import type { Relation } from './bindingModel';

/** One active binding as the hot paths need it; the dwelling fields are absent when the dwelling is gone. */
export interface RightsBinding {
  dwellingId: string;
  relation: Relation;
  complexCode?: string;
  areaPath?: string[];
  buildingCode?: string;
  entranceCode?: string;
}
export interface RightsProxy {
  dwellingId: string;
  complexCode: string;
}

/**
 * What GET /api/me shows of the user's own claims and entrustments (any status but revoked), with the dwelling label
 * resolved at write time, so /api/me is one `_id` read. Dates are ISO strings (the stored copy compares equal).
 */
export interface ViewBinding {
  id: string;
  dwellingId: string;
  relation: Relation;
  status: string;
  strength: string | null;
  reviewReason: string | null;
  reason: string | null;
  createdAt: string;
  decidedAt: string | null;
  label: import('@gongzhi/shared').DwellingLabel;
}
export interface ViewProxy {
  id: string;
  dwellingId: string;
  status: string;
  reason: string | null;
  label: import('@gongzhi/shared').DwellingLabel;
}
export interface RightsView {
  bindings: ViewBinding[];
  proxies: ViewProxy[];
}

/**
 * `user_dwellings`: a user's active bindings and approved proxies, keyed by the user id, so every vote and view
 * reads one document by `_id` (the only filter FerretDB pushes down) instead of scanning bindings/proxies.
 * A cache of the source collections: `refreshUserDwellings` recomputes it after every binding/proxy write.
 */
export interface UserDwellingsDoc {
  _id: Types.ObjectId;
  bindings: RightsBinding[];
  proxies: RightsProxy[];
  view?: RightsView;
  /** Bumped whenever the content changes. */
  version: number;
  /** When the content last changed. */
  computedAt: Date;
  /** When it was last confirmed against bindings/proxies (readers recompute documents older than MAX_AGE). */
  checkedAt: Date;
}
const UserDwellingsSchema = new Schema<UserDwellingsDoc>(
  {
    bindings: { type: Schema.Types.Mixed, default: [] },
    proxies: { type: Schema.Types.Mixed, default: [] },
    view: { type: Schema.Types.Mixed, default: undefined },
    version: { type: Number, required: true },
    computedAt: { type: Date, required: true },
    checkedAt: { type: Date, required: true },
  },
  { versionKey: false },
);
export const UserDwellings: Model<UserDwellingsDoc> =
  mongoose.models.UserDwellings ?? mongoose.model<UserDwellingsDoc>('UserDwellings', UserDwellingsSchema, 'user_dwellings');
