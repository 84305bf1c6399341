import mongoose, { Schema, type Model, type Types } from 'mongoose';
import { markRightsPending } from './rightsHints';

export type Relation = 'owner' | 'family' | 'tenant';

/**
 * Creating a binding or proxy anywhere (commands, demo seed, test fixtures) refreshes the user's rights document.
 * Updates go through the commands, which call `refreshUserDwellings` themselves. rights.ts registers the refresh
 * (it imports this module, so this one may not import it back).
 */
type Refresh = (userIds: Types.ObjectId[], hints: readonly string[]) => Promise<void>;
let refreshRights: Refresh | null = null;
export function onBindingsCreated(fn: Refresh): void {
  refreshRights = fn;
}
async function refreshCreated(userIds: Types.ObjectId[], hints: readonly string[] = []) {
  if (!refreshRights) throw new Error('roster/rights.ts is not loaded: rights would go stale');
  await refreshRights(userIds, hints);
}

/**
 * The create hooks hint before the write (rightsHints.ts) and refresh after it. A save keeps its hints on the
 * document; an insertMany's post hook gets new document objects, so its hints wait here by user until then.
 */
const insertHints = new Map<string, string[]>();
async function hintInsert(userIds: Types.ObjectId[]) {
  for (const [i, h] of (await markRightsPending(userIds)).entries()) {
    const u = String(userIds[i]);
    insertHints.set(u, [...(insertHints.get(u) ?? []), h]);
  }
}
const listOf = <T>(docs: unknown): T[] => (Array.isArray(docs) ? docs : [docs]) as T[];
const hintsOf = (doc: unknown) => (doc as { $locals?: { rightsHints?: string[] } }).$locals?.rightsHints ?? [];
/** A create hints before its write and refreshes its user's rights after it (save and insertMany alike). */
function refreshOnCreate<T>(schema: Schema<T>, userOf: (doc: T) => Types.ObjectId) {
  schema.pre('save', async function () {
    this.$locals.rightsHints = await markRightsPending([userOf(this as T)]);
  });
  schema.post('save', async (doc: T) => refreshCreated([userOf(doc)], hintsOf(doc)));
  schema.pre('insertMany', async (docs: unknown) => hintInsert(uniqueUsers(listOf<T>(docs).map(userOf))));
  schema.post('insertMany', async (docs: unknown) => {
    const users = listOf<T>(docs).map(userOf);
    await refreshCreated(users, takeInsertHints(uniqueUsers(users)));
  });
}
function uniqueUsers(ids: Types.ObjectId[]): Types.ObjectId[] {
  const seen = new Map(ids.filter(Boolean).map((u) => [String(u), u]));
  return [...seen.values()];
}
function takeInsertHints(userIds: Types.ObjectId[]): string[] {
  return userIds.flatMap((u) => {
    const h = insertHints.get(String(u)) ?? [];
    insertHints.delete(String(u));
    return h;
  });
}

/** A resident's tie to a dwelling. A claim is a binding in 'pending'; decisions keep the reason the resident sees. */
export interface BindingDoc {
  _id: Types.ObjectId;
  userId: Types.ObjectId;
  dwellingId: Types.ObjectId;
  relation: Relation;
  status: 'active' | 'pending' | 'rejected' | 'revoked' | 'suspended';
  /** True only for a binding made by a WeChat-verified phone equal to the roster's (the one instant owner path). */
  matched: boolean;
  /** How an active binding was established; null while pending. */
  strength?: 'verified_phone' | 'reviewed' | null;
  /** Why the claim went to review (a code the client shows in plain words). */
  reviewReason?: string | null;
  /** What matched the roster when they claimed: for the reviewer only. */
  facts?: { nameMatches: boolean; numberMatches: boolean; idMatches: boolean; phoneVerified: boolean };
  claimedName?: string;
  note?: string;
  reason?: string;
  decidedBy?: string;
  decidedAt?: Date;
  complexCode: string;
  areaPath: string[];
  createdAt: Date;
  updatedAt: Date;
}
const BindingSchema = new Schema<BindingDoc>(
  {
    userId: { type: Schema.Types.ObjectId, required: true },
    dwellingId: { type: Schema.Types.ObjectId, required: true },
    relation: { type: String, required: true, enum: ['owner', 'family', 'tenant'] },
    status: { type: String, required: true, enum: ['active', 'pending', 'rejected', 'revoked', 'suspended'] },
    matched: { type: Boolean, default: false },
    strength: { type: String, default: null },
    reviewReason: { type: String, default: null },
    facts: { type: Schema.Types.Mixed, default: undefined },
    claimedName: String,
    note: String,
    reason: String,
    decidedBy: String,
    decidedAt: Date,
    complexCode: { type: String, required: true },
    areaPath: { type: [String], required: true },
  },
  { timestamps: true, versionKey: false },
);
BindingSchema.index({ userId: 1, dwellingId: 1 }, { unique: true });
BindingSchema.index({ dwellingId: 1, status: 1 });
BindingSchema.index({ complexCode: 1, status: 1 });
refreshOnCreate(BindingSchema, (d) => d.userId);
export const Binding: Model<BindingDoc> = mongoose.models.Binding ?? mongoose.model<BindingDoc>('Binding', BindingSchema, 'bindings');

/** A written entrustment (委托书): the proxy may cast the dwelling's owners' ballot once approved. */
export interface ProxyAuthDoc {
  _id: Types.ObjectId;
  dwellingId: Types.ObjectId;
  proxyUserId: Types.ObjectId;
  registeredBy: string;
  documentFileId: string;
  status: 'pending' | 'approved' | 'rejected' | 'revoked' | 'suspended';
  reason?: string;
  note?: string;
  decidedBy?: string;
  decidedAt?: Date;
  complexCode: string;
  areaPath: string[];
  createdAt: Date;
  updatedAt: Date;
}
const ProxyAuthSchema = new Schema<ProxyAuthDoc>(
  {
    dwellingId: { type: Schema.Types.ObjectId, required: true },
    proxyUserId: { type: Schema.Types.ObjectId, required: true },
    registeredBy: { type: String, required: true },
    documentFileId: { type: String, required: true },
    status: { type: String, required: true, enum: ['pending', 'approved', 'rejected', 'revoked', 'suspended'] },
    reason: String,
    note: String,
    decidedBy: String,
    decidedAt: Date,
    complexCode: { type: String, required: true },
    areaPath: { type: [String], required: true },
  },
  { timestamps: true, versionKey: false },
);
ProxyAuthSchema.index({ dwellingId: 1, proxyUserId: 1 }, { unique: true });
ProxyAuthSchema.index({ proxyUserId: 1, status: 1 });
ProxyAuthSchema.index({ complexCode: 1, status: 1 });
refreshOnCreate(ProxyAuthSchema, (d) => d.proxyUserId);
export const ProxyAuth: Model<ProxyAuthDoc> = mongoose.models.ProxyAuth ?? mongoose.model<ProxyAuthDoc>('ProxyAuth', ProxyAuthSchema, 'proxies');
