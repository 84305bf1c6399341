import mongoose, { Schema } from 'mongoose';
import { randomUUID } from 'node:crypto';
import { AppError } from './errors';
import { tryInsert } from './store';

/*
 * Why this module exists: on FerretDB 1.x (SQLite backend) an update reads and rewrites the whole document without
 * isolation — concurrent `$inc`s lose increments and two conditional `updateOne({status:'scheduled'})` calls can both
 * "win" (measured here: 50 concurrent $inc on one document left it at 2). On MongoDB these are atomic. The one write
 * that is atomic on both is an insert against a unique index, so cross-instance exclusion is built on that, and
 * hot counters are additionally serialized inside the process.
 */

const LockSchema = new Schema({ _id: String, owner: String, until: Date }, { versionKey: false });
export const Lock = mongoose.models.Lock ?? mongoose.model('Lock', LockSchema, 'locks');

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class LockBusyError extends AppError {
  constructor(code = 'BUSY', message = '对象正在被处理，请稍后重试') {
    super(409, code, message, undefined, { 'Retry-After': '1' });
  }
}

/** Cross-instance mutual exclusion for one named object, by inserting `{ _id: name }`; expired holders are evicted. */
export async function withLock<T>(name: string, fn: () => Promise<T>, opts: { leaseMs?: number; waitMs?: number; busy?: () => Error } = {}): Promise<T> {
  const owner = randomUUID();
  const leaseMs = opts.leaseMs ?? 30_000;
  const deadline = Date.now() + (opts.waitMs ?? 5000);
  for (;;) {
    if (await tryInsert(Lock, { _id: name, owner, until: new Date(Date.now() + leaseMs) })) break;
    await Lock.deleteOne({ _id: name, until: { $lt: new Date() } });
    if (Date.now() >= deadline) throw opts.busy ? opts.busy() : new LockBusyError();
    await sleep(10 + Math.random() * 30);
  }
  try {
    return await fn();
  } finally {
    await Lock.deleteOne({ _id: name, owner }).catch(() => undefined);
  }
}

/**
 * A stored summary (one `{_id}` read) rebuilt when missing: one caller rebuilds and stores it under the lock `name`
 * while the others wait; a caller still refused after `waitMs` answers from a fresh rebuild and stores nothing.
 */
export async function readThrough<T>(
  name: string,
  io: { read: () => Promise<T | null>; rebuild: () => Promise<T>; store: (value: T) => Promise<unknown> },
  waitMs = 2000,
): Promise<T> {
  const stored = await io.read();
  if (stored !== null) return stored;
  // Callers of this process share one rebuild: a burst of first reads must not poll the lock one by one.
  let p = rebuilding.get(name) as Promise<T> | undefined;
  if (!p) {
    p = rebuildUnderLock(name, io, waitMs).finally(() => rebuilding.delete(name));
    rebuilding.set(name, p);
  }
  return p;
}
const rebuilding = new Map<string, Promise<unknown>>();

async function rebuildUnderLock<T>(
  name: string,
  io: { read: () => Promise<T | null>; rebuild: () => Promise<T>; store: (value: T) => Promise<unknown> },
  waitMs: number,
): Promise<T> {
  try {
    return await withLock(
      name,
      async () => {
        const again = await io.read();
        if (again !== null) return again;
        const value = await io.rebuild();
        await io.store(value);
        return value;
      },
      { waitMs },
    );
  } catch (e) {
    if (!(e instanceof LockBusyError)) throw e;
    return io.rebuild(); // a writer is on it: answer from the source, store nothing
  }
}

const queues = new Map<string, Promise<unknown>>();

/**
 * Runs `fn` after every earlier call with the same key in this process has finished. Used for hot counters so that
 * read-modify-write databases do not lose increments; across instances a reconcile (recount) repairs any drift.
 */
export function serialized<T>(key: string, fn: () => Promise<T>): Promise<T> {
  const prev = queues.get(key) ?? Promise.resolve();
  const run = prev.then(fn, fn);
  const tail = run.catch(() => undefined);
  queues.set(key, tail);
  void tail.then(() => {
    if (queues.get(key) === tail) queues.delete(key);
  });
  return run;
}
