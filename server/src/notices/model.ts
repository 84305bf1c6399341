import mongoose, { Schema, type InferSchemaType } from 'mongoose';
import { NOTICE_KINDS } from '@gongzhi/shared';

/**
 * A notice with its whole version history embedded: an amendment is one conditional single-document update
 * (`version: n` → `n+1` plus `$push` of the new version), so history and current text can never disagree
 * and two concurrent amendments cannot both win.
 */
export const AttachmentSchema = new Schema(
  {
    fileId: { type: String, required: true },
    filename: String,
    contentType: String,
    size: Number,
  },
  { _id: false },
);

/** A voice clip beside the text (files/audioClips.ts); kept per version like attachments. */
export const AudioClipSchema = new Schema(
  {
    target: { type: String, required: true },
    lang: { type: String, required: true },
    fileId: { type: String, required: true },
    contentType: String,
    durationMs: Number,
    size: Number,
  },
  { _id: false },
);

const VersionSchema = new Schema(
  {
    version: { type: Number, required: true },
    title: { type: String, required: true },
    body: { type: String, required: true },
    titleBo: { type: String, default: null },
    bodyBo: { type: String, default: null },
    attachments: { type: [AttachmentSchema], default: [] },
    audio: { type: [AudioClipSchema], default: [] },
    reason: { type: String, default: null },
    reasonBo: { type: String, default: null },
    by: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { _id: false },
);

const NoticeSchema = new Schema(
  {
    kind: { type: String, enum: NOTICE_KINDS, required: true },
    status: { type: String, enum: ['scheduled', 'published', 'withdrawn'], required: true },
    /** Idempotency key: `user:<uuid>` for notices created over HTTP, the caller's key for system notices. */
    sourceKey: { type: String, required: true },
    system: { type: Boolean, default: false },
    publisherId: { type: String, required: true },

    audience: { type: Schema.Types.Mixed, required: true },
    /** Area codes a dwelling's areaPath must contain to be in the audience (empty for an electorate). */
    audienceCodes: { type: [String], default: [] },
    /** Frozen electorate dwellings (consultation audience only). */
    audienceDwellingIds: { type: [Schema.Types.ObjectId], default: [] },
    /** Path of the area the notice belongs to: publishers with a grant on any of these codes manage it. */
    scopePath: { type: [String], required: true },
    /** socket.io rooms told about publication and amendments. */
    rooms: { type: [String], default: [] },

    version: { type: Number, required: true },
    title: { type: String, required: true },
    body: { type: String, required: true },
    titleBo: { type: String, default: null },
    bodyBo: { type: String, default: null },
    attachments: { type: [AttachmentSchema], default: [] },
    audio: { type: [AudioClipSchema], default: [] },
    versions: { type: [VersionSchema], default: [] },

    pinned: { type: Boolean, default: false },
    publishAt: { type: Date, default: null },
    publishedAt: { type: Date, default: null },
    expireAt: { type: Date, default: null },
    /** Requested display period; the objection window is computed from it when the notice is published. */
    displayDays: { type: Number, default: null },
    displayRule: { type: new Schema({ minDays: Number, days: Number }, { _id: false }), default: null },
    objectionsUntil: { type: Date, default: null },

    withdrawn: { type: new Schema({ at: Date, by: String, reason: String, reasonBo: String }, { _id: false }), default: null },
    /** Set with the change that needs pushing, cleared once the fan-out is in the outbox (a job repairs crashes in between). */
    fanoutPending: { type: String, enum: ['published', 'amended', 'withdrawn', null], default: null },
  },
  { timestamps: true, versionKey: false },
);

NoticeSchema.index({ sourceKey: 1 }, { unique: true });
NoticeSchema.index({ status: 1, publishAt: 1 });
NoticeSchema.index({ audienceCodes: 1, publishedAt: -1 });
NoticeSchema.index({ audienceDwellingIds: 1 });
NoticeSchema.index({ scopePath: 1, createdAt: -1 });
NoticeSchema.index({ pinned: -1, publishedAt: -1, _id: -1 });
NoticeSchema.index({ fanoutPending: 1, updatedAt: 1 });

export type NoticeDoc = InferSchemaType<typeof NoticeSchema> & { _id: mongoose.Types.ObjectId; createdAt: Date; updatedAt: Date };
export type NoticeAttachmentDoc = { fileId: string; filename?: string | null; contentType?: string | null; size?: number | null };
export const Notice = mongoose.models.Notice ?? mongoose.model('Notice', NoticeSchema, 'notices');
