import mongoose, { Schema, type Model } from 'mongoose';
import { randomUUID } from 'node:crypto';
import { conflict } from '../platform/errors';

/**
 * A short mutual-exclusion lock per object (project, pledge, rating), held by a unique `_id`.
 * Why: FerretDB 1.24 (tests/CI) applies updates as read-modify-write without isolation — two concurrent
 * conditional updates on one document can both "match", and concurrent `$inc`/`$push` lose writes — while a unique
 * index does reject the second insert. Serializing the writers of one object makes the same code correct on MongoDB
 * and FerretDB, across instances. A lock left by a dead process expires after `ttlMs`.
 */
interface LockDoc { _id: string; owner: string; until: Date }
const LockSchema = new Schema<LockDoc>({ _id: String, owner: String, until: Date }, { versionKey: false });
export const ObjectLock: Model<LockDoc> = mongoose.models.ObjectLock ?? mongoose.model<LockDoc>('ObjectLock', LockSchema, 'object_locks');

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function withLock<T>(key: string, fn: () => Promise<T>, opts: { ttlMs?: number; waitMs?: number } = {}): Promise<T> {
  const owner = randomUUID();
  const ttl = opts.ttlMs ?? 15_000;
  const deadline = Date.now() + (opts.waitMs ?? 5_000);
  for (let delay = 5; ; delay = Math.min(delay * 2, 100)) {
    try {
      await ObjectLock.create({ _id: key, owner, until: new Date(Date.now() + ttl) });
      break;
    } catch (e: any) {
      if (e?.code !== 11000) throw e;
      await ObjectLock.deleteOne({ _id: key, until: { $lt: new Date() } }); // a holder that died
      if (Date.now() > deadline) throw conflict('BUSY', '该记录正被他人修改，请稍后重试');
      await sleep(delay + Math.random() * delay);
    }
  }
  try {
    return await fn();
  } finally {
    await ObjectLock.deleteOne({ _id: key, owner }).catch(() => undefined);
  }
}
