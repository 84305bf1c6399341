import mongoose, { Schema, type Model, type Types } from 'mongoose';
import type { Role } from '../platform/http/route';

/** One grant: a role on an area (`scope`); `scopePath` (the scope's ancestors + itself) lets us list holders by area. */
export interface GrantDoc {
  role: Role;
  scope: string;
  scopePath: string[];
}

export interface UserDoc {
  _id: Types.ObjectId;
  openid?: string;
  unionid?: string;
  displayName: string;
  grants: GrantDoc[];
  /** Bumped on every grant change: grant edits are compare-and-set on it (no lost updates without transactions). */
  grantsVersion: number;
  privacy?: { agreedAt?: Date; version?: string };
  /** HMAC of the WeChat-verified phone (手机号快速验证); the digits themselves are never stored. */
  phoneHash?: string;
  phoneVerifiedAt?: Date;
  lang: 'zh' | 'bo';
  subscribe: { notices: boolean };
  /** Demo users (seedDemo) carry a stable key and a role label for the dev-login picker. */
  demoKey?: string;
  demoLabel?: string;
  disabled?: boolean;
  createdAt: Date;
  updatedAt: Date;
}

const GrantSchema = new Schema<GrantDoc>(
  {
    role: { type: String, required: true },
    scope: { type: String, required: true },
    scopePath: { type: [String], default: [] },
  },
  { _id: false },
);

const UserSchema = new Schema<UserDoc>(
  {
    openid: { type: String, unique: true, sparse: true },
    unionid: { type: String, index: true, sparse: true },
    displayName: { type: String, required: true },
    grants: { type: [GrantSchema], default: [] },
    grantsVersion: { type: Number, default: 0 },
    privacy: { agreedAt: Date, version: String },
    phoneHash: String,
    phoneVerifiedAt: Date,
    lang: { type: String, enum: ['zh', 'bo'], default: 'zh' },
    subscribe: { notices: { type: Boolean, default: false } },
    demoKey: { type: String, unique: true, sparse: true },
    demoLabel: String,
    disabled: Boolean,
  },
  { timestamps: true, versionKey: false },
);
UserSchema.index({ 'grants.scopePath': 1 });

export const User: Model<UserDoc> = mongoose.models.User ?? mongoose.model<UserDoc>('User', UserSchema, 'users');

/** A login session = one refresh-token family. Revoking it ends every token of the family, access tokens included. */
export interface SessionDoc {
  _id: Types.ObjectId;
  userId: Types.ObjectId;
  status: 'active' | 'revoked';
  revokedReason?: 'logout' | 'reuse' | 'admin';
  expiresAt: Date;
  createdAt: Date;
}
const SessionSchema = new Schema<SessionDoc>(
  {
    userId: { type: Schema.Types.ObjectId, required: true, index: true },
    status: { type: String, enum: ['active', 'revoked'], default: 'active' },
    revokedReason: String,
    expiresAt: { type: Date, required: true },
  },
  { timestamps: { createdAt: true, updatedAt: false }, versionKey: false },
);
export const Session: Model<SessionDoc> = mongoose.models.Session ?? mongoose.model<SessionDoc>('Session', SessionSchema, 'sessions');

/** Refresh tokens are stored as SHA-256 hashes; a rotated token stays as evidence to detect its reuse. */
export interface RefreshTokenDoc {
  _id: Types.ObjectId;
  hash: string;
  sessionId: Types.ObjectId;
  userId: Types.ObjectId;
  status: 'active' | 'rotated' | 'revoked';
  expiresAt: Date;
  rotatedAt?: Date;
}
const RefreshTokenSchema = new Schema<RefreshTokenDoc>(
  {
    hash: { type: String, required: true, unique: true },
    sessionId: { type: Schema.Types.ObjectId, required: true, index: true },
    userId: { type: Schema.Types.ObjectId, required: true },
    status: { type: String, enum: ['active', 'rotated', 'revoked'], default: 'active' },
    expiresAt: { type: Date, required: true },
    rotatedAt: Date,
  },
  { versionKey: false },
);
export const RefreshToken: Model<RefreshTokenDoc> =
  mongoose.models.RefreshToken ?? mongoose.model<RefreshTokenDoc>('RefreshToken', RefreshTokenSchema, 'refresh_tokens');
