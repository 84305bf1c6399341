import { randomBytes } from 'node:crypto';
import { ballotEntryHash, BALLOT_LOG_GENESIS, receiptCodeOf, type BallotLogEntry } from '@gongzhi/shared';
import { AppError } from '../platform/errors';
import { isDuplicateKey } from '../platform/store';
import { LogEntry, type LogEntryDoc } from './ballotModels';
import { logger } from '../platform/logger';
import { pageCompletedBy, writePages } from './logPages';
import { addEntry, catchUp, entryId, getMirror, headOf, type Mirror } from './mirror';

export interface NewEntry {
  type: 'open' | 'cast' | 'paper' | 'resolve' | 'close';
  dwellingId?: string | null;
  headcountKey?: string | null;
  body: Record<string, unknown>;
}

/** What `build` decides on: the log as it will be right before the new entry (earlier entries of the batch included). */
export interface LogView {
  head: LogEntryDoc | null;
  ofDwelling(dwellingId: string): LogEntryDoc[];
}

type Build = (view: LogView) => Promise<NewEntry>;
interface Pending {
  castId: string;
  build: Build;
  resolve: (r: { entry: LogEntryDoc; created: boolean }) => void;
  reject: (e: unknown) => void;
}

const MAX_ATTEMPTS = 400;
const BUDGET_MS = 25_000;
const MAX_BATCH = 64;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const queues = new Map<string, Pending[]>();

/**
 * Appends one entry to a consultation's hash chain, safely under concurrency and without transactions.
 *
 * Inside one process, appends to a consultation go through a queue, and whatever queued up while the previous batch
 * was being written is committed as one batch (group commit): each entry's `build` runs on the head left by the one
 * before it, then the batch is inserted in order with `_id` `<consultation>:<seq>`. So `build` is a check-and-append:
 * rules such as "changes are off and this dwelling has no entry yet" or "the log is not sealed" cannot be raced.
 * Across instances the unique (consultationId, seq) index decides: on a duplicate key the mirror catches up and the
 * entries not written are built again on the new head. The unique castId makes a retried command find its earlier
 * entry rather than append a second one.
 */
export function appendEntry(consultationId: string, castId: string, build: Build): Promise<{ entry: LogEntryDoc; created: boolean }> {
  return new Promise((resolve, reject) => {
    const queue = queues.get(consultationId);
    const p: Pending = { castId, build, resolve, reject };
    if (queue) queue.push(p);
    else {
      queues.set(consultationId, [p]);
      void drain(consultationId);
    }
  });
}

async function drain(consultationId: string) {
  const queue = queues.get(consultationId)!;
  while (queue.length > 0) {
    const batch = queue.splice(0, MAX_BATCH);
    await commit(consultationId, batch).catch((e) => batch.forEach((p) => p.reject(e)));
  }
  queues.delete(consultationId);
}

function view(m: Mirror, built: LogEntryDoc[]): LogView {
  return {
    head: built[built.length - 1] ?? headOf(m),
    ofDwelling: (d) => [...(m.byDwelling.get(d) ?? []), ...built.filter((e) => e.dwellingId === d)],
  };
}

function entryOn(consultationId: string, castId: string, prev: LogEntryDoc | null, next: NewEntry): LogEntryDoc {
  const seq = (prev?.seq ?? 0) + 1;
  const prevHash = prev?.hash ?? BALLOT_LOG_GENESIS;
  // Stored exactly as hashed: a JSON round trip drops undefined members (the driver would store them as null).
  const body = JSON.parse(JSON.stringify({ ...next.body, type: next.type }));
  const salt = randomBytes(16).toString('hex');
  const hash = ballotEntryHash({ consultationId, seq, prevHash, body, salt });
  return {
    consultationId,
    seq,
    prevHash,
    hash,
    salt,
    receiptCode: receiptCodeOf(hash),
    castId,
    type: next.type,
    dwellingId: next.dwellingId ?? null,
    headcountKey: next.headcountKey ?? null,
    body,
  };
}

