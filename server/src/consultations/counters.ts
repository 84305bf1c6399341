import { answerCounterKeys as answerKeys, ballotKey, replayBallots, type EffectiveBallot } from '@gongzhi/shared';
import type { LogEntryDoc } from './ballotModels';
import { ElectorateMember, type ElectorateMemberDoc } from './ballotModels';
import { catchUp, currentMirror, getMirror } from './mirror';
import { TallyDelta, type TallyDeltaDoc } from './tallyModels';
import { isDuplicateKey } from '../platform/store';

type Row = Omit<TallyDeltaDoc, 'consultationId' | 'seq'>;

/**
 * What one log entry changes in the live counts, computed from the log alone: the state of the entry's headcount
 * group before it (replay of the group's earlier entries) against the state after it. A dwelling's first answer to a
 * question adds its area; the group's first answer adds one head (one owner of several dwellings, or all
 * developer-held units, counts once); a changed answer moves the dwelling from the old choice keys to the new.
 * Deterministic, so whoever computes it (the request, a retry, a repair) writes the same rows.
 */
export function entryDeltas(groupBefore: readonly LogEntryDoc[], entry: LogEntryDoc, areaOf: (dwellingId: string) => number): Row[] {
  const before = replayBallots(groupBefore).ballots;
  const all = replayBallots([...groupBefore, entry]).ballots;
  const after = all.filter((b) => b.seq === entry.seq);
  // An upheld dispute removes a ballot (or brings back an earlier one): that is a change too.
  const wasSeq = new Map(before.map((b) => [ballotKey(b.questionId, b.dwellingId), b.seq]));
  const now = new Set(all.map((b) => ballotKey(b.questionId, b.dwellingId)));
  const reverted = all.filter(
    (b) => b.seq !== entry.seq && wasSeq.has(ballotKey(b.questionId, b.dwellingId)) && wasSeq.get(ballotKey(b.questionId, b.dwellingId)) !== b.seq,
  );
  const removed = before.filter((b) => !now.has(ballotKey(b.questionId, b.dwellingId)));
  return diffRows(before, [...after, ...reverted], areaOf, removed, all);
}

function diffRows(
  before: readonly EffectiveBallot[],
  changed: readonly EffectiveBallot[],
  areaOf: (dwellingId: string) => number,
  removed: readonly EffectiveBallot[] = [],
  after: readonly EffectiveBallot[] = [],
): Row[] {
  const old = new Map(before.map((b) => [ballotKey(b.questionId, b.dwellingId), b]));
  const groupAnswered = new Set(before.map((b) => b.questionId));
  const rows = new Map<string, Row>();
  const add = (questionId: string, key: string, d: Partial<Row>) => {
    const r = rows.get(`${questionId}\u0000${key}`) ?? { questionId, key, dwellings: 0, areaHundredths: 0, headcount: 0 };
    r.dwellings += d.dwellings ?? 0;
    r.areaHundredths += d.areaHundredths ?? 0;
    r.headcount += d.headcount ?? 0;
    rows.set(`${questionId}\u0000${key}`, r);
  };
  for (const b of changed) {
    const area = areaOf(b.dwellingId);
    const prev = old.get(ballotKey(b.questionId, b.dwellingId));
    if (!prev) {
      add(b.questionId, 'participation', { dwellings: 1, areaHundredths: area, headcount: groupAnswered.has(b.questionId) ? 0 : 1 });
      groupAnswered.add(b.questionId);
    }
    const was = answerKeys(prev?.answer);
    const now = answerKeys(b.answer);
    for (const k of was) if (!now.includes(k)) add(b.questionId, k, { dwellings: -1, areaHundredths: -area });
    for (const k of now) if (!was.includes(k)) add(b.questionId, k, { dwellings: 1, areaHundredths: area });
  }
  const stillAnswered = new Set(after.map((b) => b.questionId));
  for (const b of removed) {
    const area = areaOf(b.dwellingId);
    add(b.questionId, 'participation', { dwellings: -1, areaHundredths: -area, headcount: stillAnswered.has(b.questionId) ? 0 : -1 });
    stillAnswered.add(b.questionId); // the group's head goes once per question
    for (const k of answerKeys(b.answer)) add(b.questionId, k, { dwellings: -1, areaHundredths: -area });
  }
  return [...rows.values()].filter((r) => r.dwellings !== 0 || r.areaHundredths !== 0 || r.headcount !== 0);
}

/** Inserts rows; duplicates (already written by another request, a retry or a repair) are skipped. */
export async function insertDeltas(consultationId: string, seq: number, rows: readonly Row[]) {
  await insertRows(rows.map((r) => ({ consultationId, seq, ...r })));
}

