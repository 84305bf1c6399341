import { countersFromBallots, replayBallots, type CounterRow } from '@gongzhi/shared';
import type { ElectorateMemberDoc } from './ballotModels';
import { frozenElectorate } from './electorateSnapshot';
import { currentMirror } from './mirror';

/**
 * Live counts and participation of a vote computed in memory from the mirrored log (caught up with the database by
 * `_id` probes) and the frozen electorate (immutable once open, read once per process): a tally or participation
 * read is then one `{_id}` probe instead of scans of the delta rows, the ballots and the electorate. The counts are
 * the log's own (the same shared rules close and the verifier use), so they cannot run ahead of or behind the log.
 * Verification, recount and close do not use this: they compare what is stored.
 */
export interface VoteCounts {
  counters: Map<string, CounterRow>;
  voted: Set<string>;
  /** The electorate in building / entrance / floor / room order. */
  members: ElectorateMemberDoc[];
}

const IDLE_MS = 5 * 60_000;
interface Cached {
  usedAt: number;
  members: Promise<ElectorateMemberDoc[]>;
  byDwelling: Promise<Map<string, ElectorateMemberDoc>>;
  seen: number;
  counts: VoteCounts | null;
}
const cache = new Map<string, Cached>();
/** Frees the counts of votes nobody read lately; a later read loads the electorate again. */
export function evictIdleTallies(now = Date.now()) {
  for (const [id, c] of cache) if (now - c.usedAt > IDLE_MS) cache.delete(id);
}
setInterval(() => evictIdleTallies(), 60_000).unref();

const cmp = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);
const sorted = (rows: ElectorateMemberDoc[]) =>
  rows.sort((a, b) => cmp(a.buildingCode, b.buildingCode) || cmp(a.entranceCode, b.entranceCode) || cmp(a.floor, b.floor) || cmp(a.room, b.room));

function entryFor(consultationId: string): Cached {
  let c = cache.get(consultationId);
  if (!c) {
    const members = frozenElectorate(consultationId).then(sorted);
    c = { usedAt: 0, members, byDwelling: members.then((ms) => new Map(ms.map((m) => [m.dwellingId, m]))), seen: -1, counts: null };
    cache.set(consultationId, c);
    members.catch(() => cache.delete(consultationId));
  }
  c.usedAt = Date.now();
  return c;
}

/**
 * One dwelling of an opened vote's frozen electorate, or null when it is not in it: from the digest-checked copy this
 * process holds for the tally, so casting, paper ballots and lists use the electorate the log froze (a row edited in
 * `consultation_electorate` afterwards changes nothing; verification reports a copy that differs from the digest).
 */
export async function frozenMember(consultationId: string, dwellingId: string): Promise<ElectorateMemberDoc | null> {
  return (await entryFor(consultationId).byDwelling).get(dwellingId) ?? null;
}

/** Counts as of the log now; recomputed only when the log has grown since the last read. Only for opened votes. */
export async function voteCounts(consultationId: string): Promise<VoteCounts> {
  const c = entryFor(consultationId);
  const [m, members] = await Promise.all([currentMirror(consultationId), c.members]);
  if (c.counts && c.seen === m.entries.length) return c.counts;
  const seen = m.entries.length;
  const byDwelling = new Map(members.map((x) => [x.dwellingId, x]));
  const ballots = replayBallots(m.entries.slice(0, seen)).ballots;
  const counts = { counters: countersFromBallots(ballots, (d) => byDwelling.get(d)), voted: new Set(ballots.map((b) => b.dwellingId)), members };
  if (seen >= c.seen) {
    c.seen = seen;
    c.counts = counts;
  }
  return counts;
}
