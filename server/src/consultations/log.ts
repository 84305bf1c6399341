import { ballotEntryHash, BALLOT_LOG_GENESIS, receiptCodeOf, type BallotLogEntry } from '@gongzhi/shared';
import { AppError } from '../platform/errors';
import { LogEntry, type LogEntryDoc } from './ballotModels';

export interface NewEntry {
  type: 'open' | 'cast' | 'paper' | 'resolve' | 'close';
  dwellingId?: string | null;
  headcountKey?: string | null;
  body: Record<string, unknown>;
}

const MAX_ATTEMPTS = 400;
const BUDGET_MS = 25_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function logHead(consultationId: string): Promise<LogEntryDoc | null> {
  return LogEntry.findOne({ consultationId }).sort({ seq: -1 }).lean();
}

/**
 * Appends one entry to a consultation's hash chain, safely under concurrency and without transactions.
 *
 * Read the head (highest seq), let `build` decide on top of it, insert with seq = head.seq + 1 and
 * prevHash = head.hash. The unique (consultationId, seq) index lets exactly one of several concurrent appends win;
 * a loser gets a duplicate-key error, re-reads the head and runs `build` again, which re-checks its rules against a
 * log that now contains the winner's entry. So `build` runs as a check-and-append under an optimistic lock over the
 * whole log: rules such as "changes are off and this dwelling has no entry yet" or "the log is not sealed" cannot be
 * raced. The unique (consultationId, castId) index makes a retried command find its earlier entry rather than append
 * a second one. Losers back off with jitter so a burst converges.
 */
export async function appendEntry(
  consultationId: string,
  castId: string,
  build: (head: LogEntryDoc | null) => Promise<NewEntry>,
): Promise<{ entry: LogEntryDoc; created: boolean }> {
  const existing = await LogEntry.findOne({ consultationId, castId }).lean();
  if (existing) return { entry: existing, created: false };
  const started = Date.now();
  for (let attempt = 0; attempt < MAX_ATTEMPTS && Date.now() - started < BUDGET_MS; attempt++) {
    const head = await logHead(consultationId);
    const next = await build(head);
    const seq = (head?.seq ?? 0) + 1;
    const prevHash = head?.hash ?? BALLOT_LOG_GENESIS;
    // Stored exactly as hashed: a JSON round trip drops undefined members (the driver would store them as null).
    const body = JSON.parse(JSON.stringify({ ...next.body, type: next.type }));
    const hash = ballotEntryHash({ consultationId, seq, prevHash, body });
    const doc: LogEntryDoc = {
      consultationId, seq, prevHash, hash, receiptCode: receiptCodeOf(hash), castId, type: next.type,
      dwellingId: next.dwellingId ?? null, headcountKey: next.headcountKey ?? null, body,
    };
    try {
      await LogEntry.collection.insertOne({ ...doc });
      return { entry: doc, created: true };
    } catch (e: any) {
      if (e?.code !== 11000) throw e;
      const mine = await LogEntry.findOne({ consultationId, castId }).lean();
      if (mine) return { entry: mine, created: false };
      await sleep(Math.floor(Math.random() * Math.min(50, 5 + attempt * 2)));
    }
  }
  throw new AppError(503, 'BALLOT_LOG_BUSY', '投票人数较多，请稍后重试', undefined, { 'Retry-After': '1' });
}

export async function loadLog(consultationId: string): Promise<LogEntryDoc[]> {
  return LogEntry.find({ consultationId }).sort({ seq: 1 }).lean();
}

export const asChainEntry = (e: LogEntryDoc): BallotLogEntry => ({
  consultationId: e.consultationId, seq: e.seq, prevHash: e.prevHash, hash: e.hash, body: e.body,
});
