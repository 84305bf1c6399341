import mongoose, { Schema } from 'mongoose';
import { randomUUID } from 'node:crypto';
import { logger } from './logger';
import { ignoreDuplicate, insertOnce, tryInsert } from './store';
import { messageOf } from './errors';

/**
 * Two tools for "exactly once across instances":
 * - leased periodic jobs: one instance at a time holds a named lease and runs the tick;
 * - the outbox: each side effect has a unique key, so enqueueing twice is a no-op, and a claimed
 *   entry is retried by another instance if its owner dies before marking it done.
 * The work itself must still be idempotent (conditional state updates), which is what makes it exactly once.
 */
const LeaseSchema = new Schema({ _id: String, owner: String, until: Date }, { versionKey: false });
LeaseSchema.index({ until: 1 });
export const Lease = mongoose.models.Lease ?? mongoose.model('Lease', LeaseSchema, 'leases');

const OutboxSchema = new Schema(
  {
    key: { type: String, required: true, unique: true },
    type: { type: String, required: true },
    payload: { type: Schema.Types.Mixed, default: {} },
    status: { type: String, enum: ['pending', 'done', 'failed'], default: 'pending' },
    attempts: { type: Number, default: 0 },
    runAfter: { type: Date, default: () => new Date() },
    lastError: String,
    doneAt: Date,
  },
  { timestamps: true, versionKey: false },
);
OutboxSchema.index({ status: 1, runAfter: 1 });
export const Outbox = mongoose.models.Outbox ?? mongoose.model('Outbox', OutboxSchema, 'outbox');

export const instanceId = randomUUID();

/**
 * A lease is one time slot of `ms`: the instance whose insert of `<name>:<slot>` succeeds holds it for that slot.
 * An insert against a unique index is atomic on MongoDB and FerretDB alike (see locks.ts for why updates are not).
 */
export async function acquireLease(name: string, ms: number, owner: string = instanceId): Promise<boolean> {
  const slot = Math.floor(Date.now() / ms);
  const id = `${name}:${slot}`;
  const r = await insertOnce(Lease, { _id: id, owner, until: new Date((slot + 1) * ms) });
  return r.inserted || r.existing?.owner === owner;
}

type Handler = (payload: unknown, entry: { key: string; attempts: number }) => Promise<void>;
const handlers = new Map<string, Handler>();
const periodic: { name: string; everyMs: number; fn: () => Promise<void> }[] = [];

/** `P` is what `enqueue` was given for this type: the one producer and its handler live in the same domain. */
export function registerOutboxHandler<P>(type: string, fn: (payload: P, entry: { key: string; attempts: number }) => Promise<void>) {
  handlers.set(type, fn as Handler);
}
export function registerPeriodicJob(name: string, everyMs: number, fn: () => Promise<void>) {
  if (!periodic.some((p) => p.name === name)) periodic.push({ name, everyMs, fn });
}

export interface PeriodicJob {
  name: string;
  everyMs: number;
  fn: () => Promise<void>;
}
export interface OutboxJob {
  type: string;
  fn: Handler;
}
/** A domain's background work, declared in `<domain>/jobs.ts`; the composition root (server/src/app.ts) registers it. */
export interface DomainJobs {
  periodic?: PeriodicJob[];
  outbox?: OutboxJob[];
}
/** An outbox handler for a `DomainJobs` list; `P` is what `enqueue` was given for this type. */
export const outboxJob = <P>(type: string, fn: (payload: P, entry: { key: string; attempts: number }) => Promise<void>): OutboxJob => ({
  type,
  fn: fn as Handler,
});
/** Registers every domain's jobs (idempotent: a periodic job is kept once per name, a handler once per type). */
export function registerJobs(domains: DomainJobs[]) {
  for (const d of domains) {
    for (const p of d.periodic ?? []) registerPeriodicJob(p.name, p.everyMs, p.fn);
    for (const o of d.outbox ?? []) handlers.set(o.type, o.fn);
  }
}

