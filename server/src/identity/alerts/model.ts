import mongoose, { Schema, type Model, type Types } from 'mongoose';
import type { DwellingLabel } from '@gongzhi/shared';

/** One "a new binding or proxy touched your home" message to an owner, with its one-tap answer. */
export interface AlertItem {
  id: string;
  kind: 'owner_binding' | 'member_binding' | 'proxy';
  status: 'open' | 'disputed' | 'dismissed';
  dwellingId: string;
  dwelling: DwellingLabel;
  subjectType: 'binding' | 'proxy';
  subjectId: string;
  subjectUserId: string;
  subjectRelation: 'owner' | 'family' | 'tenant' | 'proxy';
  subjectName: string;
  createdAt: Date;
  decidedAt: Date | null;
  note?: string | null;
}

/**
 * `user_alerts`: one document per user (`_id` = user id), newest alerts first, so /api/me and the alert list are one
 * `_id` read on FerretDB. Written under a per-user lock (FerretDB updates are not isolated).
 */
export interface UserAlertsDoc {
  _id: Types.ObjectId;
  items: AlertItem[];
  open: number;
  updatedAt: Date;
}
const UserAlertsSchema = new Schema<UserAlertsDoc>(
  {
    items: { type: Schema.Types.Mixed, default: [] },
    open: { type: Number, default: 0 },
    updatedAt: { type: Date, default: () => new Date() },
  },
  { versionKey: false },
);
export const UserAlerts: Model<UserAlertsDoc> = mongoose.models.UserAlerts ?? mongoose.model<UserAlertsDoc>('UserAlerts', UserAlertsSchema, 'user_alerts');

export const MAX_ALERTS = 50;
