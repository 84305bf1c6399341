// Pure pieces of the integrity checks: counts the log implies (live tallies replay the log with these) and the head
// printed in the published 结果公告. Pure, so the server and the standalone verifier (tools/verifier) agree.
import type { EffectiveBallot, LogAnswer } from './ballotReplay';

export interface IntegrityDifference {
  /** Which copy disagrees with the log ('projection' and 'counters': copies kept by earlier versions, in old alarms). */
  source: 'log' | 'projection' | 'counters' | 'result' | 'notice';
  dwellingId: string | null;
  /** The figure that differs (e.g. "事项 renovate · choice:approve · 面积"), when it is a figure. */
  figure: string | null;
  message: string;
}

export interface CounterRow {
  questionId: string;
  key: string;
  dwellings: number;
  areaHundredths: number;
  headcount: number;
}

/** Counter keys an answer contributes to (one per choice it makes); the same keys as the live delta rows. */
export function answerCounterKeys(a: LogAnswer | null | undefined): string[] {
  if (!a) return [];
  if (a.choice !== undefined) return [`choice:${a.choice}`];
  if (a.items) return a.items.map((i) => `item:${i.itemId}:${i.choice}`);
  if (a.picks) return a.picks.map((p) => `pick:${p}`);
  if (a.rating !== undefined) return [`rating:${a.rating}`];
  return [];
}

export interface CountedDwelling {
  areaHundredths: number;
  headcountKey: string;
}

/** The counters the log's effective ballots imply: participation (dwellings, area, headcount) and per-choice rows. */
export function countersFromBallots(ballots: readonly EffectiveBallot[], dwelling: (id: string) => CountedDwelling | undefined): Map<string, CounterRow> {
  const out = new Map<string, CounterRow>();
  const groups = new Set<string>();
  const add = (questionId: string, key: string, d: Partial<CounterRow>) => {
    const k = `${questionId}\u0000${key}`;
    const r = out.get(k) ?? { questionId, key, dwellings: 0, areaHundredths: 0, headcount: 0 };
    r.dwellings += d.dwellings ?? 0;
    r.areaHundredths += d.areaHundredths ?? 0;
    r.headcount += d.headcount ?? 0;
    out.set(k, r);
  };
  for (const b of ballots) {
    const m = dwelling(b.dwellingId);
    const area = m?.areaHundredths ?? 0;
    const g = `${b.questionId}\u0000${m?.headcountKey ?? b.dwellingId}`;
    add(b.questionId, 'participation', { dwellings: 1, areaHundredths: area, headcount: groups.has(g) ? 0 : 1 });
    groups.add(g);
    for (const k of answerCounterKeys(b.answer)) add(b.questionId, k, { dwellings: 1, areaHundredths: area });
  }
  return out;
}

// ---- the head printed in the 结果公告 ----

/** The verification line of a 结果公告: the count and the final hash, in a form anyone can read back. */
export const noticeAnchorLine = (head: { seq: number; hash: string }) => `日志条数 ${head.seq}；最终哈希 ${head.hash}`;

/** The head a notice text carries (the last anchor line in it), or null. */
export function parseNoticeAnchor(text: string | null | undefined): { seq: number; hash: string } | null {
  const all = [...String(text ?? '').matchAll(/日志条数 (\d+)；最终哈希 ([0-9a-f]{64})/g)];
  const m = all[all.length - 1];
  return m ? { seq: Number(m[1]), hash: m[2] } : null;
}
