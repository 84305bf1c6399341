import mongoose, { Schema } from 'mongoose';
import { randomUUID } from 'node:crypto';
import { logger } from './logger';
import { insertOnce, tryInsert } from './store';
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
    // The key since issue 18 (an ObjectId in entries queued before): Mixed, so neither kind is cast into the other.
    _id: { type: Schema.Types.Mixed, required: true },
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

/**
 * What the poll reads (issue 18): one row per entry still pending, `_id` = the entry's key. The outbox itself keeps
 * every entry ever queued (a done key must stay done: enqueueing it again is a no-op), so it grows with every push,
 * one row per recipient; filtering it for pending entries every second was a scan of all of that on FerretDB. A row
 * here is written before its entry and removed once the entry is done or failed for good; the poll re-reads the
 * entry by `_id` and acts on its status, so a row left by a crash only costs one read before it goes.
 */
const PendingSchema = new Schema({ _id: String, runAfter: Date }, { versionKey: false });
export const OutboxPending = mongoose.models.OutboxPending ?? mongoose.model('OutboxPending', PendingSchema, 'outbox_pending');
const PENDING_MARKER = '#pending-v1';

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

/**
 * Enqueues a side effect once per key (a unique insert with `_id` = key; the unique `key` index also catches entries
 * written before `_id` was the key); returns false when it was already there.
 */
export async function enqueue(key: string, type: string, payload: unknown, runAfter = new Date()): Promise<boolean> {
  const hinted = await tryInsert(OutboxPending, { _id: key, runAfter });
  const inserted = await tryInsert(Outbox, { _id: key, key, type, payload, status: 'pending', attempts: 0, runAfter });
  // Queued before (maybe long done): take back the row we just added, unless that entry is still waiting.
  if (!inserted && hinted && (await entryByKey(key))?.status !== 'pending') await OutboxPending.deleteOne({ _id: key });
  return inserted;
}

/** By `_id`; entries queued before `_id` was the key are found by their key (a scan, only for those). */
async function entryByKey(key: string) {
  return (await Outbox.findById(key).lean()) ?? (await Outbox.findOne({ key }).lean());
}

let pendingConverted: Promise<void> | null = null;
/** Pending entries queued before `outbox_pending` existed get their rows once per database (one scan, then a marker). */
function ensurePendingRows(): Promise<void> {
  pendingConverted ??= (async () => {
    if (await OutboxPending.exists({ _id: PENDING_MARKER })) return;
    for (const e of await Outbox.find({ status: 'pending' }).select('key runAfter').lean())
      await tryInsert(OutboxPending, { _id: e.key, runAfter: e.runAfter });
    await tryInsert(OutboxPending, { _id: PENDING_MARKER, runAfter: new Date(8.64e15) });
  })().catch((e) => {
    pendingConverted = null;
    throw e;
  });
  return pendingConverted;
}

const ClaimSchema = new Schema({ _id: String, owner: String, at: Date }, { versionKey: false });
export const OutboxClaim = mongoose.models.OutboxClaim ?? mongoose.model('OutboxClaim', ClaimSchema, 'outbox_claims');
const CLAIM_WINDOW_MS = 30_000;

/**
 * Claims a due entry by inserting `<entryId>:<attempt>:<window>`: only one instance wins an attempt in a window, and an
 * entry whose owner died is claimable again in the next window.
 */
/**
 * Entries this process is handling right now. A claim expires with its 30 s window so that another instance can take
 * over from a dead owner; without this, a handler slower than that (a notice fan-out scanning a 10,000-dwelling
 * audience on a busy FerretDB) was claimed again by this same process every window, each copy adding another scan
 * behind the last: 71 concurrent audience counts in one bench run, each waiting up to 5 minutes.
 */
const inFlight = new Set<string>();

async function claimNext(now: Date) {
  await ensurePendingRows();
  const due = (await OutboxPending.find({}).lean())
    .filter((p) => p.runAfter <= now)
    .sort((a, b) => a.runAfter.getTime() - b.runAfter.getTime())
    .slice(0, 10);
  for (const p of due) {
    const e = await claim(p._id, now);
    if (e) return e;
  }
  return null;
}

/** Claims one pending entry by its key if it is due and nobody holds it (by `_id` reads and one claim insert). */
async function claim(key: string, now: Date) {
  if (inFlight.has(key)) return null;
  const e = await entryByKey(key);
  if (!e || e.status !== 'pending') {
    await OutboxPending.deleteOne({ _id: key }); // done meanwhile, or a row whose enqueue died before its entry
    return null;
  }
  if (e.runAfter > now) {
    await OutboxPending.updateOne({ _id: key }, { $set: { runAfter: e.runAfter } });
    return null;
  }
  const window = Math.floor(now.getTime() / CLAIM_WINDOW_MS);
  if (inFlight.has(key)) return null; // taken by a concurrent drain of this process meanwhile
  if (!(await tryInsert(OutboxClaim, { _id: `${e._id}:${e.attempts}:${window}`, owner: instanceId, at: now }))) return null;
  inFlight.add(key); // released by run() when the handler ends
  const attempts = e.attempts + 1;
  await Outbox.updateOne({ _id: e._id }, { $set: { attempts } });
  return { ...e, attempts };
}

/** Processes due outbox entries (due by `at`, default now: tests pass a later time); failures back off exponentially and give up after 8 attempts. */
export async function drainOutbox(max = 50, at?: Date) {
  for (let i = 0; i < max; i++) {
    const e = await claimNext(at ?? new Date());
    if (!e) return;
    await run(e);
  }
}

type Claimed = NonNullable<Awaited<ReturnType<typeof claim>>>;

async function run(e: Claimed) {
  const h = handlers.get(e.type);
  try {
    if (!h) throw new Error(`no handler for ${e.type}`);
    await h(e.payload, { key: e.key, attempts: e.attempts });
    await Outbox.updateOne({ _id: e._id }, { $set: { status: 'done', doneAt: new Date() } });
    await OutboxPending.deleteOne({ _id: e.key });
  } catch (err) {
    const failed = e.attempts >= 8;
    const runAfter = new Date(Date.now() + Math.min(60_000, 500 * 2 ** e.attempts));
    await Outbox.updateOne({ _id: e._id }, { $set: { status: failed ? 'failed' : 'pending', lastError: messageOf(err).slice(0, 500), runAfter } });
    if (failed) await OutboxPending.deleteOne({ _id: e.key });
    else await OutboxPending.updateOne({ _id: e.key }, { $set: { runAfter } });
    logger.warn({ type: e.type, key: e.key, attempts: e.attempts, err: messageOf(err) }, 'outbox entry failed');
  } finally {
    inFlight.delete(e.key);
  }
}

/**
 * Runs one just-queued entry now in this process instead of at the next poll (a vote's announcement right after its
 * close), when this instance runs jobs; the usual claim decides, so it still runs once. Never throws.
 */
export function runSoon(key: string) {
  if (timers.length === 0) return;
  void guarded(async () => {
    const e = await claim(key, new Date());
    if (e) await run(e);
  });
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
