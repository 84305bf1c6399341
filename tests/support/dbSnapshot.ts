import { createHash } from 'node:crypto';
import mongoose from 'mongoose';
import { drainOutbox } from '../../server/src/platform/jobs';

/**
 * A fingerprint of every document in the test database (count and hash per collection), to prove that a refused
 * request wrote nothing. Collections that record *attempts* rather than state are left out by name.
 */
export type DbSnapshot = Map<string, { count: number; hash: string }>;

/**
 * Left out: rate-limit hits (one per attempt, refused or not), job leases and outbox claims (the scheduler's own
 * bookkeeping), `user_dwellings` (a cache of bindings, refreshed on read), the per-area lists of consultations and
 * projects, the claim picker's directory of complexes, the notice feed index and per-notice counts (built from the
 * collections on first read or by a job; the read marks themselves are compared, so a refused read is still caught).
 */
export const ATTEMPT_COLLECTIONS = new Set([
  'rate_hits',
  'leases',
  'outbox_claims',
  'user_dwellings',
  'consultation_listings',
  'project_listings',
  'area_directory',
  'notice_feed_index',
  'notice_stats',
  // Hints of timed or crash-repair work (dueWork.ts, rightsHints.ts): written before a guarded write that may then be
  // refused, and removed by the job that finds nothing to do; never something a caller sees.
  'notice_due',
  'consultation_due',
  'rights_pending',
]);
/** The outbox counts by key: a new entry is a side effect, a worker marking one done is not. */
const PROJECTIONS: Record<string, Record<string, 1>> = { outbox: { key: 1 } };

export async function snapshotDb(ignore: ReadonlySet<string> = ATTEMPT_COLLECTIONS): Promise<DbSnapshot> {
  const db = mongoose.connection.db!;
  const names = (await db.listCollections({}, { nameOnly: true }).toArray())
    .map((c) => c.name)
    .filter((n) => !ignore.has(n))
    .sort();
  const out: DbSnapshot = new Map();
  await Promise.all(
    names.map(async (name) => {
      const docs = await db.collection(name).find({}, { projection: PROJECTIONS[name] }).sort({ _id: 1 }).toArray();
      out.set(name, { count: docs.length, hash: createHash('sha1').update(JSON.stringify(docs)).digest('hex') });
    }),
  );
  return out;
}

/** Collections that differ, e.g. `notices: 3 → 4 documents` or `projects: changed`. */
export function diffSnapshots(before: DbSnapshot, after: DbSnapshot, ignore: ReadonlySet<string> = new Set()): string[] {
  const out: string[] = [];
  for (const name of new Set([...before.keys(), ...after.keys()])) {
    if (ignore.has(name)) continue;
    const a = before.get(name) ?? { count: 0, hash: '' };
    const b = after.get(name) ?? { count: 0, hash: '' };
    if (a.count !== b.count) out.push(`${name}: ${a.count} → ${b.count} documents`);
    else if (a.hash !== b.hash) out.push(`${name}: changed`);
  }
  return out;
}

/**
 * Waits until the outbox has no work left (fan-outs, announcements), so background writes don't look like ours.
 * Entries scheduled for later (safety nets such as projects' delayed notice re-check) are made due now, in the outbox
 * and in the poll's `outbox_pending` rows (the poll reads only those): their handlers are idempotent, and running them
 * here keeps them from firing in the middle of a probe. The server runs in this process, so the due work is drained
 * here at once instead of at the job timer's next tick; the count still waits for what that timer already claimed.
 */
export async function settleJobs(timeoutMs = 15_000) {
  const db = mongoose.connection.db!;
  const outbox = db.collection('outbox');
  const now = new Date();
  await outbox.updateMany({ status: 'pending', attempts: 0, runAfter: { $gt: now } }, { $set: { runAfter: now } });
  await db.collection<{ _id: string; runAfter: Date }>('outbox_pending').updateMany({ runAfter: { $gt: now } }, { $set: { runAfter: now } });
  const end = Date.now() + timeoutMs;
  for (let quiet = 0; quiet < 2;) {
    await drainOutbox();
    const due = await outbox.countDocuments({ status: 'pending', runAfter: { $lte: new Date() } });
    quiet = due ? 0 : quiet + 1;
    if (Date.now() > end) throw new Error(`background jobs did not settle: ${due} outbox entries due`);
    await new Promise((r) => setTimeout(r, due ? 50 : 20));
  }
}
