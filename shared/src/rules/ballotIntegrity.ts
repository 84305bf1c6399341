// Cross-checks between the sealed log (the only source of a result) and what the server keeps beside it: the
// effective-ballot projection, the live counters and the head printed in the published 结果公告. Pure, so the
// server and the standalone verifier (tools/verifier) compare the same way.
import { canonicalJson } from './canonicalJson';
import type { EffectiveBallot, LogAnswer } from './ballotReplay';

export interface IntegrityDifference {
  /** Which copy disagrees with the log. */
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

/** Every counter figure that differs from the log's, named "事项 <question> · <key> · 户数/面积/人数". */
export function counterDifferences(expected: ReadonlyMap<string, CounterRow>, stored: ReadonlyMap<string, CounterRow>): IntegrityDifference[] {
  const diffs: IntegrityDifference[] = [];
  for (const k of [...new Set([...expected.keys(), ...stored.keys()])].sort()) {
    const e = expected.get(k);
    const s = stored.get(k);
    const [questionId, key] = k.split('\u0000');
    for (const [field, label] of [
      ['dwellings', '户数'],
      ['areaHundredths', '面积'],
      ['headcount', '人数'],
    ] as const) {
      const want = e?.[field] ?? 0;
      const have = s?.[field] ?? 0;
      if (want !== have) {
        const figure = `事项 ${questionId} · ${key} · ${label}`;
        diffs.push({ source: 'counters', dwellingId: null, figure, message: `计数「${figure}」为 ${have}，按日志应为 ${want}` });
      }
    }
  }
  return diffs;
}

export interface StoredBallot {
  questionId: string;
  dwellingId: string;
  answer: LogAnswer;
  source: string;
  logSeq: number;
}

/** Effective ballots (projection rows) that differ from the log's replay, one difference per dwelling and question. */
export function projectionDifferences(
  effective: readonly EffectiveBallot[],
  stored: readonly StoredBallot[],
  label: (dwellingId: string) => string,
): IntegrityDifference[] {
  const key = (q: string, d: string) => `${q}\u0000${d}`;
  const want = new Map(effective.map((e) => [key(e.questionId, e.dwellingId), e]));
  const have = new Map(stored.map((s) => [key(s.questionId, s.dwellingId), s]));
  const diffs: IntegrityDifference[] = [];
  const push = (dwellingId: string, message: string) =>
    diffs.push({ source: 'projection', dwellingId, figure: null, message: `${label(dwellingId)}：${message}` });
  for (const [k, e] of want) {
    const s = have.get(k);
    if (!s) push(e.dwellingId, `事项 ${e.questionId} 的选票在日志中有、在选票表中缺失`);
    else if (canonicalJson(strip(s.answer)) !== canonicalJson(strip(e.answer)) || s.source !== e.source || s.logSeq !== e.seq) {
      push(e.dwellingId, `事项 ${e.questionId} 的选票与日志第 ${e.seq} 条不一致`);
    }
  }
  for (const [k, s] of have) if (!want.has(k)) push(s.dwellingId, `事项 ${s.questionId} 的选票在日志中不存在`);
  return diffs;
}

const strip = (a: LogAnswer) => JSON.parse(JSON.stringify(a));

// ---- the head printed in the 结果公告 ----

/** The verification line of a 结果公告: the count and the final hash, in a form anyone can read back. */
export const noticeAnchorLine = (head: { seq: number; hash: string }) => `日志条数 ${head.seq}；最终哈希 ${head.hash}`;

/** The head a notice text carries (the last anchor line in it), or null. */
export function parseNoticeAnchor(text: string | null | undefined): { seq: number; hash: string } | null {
  const all = [...String(text ?? '').matchAll(/日志条数 (\d+)；最终哈希 ([0-9a-f]{64})/g)];
  const m = all[all.length - 1];
  return m ? { seq: Number(m[1]), hash: m[2] } : null;
}
