import mongoose, { Schema, type Model } from 'mongoose';

/*
 * Documents kept on write and read by `_id` only (issue 18): on FerretDB every other filter reads the whole collection,
 * so the resident feed, read marks and the committee's read rates must never ask "which rows match".
 */

/** One notice in a feed index: what ordering and expiry need; the card itself comes from the notice by `_id`. */
export interface FeedItem {
  id: string;
  pinned: boolean;
  publishedAt: Date;
  expireAt: Date | null;
}
/** `_id` = an area code: the notices published to it (an electorate's notices under their complex), newest first. */
export interface FeedIndexDoc {
  _id: string;
  items: FeedItem[];
}
const FeedIndexSchema = new Schema<FeedIndexDoc>({ _id: String, items: { type: Schema.Types.Mixed, default: [] } }, { versionKey: false });
export const NoticeFeedIndex: Model<FeedIndexDoc> =
  mongoose.models.NoticeFeedIndex ?? mongoose.model<FeedIndexDoc>('NoticeFeedIndex', FeedIndexSchema, 'notice_feed_index');

/** `_id` = `<noticeId>:<userId>`: the highest version this user read, and for which of their dwellings. */
export interface UserReadDoc {
  _id: string;
  noticeId: string;
  userId: string;
  version: number;
  dwellingIds: string[];
  readAt: Date;
}
const UserReadSchema = new Schema<UserReadDoc>(
  { _id: String, noticeId: String, userId: String, version: Number, dwellingIds: [String], readAt: Date },
  { versionKey: false },
);
UserReadSchema.index({ noticeId: 1 });
export const NoticeUserRead: Model<UserReadDoc> =
  mongoose.models.NoticeUserRead ?? mongoose.model<UserReadDoc>('NoticeUserRead', UserReadSchema, 'notice_user_reads');

/** `_id` = a user id: the version of each notice they read, by notice id (a copy of their marks; see userReads.ts). */
export interface UserReadsDoc {
  _id: string;
  v: Record<string, number>;
}
const UserReadsSchema = new Schema<UserReadsDoc>({ _id: String, v: { type: Schema.Types.Mixed, default: {} } }, { versionKey: false, minimize: false });
export const NoticeUserReads: Model<UserReadsDoc> =
  mongoose.models.NoticeUserReads ?? mongoose.model<UserReadsDoc>('NoticeUserReads', UserReadsSchema, 'notice_reads_by_user');

/** `_id` = `<noticeId>:<dwellingId>`: inserted once, by the first member of the dwelling who read it. */
export interface DwellingReadDoc {
  _id: string;
  noticeId: string;
  dwellingId: string;
  buildingCode: string;
  userId: string;
  readAt: Date;
}
const DwellingReadSchema = new Schema<DwellingReadDoc>(
  { _id: String, noticeId: String, dwellingId: String, buildingCode: String, userId: String, readAt: Date },
  { versionKey: false },
);
DwellingReadSchema.index({ noticeId: 1 });
export const NoticeDwellingRead: Model<DwellingReadDoc> =
  mongoose.models.NoticeDwellingRead ?? mongoose.model<DwellingReadDoc>('NoticeDwellingRead', DwellingReadSchema, 'notice_dwelling_reads');

export interface AudienceBuilding {
  buildingCode: string;
  buildingName: string | null;
  total: number;
}
/**
 * `_id` = the notice id: its figures, bumped right after the write they count and recounted by the repair. A missing
 * field is zero. `reads` holds read dwellings per building under `b_<buildingCode>` (area codes are `[A-Za-z0-9-]`).
 */
export interface NoticeStatsDoc {
  _id: string;
  readDwellings?: number;
  readers?: number;
  reads?: Record<string, number>;
  objections?: { total?: number; open?: number; answered?: number; closed?: number };
  deliveries?: { pending?: number; sent?: number; failed?: number; skipped?: number };
  /** Audience dwellings per building, counted when the notice is pushed (or on the first stats read). */
  audience?: AudienceBuilding[] | null;
}
const StatsSchema = new Schema<NoticeStatsDoc>(
  {
    _id: String,
    readDwellings: Number,
    readers: Number,
    reads: Schema.Types.Mixed,
    objections: Schema.Types.Mixed,
    deliveries: Schema.Types.Mixed,
    audience: Schema.Types.Mixed,
  },
  { versionKey: false },
);
export const NoticeStats: Model<NoticeStatsDoc> = mongoose.models.NoticeStats ?? mongoose.model<NoticeStatsDoc>('NoticeStats', StatsSchema, 'notice_stats');

/** A write whose figure is about to change: removed once counted; the repair recounts notices whose entry is left over. */
export interface StatsPendingDoc {
  _id: string;
  noticeId: string;
  at: Date;
}
const PendingSchema = new Schema<StatsPendingDoc>({ _id: String, noticeId: String, at: Date }, { versionKey: false });
export const NoticeStatsPending: Model<StatsPendingDoc> =
  mongoose.models.NoticeStatsPending ?? mongoose.model<StatsPendingDoc>('NoticeStatsPending', PendingSchema, 'notice_stats_pending');

export const buildingKey = (code: string) => `b_${code}`;
