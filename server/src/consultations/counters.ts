import type { LogAnswer } from '@gongzhi/shared';
import { logger } from '../platform/logger';
import { BallotRecord } from './ballotModels';
import { Counter, HeadcountGroup } from './tallyModels';

/** Counter keys an answer contributes to (one per choice it makes). */
export function answerKeys(a: LogAnswer | null | undefined): string[] {
  if (!a) return [];
  if (a.choice !== undefined) return [`choice:${a.choice}`];
  if (a.items) return a.items.map((i) => `item:${i.itemId}:${i.choice}`);
  if (a.picks) return a.picks.map((p) => `pick:${p}`);
  if (a.rating !== undefined) return [`rating:${a.rating}`];
  return [];
}

async function bump(consultationId: string, questionId: string, key: string, inc: { dwellings?: number; areaHundredths?: number; headcount?: number }) {
  const run = () => Counter.updateOne({ consultationId, questionId, key }, { $inc: inc }, { upsert: true });
  // Two first bumps of a new key race on the upsert; the loser's retry is a plain $inc.
  await run().catch((e) => (e?.code === 11000 ? run() : Promise.reject(e)));
}

export interface CountedBallot { answer: LogAnswer; areaHundredths: number; headcountKey: string }

/**
 * Moves live counters from `before` (null on a first ballot) to `after`, with atomic $inc only. A headcount group is
 * counted when its first dwelling takes part: the group document is created once (upsert), and only the request
 * that created it bumps headcount.
 */
export async function applyCounterDelta(consultationId: string, questionId: string, before: CountedBallot | null, after: CountedBallot) {
  const ops: Promise<unknown>[] = [];
  if (!before) {
    ops.push(bump(consultationId, questionId, 'participation', { dwellings: 1, areaHundredths: after.areaHundredths }));
    ops.push((async () => {
      const r = await HeadcountGroup.updateOne(
        { consultationId, questionId, headcountKey: after.headcountKey }, { $setOnInsert: { consultationId } }, { upsert: true },
      ).catch((e) => (e?.code === 11000 ? { upsertedCount: 0 } : Promise.reject(e)));
      if (r.upsertedCount === 1) await bump(consultationId, questionId, 'participation', { headcount: 1 });
    })());
  }
  const old = answerKeys(before?.answer);
  const now = answerKeys(after.answer);
  for (const k of old) if (!now.includes(k)) ops.push(bump(consultationId, questionId, k, { dwellings: -1, areaHundredths: -after.areaHundredths }));
  for (const k of now) if (!old.includes(k)) ops.push(bump(consultationId, questionId, k, { dwellings: 1, areaHundredths: after.areaHundredths }));
  await Promise.all(ops);
}

type Row = { dwellings: number; areaHundredths: number; headcount: number };
const rowKey = (q: string, k: string) => `${q}\u0000${k}`;

/** What the counters should be, computed from the stored ballots. */
export async function countersFromBallots(consultationId: string) {
  const ballots = await BallotRecord.find({ consultationId }).select('questionId answer areaHundredths headcountKey').lean();
  const rows = new Map<string, Row>();
  const groups = new Set<string>();
  const add = (q: string, k: string, d: Partial<Row>) => {
    const r = rows.get(rowKey(q, k)) ?? { dwellings: 0, areaHundredths: 0, headcount: 0 };
    r.dwellings += d.dwellings ?? 0;
    r.areaHundredths += d.areaHundredths ?? 0;
    r.headcount += d.headcount ?? 0;
    rows.set(rowKey(q, k), r);
  };
  for (const b of ballots) {
    const g = rowKey(b.questionId, b.headcountKey);
    add(b.questionId, 'participation', { dwellings: 1, areaHundredths: b.areaHundredths, headcount: groups.has(g) ? 0 : 1 });
    groups.add(g);
    for (const k of answerKeys(b.answer)) add(b.questionId, k, { dwellings: 1, areaHundredths: b.areaHundredths });
  }
  return { rows, groups };
}

/** Do the live counters equal a recount from ballots? (counters that are all zero count as absent) */
export async function countersMatchBallots(consultationId: string): Promise<boolean> {
  const { rows } = await countersFromBallots(consultationId);
  const stored = await Counter.find({ consultationId }).lean();
  const seen = new Set<string>();
  for (const c of stored) {
    const k = rowKey(c.questionId, c.key);
    seen.add(k);
    const want = rows.get(k) ?? { dwellings: 0, areaHundredths: 0, headcount: 0 };
    if (want.dwellings !== c.dwellings || want.areaHundredths !== c.areaHundredths || want.headcount !== c.headcount) return false;
  }
  return [...rows.keys()].every((k) => seen.has(k));
}

/**
 * Rebuilds counters and headcount groups from ballots where they diverge (after a crash between a ballot write and
 * its $inc). Run when no ballots are being written: at opening, at close, and by the periodic job on a quiet log.
 */
export async function repairCounters(consultationId: string): Promise<{ repaired: number }> {
  const { rows, groups } = await countersFromBallots(consultationId);
  const stored = await Counter.find({ consultationId }).lean();
  let repaired = 0;
  const storedKeys = new Set(stored.map((c) => rowKey(c.questionId, c.key)));
  for (const c of stored) {
    const want = rows.get(rowKey(c.questionId, c.key)) ?? { dwellings: 0, areaHundredths: 0, headcount: 0 };
    if (want.dwellings === c.dwellings && want.areaHundredths === c.areaHundredths && want.headcount === c.headcount) continue;
    await Counter.updateOne({ _id: (c as any)._id }, { $set: want });
    repaired++;
  }
  for (const [k, want] of rows) {
    if (storedKeys.has(k)) continue;
    const [questionId, key] = k.split('\u0000');
    await Counter.updateOne({ consultationId, questionId, key }, { $set: want }, { upsert: true });
    repaired++;
  }
  const storedGroups = await HeadcountGroup.find({ consultationId }).lean();
  const have = new Set(storedGroups.map((g) => rowKey(g.questionId, g.headcountKey)));
  for (const g of storedGroups) if (!groups.has(rowKey(g.questionId, g.headcountKey))) await HeadcountGroup.deleteOne({ _id: (g as any)._id });
  for (const g of groups) {
    if (have.has(g)) continue;
    const [questionId, headcountKey] = g.split('\u0000');
    await HeadcountGroup.updateOne({ consultationId, questionId, headcountKey }, { $setOnInsert: { consultationId } }, { upsert: true });
  }
  if (repaired > 0) logger.warn({ consultationId, repaired }, 'consultation counters diverged from ballots and were repaired');
  return { repaired };
}