/** How long after another instance's entry got in the way an append probes for more before it writes. */
const CONTENDED_MS = 10_000;

async function commit(consultationId: string, batch: Pending[]) {
  const started = Date.now();
  let todo = batch;
  const m = await getMirror(consultationId);
  // Another instance's entries are found by the insert itself (a duplicate seq, then a catch-up and a rebuild), so
  // nothing is built on a stale head that could be written. Probing first only pays while instances take turns on
  // this vote; a lone writer would probe a miss before every write.
  if (Date.now() < m.contendedUntil) await catchUp(m);
  for (let attempt = 0; todo.length > 0 && attempt < MAX_ATTEMPTS && Date.now() - started < BUDGET_MS; attempt++) {
    const built: LogEntryDoc[] = [];
    const owners: Pending[] = [];
    const later: Pending[] = [];
    for (const p of todo) {
      const existing = m.byCastId.get(p.castId);
      if (existing) p.resolve({ entry: existing, created: false });
      else if (built.some((e) => e.castId === p.castId))
        later.push(p); // same castId twice at once: it finds the first's entry next round
      else {
        try {
          const next = await p.build(view(m, built));
          built.push(entryOn(consultationId, p.castId, built[built.length - 1] ?? headOf(m), next));
          owners.push(p);
        } catch (e) {
          p.reject(e);
        }
      }
    }
    if (built.length === 0) {
      todo = later;
      continue;
    }
    try {
      // lean: stored exactly as built and hashed (no casting or defaults between the hash and the insert).
      await LogEntry.insertMany(
        built.map((e) => ({ ...e, _id: entryId(consultationId, e.seq) })),
        { ordered: true, lean: true },
      );
      built.forEach((e, i) => {
        addEntry(m, e);
        owners[i].resolve({ entry: e, created: true });
      });
      pageRuns(m, built);
      todo = later;
    } catch (e) {
      if (!isDuplicateKey(e)) throw e;
      // Another instance took a seq: catch up and settle whatever of this batch did get written; the rest is built
      // again on the new head.
      m.contendedUntil = Date.now() + CONTENDED_MS;
      await catchUp(m);
      const unwritten: Pending[] = [];
      built.forEach((b, i) => {
        const found = m.byCastId.get(b.castId);
        if (found) owners[i].resolve({ entry: found, created: found.hash === b.hash });
        else unwritten.push(owners[i]);
      });
      todo = [...unwritten, ...later];
      if (attempt > 2) await sleep(Math.floor(Math.random() * Math.min(50, 5 + attempt * 2)));
    }
  }
  for (const p of todo) p.reject(new AppError(503, 'BALLOT_LOG_BUSY', '投票人数较多，请稍后重试', undefined, { 'Retry-After': '1' }));
}

/** The entry a command with this castId appended, as far as this instance knows (no database read). */
export async function knownEntryByCastId(consultationId: string, castId: string): Promise<LogEntryDoc | null> {
  return (await getMirror(consultationId)).byCastId.get(castId) ?? null;
}

/** The entry a command with this castId appended, if any (mirror, caught up). */
export async function entryByCastId(consultationId: string, castId: string): Promise<LogEntryDoc | null> {
  return (await catchUp(await getMirror(consultationId))).byCastId.get(castId) ?? null;
}

/** Copies each run of entries an append completed into its page (logPages.ts), after the callers have their answer. */
function pageRuns(m: Mirror, built: readonly LogEntryDoc[]) {
  for (const e of built) {
    const page = pageCompletedBy(e.seq);
    if (page === null) continue;
    writePages(m.consultationId, m.entries, page, page).catch((err) =>
      logger.warn({ err, consultationId: m.consultationId, page }, 'paging the ballot log failed (the next reader pages it)'),
    );
  }
}

export const asChainEntry = (e: LogEntryDoc): BallotLogEntry => ({
  consultationId: e.consultationId,
  seq: e.seq,
  prevHash: e.prevHash,
  hash: e.hash,
  body: e.body,
  ...(e.salt ? { salt: e.salt } : {}),
});
