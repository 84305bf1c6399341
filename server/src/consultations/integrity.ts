import {
  ballotKey,
  counterDifferences,
  type CounterRow,
  type StoredBallot,
  countersFromBallots,
  electorateDigest,
  parseNoticeAnchor,
  projectionDifferences,
  replayBallots,
  verifyBallotChain,
  type ChainCheck,
  type IntegrityDifference,
  type ReplayResult,
} from '@gongzhi/shared';
import { Notice } from '../notices';
import { BallotRecord, LogEntry, type ElectorateMemberDoc, type LogEntryDoc } from './ballotModels';
import { readCounters } from './counters';
import { dwellingLabel, loadElectorate } from './electorate';
import { asChainEntry } from './log';
import { entryId } from './mirror';
import type { ConsultationDoc } from './model';
import { buildResult, resultDifferences } from './result';
import { bodyOf } from './logBody';

/**
 * The stored log, read once: one query for the vote's entries, sorted here. Measured on FerretDB (SQLite) under load,
 * an `{_id}` point read costs about 13× a scanned document (0.4 ms vs 30 µs of server CPU, far more in wall time when
 * batches of them queue up), so reading a 1,000-entry log by `_id` took seconds while one scan takes tenths; on
 * MongoDB the query uses the (consultationId, seq) index.
 */
export async function readLog(consultationId: string): Promise<LogEntryDoc[]> {
  const rows: LogEntryDoc[] = await LogEntry.find({ consultationId }).lean();
  return rows.sort((a, b) => a.seq - b.seq);
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

/** The stored ballots projection of a vote, read once (compared with the log's replay). */
export async function readBallots(consultationId: string): Promise<StoredBallot[]> {
  return BallotRecord.find({ consultationId }).select({ _id: 0, questionId: 1, dwellingId: 1, answer: 1, source: 1, logSeq: 1 }).lean<StoredBallot[]>();
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
  /** While ballots are still being projected (open vote): rows behind the log are in flight, not wrong. */
  tolerateLag?: boolean;
  /** Compare the live counters too (after close they are repaired, so they must match exactly). */
  counters?: boolean;
  /** Copies the caller has just read from the database (each is otherwise read here, all at once). */
  entries?: LogEntryDoc[];
  members?: ElectorateMemberDoc[];
  ballots?: StoredBallot[];
  storedCounters?: Map<string, CounterRow>;
}

/** Compares the log with the projection, the counters, the stored result and the published notice. */
export async function integrityReport(c: ConsultationDoc, opts: IntegrityOptions = {}): Promise<IntegrityReport> {
  const consultationId = String(c._id);
  const [entries, members, stored, storedCounters, noticeHead] = await Promise.all([
    opts.entries ?? readLog(consultationId),
    opts.members ?? loadElectorate(consultationId),
    opts.ballots ?? readBallots(consultationId),
    opts.counters ? (opts.storedCounters ?? readCounters(consultationId)) : null,
    publishedHead(c),
  ]);
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

  const replay = replayBallots(entries);
  const want = new Map(replay.ballots.map((b) => [ballotKey(b.questionId, b.dwellingId), b.seq]));
  const rows = opts.tolerateLag ? stored.filter((s) => !(s.logSeq < (want.get(ballotKey(s.questionId, s.dwellingId)) ?? 0))) : stored;
  const present = new Set(rows.map((s) => ballotKey(s.questionId, s.dwellingId)));
  const effective = opts.tolerateLag ? replay.ballots.filter((b) => present.has(ballotKey(b.questionId, b.dwellingId))) : replay.ballots;
  differences.push(...projectionDifferences(effective, rows, label));

  if (storedCounters)
    differences.push(
      ...counterDifferences(
        countersFromBallots(replay.ballots, (d) => byDwelling.get(d)),
        storedCounters,
      ),
    );

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
