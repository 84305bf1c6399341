import mongoose, { Schema } from 'mongoose';
import { AttachmentSchema } from './model';

/** One receipt per (notice, user, dwelling): "who read it" is counted per dwelling, by building. */
const ReadSchema = new Schema(
  {
    noticeId: { type: Schema.Types.ObjectId, required: true },
    userId: { type: String, required: true },
    dwellingId: { type: Schema.Types.ObjectId, required: true },
    buildingCode: { type: String, default: '' },
    version: { type: Number, required: true },
    readAt: { type: Date, required: true },
  },
  { versionKey: false },
);
ReadSchema.index({ noticeId: 1, userId: 1, dwellingId: 1 }, { unique: true });
ReadSchema.index({ userId: 1, noticeId: 1 });
ReadSchema.index({ noticeId: 1, dwellingId: 1 });
export const NoticeRead = mongoose.models.NoticeRead ?? mongoose.model('NoticeRead', ReadSchema, 'notice_reads');

/** Every WeChat subscribe message we tried, with its result; `key` equals the outbox key. */
const DeliverySchema = new Schema(
  {
    key: { type: String, required: true },
    noticeId: { type: Schema.Types.ObjectId, required: true },
    userId: { type: String, required: true },
    purpose: { type: String, enum: ['publish', 'reminder'], required: true },
    channel: { type: String, default: 'wechat' },
    status: { type: String, enum: ['pending', 'sent', 'failed', 'skipped'], default: 'pending' },
    reason: { type: String, default: null },
    errcode: { type: Number, default: null },
    errmsg: { type: String, default: null },
    attempts: { type: Number, default: 0 },
    msgid: { type: Number, default: null },
    lastAttemptAt: { type: Date, default: null },
  },
  { timestamps: true, versionKey: false },
);
DeliverySchema.index({ key: 1 }, { unique: true });
DeliverySchema.index({ noticeId: 1, status: 1 });
export const NoticeDelivery = mongoose.models.NoticeDelivery ?? mongoose.model('NoticeDelivery', DeliverySchema, 'notice_deliveries');

/** At most one reminder per notice per calendar day (China time). */
const ReminderSchema = new Schema(
  {
    noticeId: { type: Schema.Types.ObjectId, required: true },
    day: { type: String, required: true },
    by: { type: String, required: true },
    users: { type: Number, default: 0 },
    at: { type: Date, required: true },
  },
  { versionKey: false },
);
ReminderSchema.index({ noticeId: 1, day: 1 }, { unique: true });
export const NoticeReminder = mongoose.models.NoticeReminder ?? mongoose.model('NoticeReminder', ReminderSchema, 'notice_reminders');

const ObjectionSchema = new Schema(
  {
    noticeId: { type: Schema.Types.ObjectId, required: true },
    userId: { type: String, required: true },
    dwellingId: { type: Schema.Types.ObjectId, default: null },
    buildingName: { type: String, default: null },
    room: { type: String, default: null },
    text: { type: String, required: true },
    photos: { type: [AttachmentSchema], default: [] },
    status: { type: String, enum: ['open', 'answered', 'closed'], default: 'open' },
    secCheck: { type: new Schema({ suggest: String, label: Number, traceId: String }, { _id: false }), default: null },
    response: { type: new Schema({ text: String, textBo: String, by: String, at: Date }, { _id: false }), default: null },
    closedAt: { type: Date, default: null },
    closedBy: { type: String, default: null },
  },
  { timestamps: true, versionKey: false },
);
ObjectionSchema.index({ noticeId: 1, status: 1 });
ObjectionSchema.index({ noticeId: 1, userId: 1 });
export const NoticeObjection = mongoose.models.NoticeObjection ?? mongoose.model('NoticeObjection', ObjectionSchema, 'notice_objections');

/** Settings that vary by place; one global document for now. */
const SettingsSchema = new Schema(
  {
    _id: String,
    planPublicityMinDays: { type: Number, default: 7 },
    defaultDisplayDays: { type: Number, default: 7 },
  },
  { versionKey: false, timestamps: true },
);
export const NoticeSettingsDoc = mongoose.models.NoticeSettings ?? mongoose.model('NoticeSettings', SettingsSchema, 'notice_settings');
