import mongoose, { Schema } from 'mongoose';
import { randomUUID } from 'node:crypto';
import { AppError } from '../platform/errors';

/**
 * A short mutual-exclusion lease per object, taken by inserting `{ _id: name }`.
 *
 * Why not conditional updates: on FerretDB 1.x (SQLite backend) an update reads and rewrites the whole document
 * without isolation, so two concurrent `updateOne({status:'scheduled'}, …)` both "win" and concurrent writes to
 * different fields of one document lose each other. A unique-key insert is the one write that stays atomic
 * there (and on MongoDB), so every writer of a notice document holds this lock while it reads and writes it.
 */
const LockSchema = new Schema({ _id: String, owner: String, until: Date }, { versionKey: false });
export const NoticeLock = mongoose.models.NoticeLock ?? mongoose.model('NoticeLock', LockSchema, 'notice_locks');

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class LockBusyError extends AppError {
  constructor() { super(409, 'NOTICE_BUSY', '该公告正在被处理，请稍后重试', undefined, { 'Retry-After': '1' }); }
}

export async function withLock<T>(name: string, fn: () => Promise<T>, opts: { leaseMs?: number; waitMs?: number } = {}): Promise<T> {
  const owner = randomUUID();
  const leaseMs = opts.leaseMs ?? 30_000;
  const deadline = Date.now() + (opts.waitMs ?? 5000);
  for (;;) {
    try {
      await NoticeLock.create({ _id: name, owner, until: new Date(Date.now() + leaseMs) });
      break;
    } catch (e: any) {
      if (e?.code !== 11000) throw e;
      // A holder that died leaves an expired lease: remove it and race for the insert again.
      await NoticeLock.deleteOne({ _id: name, until: { $lt: new Date() } });
      if (Date.now() >= deadline) throw new LockBusyError();
      await sleep(10 + Math.random() * 30);
    }
  }
  try {
    return await fn();
  } finally {
    await NoticeLock.deleteOne({ _id: name, owner }).catch(() => undefined);
  }
}

export const noticeLock = (id: unknown) => `notice:${String(id)}`;
