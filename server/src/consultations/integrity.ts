import {
  electorateDigest,
  parseNoticeAnchor,
  replayBallots,
  verifyBallotChain,
  type ChainCheck,
  type IntegrityDifference,
  type ReplayResult,
} from '@gongzhi/shared';
import { Notice } from '../notices';
import { LogEntry, type ElectorateMemberDoc, type LogEntryDoc } from './ballotModels';
import { dwellingLabel } from './electorate';
import { readFrozenElectorate } from './electorateSnapshot';
import { asChainEntry } from './log';
import { readStoredLog } from './logPages';
import { entryId, loadedMirror } from './mirror';
import type { ConsultationDoc } from './model';
import { buildResult, resultDifferences } from './result';
import { bodyOf } from './logBody';

/** The stored log in seq order: its pages, then the rows after them (logPages.ts), all by `_id`. */
export async function readLog(consultationId: string): Promise<LogEntryDoc[]> {
  return (await readStoredLog(consultationId)).entries;
}

/**
 * `known` (the stored log as read moments ago) plus what was appended since, by `{_id}` probes of the next seqs until
 * a miss: after the seal only a few entries are new. Reads the whole log again when the probes do not reach `untilSeq`.
 */
export async function readLogAfter(consultationId: string, known: readonly LogEntryDoc[], untilSeq: number): Promise<LogEntryDoc[]> {
  const out = [...known];
  if (out.some((e, i) => e.seq !== i + 1)) return readLog(consultationId);
  for (;;) {
    const next = await LogEntry.findById(entryId(consultationId, out.length + 1)).lean();
    if (!next) break;
    out.push(next);
  }
  return out.length >= untilSeq ? out : readLog(consultationId);
}

export interface IntegrityReport {
  chain: ChainCheck;
  electorateMatches: boolean;
  entries: LogEntryDoc[];
  members: ElectorateMemberDoc[];
  replay: ReplayResult;
  /** The head printed in the published 结果公告 (every version must carry the same), null before it is published. */
  noticeHead: { seq: number; hash: string } | null;
  differences: IntegrityDifference[];
}

export interface IntegrityOptions {
  /** Copies the caller has just read from the database (each is otherwise read here, all at once). */
  entries?: LogEntryDoc[];
  members?: ElectorateMemberDoc[];
}

/**
 * Checks the stored log (pages and rows) and compares it with what is kept beside it: the log as this process saw it
 * appended (its mirror, when loaded: a chain rewritten in the database with fresh hashes still differs from it), the
 * frozen electorate's digest, the stored result and the head printed in the published 结果公告.
 */
export async function integrityReport(c: ConsultationDoc, opts: IntegrityOptions = {}): Promise<IntegrityReport> {
  const consultationId = String(c._id);
  const [stored, electorate, noticeHead] = await Promise.all([
    opts.entries ? { entries: opts.entries, damagedPages: [] } : readStoredLog(consultationId),
    opts.members ? { members: opts.members, copyDamaged: false } : readFrozenElectorate(consultationId),
    publishedHead(c),
  ]);
  const { entries } = stored;
  const { members } = electorate;
  const byDwelling = new Map(members.map((m) => [m.dwellingId, m]));
  const label = (d: string | null | undefined) => {
    const m = d ? byDwelling.get(d) : undefined;
    return m ? dwellingLabel(m) : d ? `房屋 ${d}` : '';
  };
  const differences: IntegrityDifference[] = [];
  const chain = verifyBallotChain(consultationId, entries.map(asChainEntry));
  if (!chain.valid) {
    const bad = entries.find((e) => e.seq === chain.brokenAtSeq) ?? entries[(chain.brokenAtSeq ?? 1) - 1];
    const d = bad?.dwellingId ?? bodyOf(bad)?.dwellingId ?? null;
    differences.push({ source: 'log', dwellingId: d, figure: null, message: `投票日志校验失败：${chain.reason}${d ? `（${label(d)}）` : ''}` });
  }
  const genesis = bodyOf(entries[0]);
  const electorateMatches = !!genesis && genesis.type === 'open' && genesis.electorateDigest === electorateDigest(members);
  if (!electorateMatches) differences.push({ source: 'log', dwellingId: null, figure: '名册摘要', message: '冻结名册与日志第 1 条记录的摘要不一致' });
  if (electorate.copyDamaged)
    differences.push({ source: 'log', dwellingId: null, figure: '名册存档', message: '冻结名册的存档与日志第 1 条记录的摘要不一致（已按逐户记录核对）' });

  for (const page of stored.damagedPages)
    differences.push({
      source: 'log',
      dwellingId: null,
      figure: `日志第 ${page + 1} 页`,
      message: `投票日志第 ${page + 1} 页的存档已损坏或被改动（已按逐条记录核对）`,
    });
  // What this process appended or read earlier: a stored entry that differs from it was changed since (hashes and all).
  const seen = await loadedMirror(consultationId);
  if (seen) {
    for (const e of entries) {
      const was = seen.entries[e.seq - 1];
      if (was && was.hash !== e.hash) {
        const d = e.dwellingId ?? was.dwellingId ?? null;
        differences.push({ source: 'log', dwellingId: d, figure: null, message: `投票日志第 ${e.seq} 条与投票时记录的不一致${d ? `（${label(d)}）` : ''}` });
      }
    }
  }

  const replay = replayBallots(entries);

  if (c.result) {
    const seal = entries.find((e) => e.seq === replay.closedAtSeq) ?? entries[entries.length - 1];
    if (seal) {
      const recomputed = buildResult(c, members, replay.ballots, seal, replay.conflicts.filter((x) => !x.resolution).length, new Date(c.result.computedAt));
      for (const m of resultDifferences(c.result, recomputed))
        differences.push({ source: 'result', dwellingId: null, figure: m, message: `公布的结果与日志重新计票不一致：${m}` });
    }
  }

  if (noticeHead && 'mismatch' in noticeHead) differences.push({ source: 'notice', dwellingId: null, figure: '公告哈希', message: noticeHead.mismatch });
  const head = noticeHead && 'head' in noticeHead ? noticeHead.head : null;
  if (head && (head.seq !== chain.head?.seq || head.hash !== chain.head?.hash)) {
    differences.push({ source: 'notice', dwellingId: null, figure: '最终哈希', message: `结果公告上的最终哈希（第 ${head.seq} 条）与投票日志不一致` });
  }
  if (head && c.result && (head.seq !== c.result.finalHead.seq || head.hash !== c.result.finalHead.hash)) {
    differences.push({ source: 'result', dwellingId: null, figure: '最终哈希', message: '系统保存的最终哈希与结果公告上的不一致' });
  }
  return { chain, electorateMatches, entries, members, replay, noticeHead: head, differences };
}

/** The head carried by the published 结果公告: every version (amendments included) must print the same one. */
async function publishedHead(c: ConsultationDoc): Promise<{ head: { seq: number; hash: string } } | { mismatch: string } | null> {
  const id = c.noticeIds?.result;
  if (!id) return null;
  const n = await Notice.findById(id).select('body versions').lean();
  if (!n) return { mismatch: '结果公告已不存在' };
  const texts = [...(n.versions ?? []).map((v: { body: string }) => v.body), n.body];
  const heads = texts.map(parseNoticeAnchor);
  const first = heads[0];
  if (!first) return { mismatch: '结果公告上找不到最终哈希' };
  if (heads.some((h) => !h || h.seq !== first.seq || h.hash !== first.hash)) return { mismatch: '结果公告的各版本所载最终哈希不一致' };
  return { head: first };
}