/** Enqueues a side effect once per key; returns false when it was already there. */
export async function enqueue(key: string, type: string, payload: unknown, runAfter = new Date()): Promise<boolean> {
  const r = await Outbox.updateOne({ key }, { $setOnInsert: { key, type, payload, status: 'pending', attempts: 0, runAfter } }, { upsert: true }).catch(
    ignoreDuplicate({ upsertedCount: 0 }),
  );
  return r.upsertedCount === 1;
}

const ClaimSchema = new Schema({ _id: String, owner: String, at: Date }, { versionKey: false });
export const OutboxClaim = mongoose.models.OutboxClaim ?? mongoose.model('OutboxClaim', ClaimSchema, 'outbox_claims');
const CLAIM_WINDOW_MS = 30_000;

/**
 * Claims a due entry by inserting `<entryId>:<attempt>:<window>`: only one instance wins an attempt in a window, and an
 * entry whose owner died is claimable again in the next window.
 */
async function claimNext() {
  const now = new Date();
  const due = await Outbox.find({ status: 'pending', runAfter: { $lte: now } })
    .sort({ runAfter: 1 })
    .limit(10)
    .lean();
  for (const e of due) {
    const window = Math.floor(now.getTime() / CLAIM_WINDOW_MS);
    if (!(await tryInsert(OutboxClaim, { _id: `${e._id}:${e.attempts}:${window}`, owner: instanceId, at: now }))) continue;
    const attempts = e.attempts + 1;
    await Outbox.updateOne({ _id: e._id }, { $set: { attempts } });
    return { ...e, attempts };
  }
  return null;
}

/** Processes due outbox entries; failures back off exponentially and give up after 8 attempts. */
export async function drainOutbox(max = 50) {
  for (let i = 0; i < max; i++) {
    const e = await claimNext();
    if (!e) return;
    const h = handlers.get(e.type);
    try {
      if (!h) throw new Error(`no handler for ${e.type}`);
      await h(e.payload, { key: e.key, attempts: e.attempts });
      await Outbox.updateOne({ _id: e._id }, { $set: { status: 'done', doneAt: new Date() } });
    } catch (err) {
      const failed = e.attempts >= 8;
      const delay = Math.min(60_000, 500 * 2 ** e.attempts);
      await Outbox.updateOne(
        { _id: e._id },
        {
          $set: { status: failed ? 'failed' : 'pending', lastError: messageOf(err).slice(0, 500), runAfter: new Date(Date.now() + delay) },
        },
      );
      logger.warn({ type: e.type, key: e.key, attempts: e.attempts, err: messageOf(err) }, 'outbox entry failed');
    }
  }
}

let timers: NodeJS.Timeout[] = [];
let running = 0;

async function guarded(fn: () => Promise<void>) {
  running++;
  try {
    await fn();
  } catch (err) {
    logger.warn({ err: messageOf(err) }, 'job tick failed');
  } finally {
    running--;
  }
}

export function startJobs(tickMs = 1000) {
  stopJobs();
  timers.push(setInterval(() => guarded(() => drainOutbox()), tickMs));
  for (const p of periodic) {
    timers.push(
      setInterval(
        () =>
          guarded(async () => {
            if (await acquireLease(`job:${p.name}`, Math.max(p.everyMs * 3, 5000))) await p.fn();
          }),
        p.everyMs,
      ),
    );
  }
}

export async function stopJobs() {
  for (const t of timers) clearInterval(t);
  timers = [];
  while (running > 0) await new Promise((r) => setTimeout(r, 20));
}

/** Old lease slots and claims are history; keep a day of them for debugging. */
export async function purgeJobHistory() {
  const dayAgo = new Date(Date.now() - 24 * 3600_000);
  await Lease.deleteMany({ until: { $lt: dayAgo } });
  await OutboxClaim.deleteMany({ at: { $lt: dayAgo } });
}
