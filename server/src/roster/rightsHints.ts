import { randomUUID } from 'node:crypto';
import mongoose, { Schema, type Model, type Types } from 'mongoose';

/*
 * Rights documents (`user_dwellings`, rights.ts) are kept on write: every binding or proxy write refreshes its user's
 * document right after. A writer that dies in between must not leave the document stale for good (a revoked owner
 * still voting), so each writer first inserts a hint of its own, `<userId>:<random>`, and deletes it after its
 * refresh. The repair job (rightsRepair.ts) refreshes the users of hints older than a grace period. Only writers in
 * flight or dead leave rows here, so the job's read of the whole collection stays cheap at any roster size; before
 * this, the job filtered `bindings` by time every minute and readers rechecked documents older than an hour, each
 * a scan of the bindings on FerretDB (3 s a user at 10,000 dwellings).
 */
export interface RightsHintDoc {
  _id: string;
  userId: string;
  at: Date;
}
const RightsHintSchema = new Schema<RightsHintDoc>({ _id: String, userId: String, at: Date }, { versionKey: false });
export const RightsHint: Model<RightsHintDoc> = mongoose.models.RightsHint ?? mongoose.model<RightsHintDoc>('RightsHint', RightsHintSchema, 'rights_pending');

/** Before a binding or proxy write: one hint per user, returned for `refreshUserDwellings` to delete after it. */
export async function markRightsPending(userIds: readonly (string | Types.ObjectId)[]): Promise<string[]> {
  const at = new Date();
  const docs = [...new Set(userIds.map(String))].map((userId) => ({ _id: `${userId}:${randomUUID()}`, userId, at }));
  if (docs.length > 0) await RightsHint.insertMany(docs, { lean: true });
  return docs.map((d) => d._id);
}

/** After the refresh that covers the write: only the writer's own hints (another writer's may still be in flight). */
export async function clearRightsHints(ids: readonly string[]) {
  await Promise.all(ids.map((_id) => RightsHint.deleteOne({ _id })));
}

/** Hints whose writer should have refreshed by now (it died, or its refresh failed). */
export async function staleRightsHints(before: Date): Promise<RightsHintDoc[]> {
  return (await RightsHint.find({}).lean<RightsHintDoc[]>()).filter((h) => h.at < before);
}