async function insertRows(rows: readonly TallyDeltaDoc[]) {
  if (rows.length === 0) return;
  try {
    await TallyDelta.insertMany(
      rows.map((r) => ({ ...r })),
      { ordered: false, lean: true },
    );
  } catch (e) {
    if (!isDuplicateKey(e)) throw e; // every refused row was already there
  }
}

/** Counts the entry into the live counters (idempotent). */
export async function countEntry(entry: LogEntryDoc, areaOf: (dwellingId: string) => number) {
  if (!entry.headcountKey || !['cast', 'paper', 'resolve'].includes(entry.type)) return;
  // The group's earlier entries come from the mirror (complete up to the entry, which was appended or found there).
  let m = await getMirror(entry.consultationId);
  if (m.entries.length < entry.seq) m = await catchUp(m);
  const key = entry.headcountKey;
  const groupBefore = (m.byGroup.get(key) ?? []).filter((e) => e.seq < entry.seq);
  await insertDeltas(entry.consultationId, entry.seq, entryDeltas(groupBefore, entry, areaOf));
}

const sumRows = (rows: Iterable<Row>, into = new Map<string, Row>()) => {
  for (const r of rows) {
    const k = `${r.questionId}\u0000${r.key}`;
    const v = into.get(k) ?? { questionId: r.questionId, key: r.key, dwellings: 0, areaHundredths: 0, headcount: 0 };
    v.dwellings += r.dwellings ?? 0;
    v.areaHundredths += r.areaHundredths ?? 0;
    v.headcount += r.headcount ?? 0;
    into.set(k, v);
  }
  return into;
};

const readDeltaRows = (consultationId: string) =>
  TallyDelta.find({ consultationId })
    .select({ _id: 0, seq: 1, questionId: 1, key: 1, dwellings: 1, areaHundredths: 1, headcount: 1 })
    .lean<(Row & { seq: number })[]>();

/**
 * Live counters: the sum of the delta rows per (question, key). Summed here from one read of the rows rather than
 * by `$group` in the database: FerretDB 1.24 computes only the first accumulator of a `$group` (so it took one
 * aggregation per measure), and every one of those is a scan of the collection there; this is one scan.
 */
export async function readCounters(consultationId: string): Promise<Map<string, Row>> {
  return sumRows(await readDeltaRows(consultationId));
}

const INSERT_BATCH = 1000;

/**
 * Writes any delta rows a request did not get to (crash between its log entry and its counters), by one pass over
 * the whole log (as mirrored, or as the caller just read it from the database). Inserts only, so it is safe while
 * ballots are being cast; the missing rows go in batches (a vote's worth of them must not be one insert each).
 * Returns how many rows were missing, and the counters as now stored (the rows read plus those written).
 */
export async function repairCounters(
  consultationId: string,
  given?: { entries: readonly LogEntryDoc[]; members: readonly Pick<ElectorateMemberDoc, 'dwellingId' | 'areaHundredths'>[] },
): Promise<{ repaired: number; counters: Map<string, Row> }> {
  const [entries, members, existing] = await Promise.all([
    given?.entries ?? currentMirror(consultationId).then((m) => m.entries), // the mirror: one scan fewer each minute per open vote
    given?.members ?? ElectorateMember.find({ consultationId }).select('dwellingId areaHundredths').lean(),
    readDeltaRows(consultationId),
  ]);
  const area = new Map(members.map((m) => [m.dwellingId, m.areaHundredths]));
  const have = new Set(existing.map((r) => `${r.seq}\u0000${r.questionId}\u0000${r.key}`));
  const byGroup = new Map<string, LogEntryDoc[]>();
  const missing: (Row & { seq: number })[] = [];
  for (const e of entries) {
    if (!e.headcountKey || !['cast', 'paper', 'resolve'].includes(e.type)) continue;
    const group = byGroup.get(e.headcountKey) ?? [];
    for (const r of entryDeltas(group, e, (d) => area.get(d) ?? 0))
      if (!have.has(`${e.seq}\u0000${r.questionId}\u0000${r.key}`)) missing.push({ ...r, seq: e.seq });
    group.push(e);
    byGroup.set(e.headcountKey, group);
  }
  for (let i = 0; i < missing.length; i += INSERT_BATCH) {
    await insertRows(missing.slice(i, i + INSERT_BATCH).map((r) => ({ consultationId, ...r })));
  }
  return { repaired: missing.length, counters: sumRows(missing, sumRows(existing)) };
}
