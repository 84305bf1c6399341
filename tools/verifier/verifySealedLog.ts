// Independent check of an anonymised sealed log (format: docs/integrity.md). Uses only the shared pure rules, never
// the server: recompute every hash and link, replay the ballots, redo the 民法典278 arithmetic and compare with the
// announced figures and with the head printed in the 结果公告.
import {
  canonicalJson,
  normalizeReceiptCode,
  replayBallots,
  resultFromLog,
  verifyBallotChain,
  type ChainCheck,
  type LogResult,
  type LogResultInput,
} from '../../shared/src/rules/ballotLog';

export interface SealedLog {
  format: string;
  consultationId: string;
  title?: string;
  questions: LogResultInput['questions'];
  covenant: { enabled: boolean };
  electorate: { dwellingId: string; label?: string; areaHundredths: number; group: string }[];
  entries: { seq: number; prevHash: string; hash: string; receiptCode?: string; body: Record<string, unknown>; privateDigest: string | null }[];
  /** As the server stored and announced it; every field is compared with the recount, so all may be missing. */
  announced: (Partial<LogResult> & { computedAt: string }) | null;
  noticeHead: { seq: number; hash: string } | null;
}

export interface VerifyReport {
  ok: boolean;
  chain: ChainCheck;
  head: { seq: number; hash: string } | null;
  noticeHead: { seq: number; hash: string } | null;
  problems: string[];
  figures: { questionId: string; title: string; passed: boolean | null; reasons: string[] }[];
  receipt?: { code: string; found: boolean; seq: number | null; inFinalLog: boolean };
}

export function verifySealedLog(log: SealedLog, opts: { receipt?: string; noticeHead?: string } = {}): VerifyReport {
  const problems: string[] = [];
  if (log.format !== 'gongzhi-sealed-log/1') problems.push(`unknown format ${log.format}`);
  const entries = [...log.entries].sort((a, b) => a.seq - b.seq);
  const chain = verifyBallotChain(
    log.consultationId,
    entries.map((e) => ({
      consultationId: log.consultationId,
      seq: e.seq,
      prevHash: e.prevHash,
      hash: e.hash,
      body: e.body,
      ...(e.privateDigest ? { privateDigest: e.privateDigest } : {}),
    })),
  );
  if (!chain.valid) problems.push(`chain broken at entry ${chain.brokenAtSeq}: ${chain.reason}`);

  // The head the notice printed (from the download, or typed in from the posted paper copy).
  const noticeHead = opts.noticeHead ? { seq: chain.head?.seq ?? 0, hash: opts.noticeHead.toLowerCase() } : log.noticeHead;
  if (!noticeHead) problems.push('no head from the published notice to compare with');
  else if (noticeHead.hash !== chain.head?.hash || (!opts.noticeHead && noticeHead.seq !== chain.head?.seq)) {
    problems.push(`log head ${chain.head?.hash ?? '-'} differs from the notice's ${noticeHead.hash}`);
  }

  const replay = replayBallots(entries);
  const seal = entries.find((e) => e.seq === replay.closedAtSeq);
  if (!seal) problems.push('the log is not sealed (no close entry)');
  const figures: VerifyReport['figures'] = [];
  const announced = log.announced;
  if (seal && announced) {
    const recomputed = resultFromLog({
      questions: log.questions,
      covenantEnabled: log.covenant.enabled,
      electorate: log.electorate.map((m) => ({ dwellingId: m.dwellingId, areaHundredths: m.areaHundredths, headcountKey: m.group })),
      ballots: replay.ballots,
      seal,
      unresolvedConflicts: replay.conflicts.filter((x) => !x.resolution).length,
      computedAt: announced.computedAt,
    });
    const same = (a: unknown, b: unknown) => canonicalJson(JSON.parse(JSON.stringify(a ?? null))) === canonicalJson(JSON.parse(JSON.stringify(b ?? null)));
    if (!same(recomputed.finalHead, announced.finalHead)) problems.push('announced final head differs from the log');
    if (recomputed.ballots !== announced.ballots) problems.push(`announced ballots ${announced.ballots}, log gives ${recomputed.ballots}`);
    recomputed.questions.forEach((q, i) => {
      const a = announced.questions?.[i];
      if (!a || !same(q, a)) problems.push(`question ${q.questionId}: announced figures differ from the recount`);
      const t = q.tally as { reasons?: string[] };
      figures.push({ questionId: q.questionId, title: q.title, passed: q.passed, reasons: Array.isArray(t?.reasons) ? t.reasons : [] });
    });
    if (!same(recomputed.reasons, announced.reasons ?? [])) problems.push('announced reasons differ from the recount');
  }

  let receipt: VerifyReport['receipt'];
  if (opts.receipt) {
    const code = normalizeReceiptCode(opts.receipt);
    const e = entries.find((x) => x.hash.slice(0, 16).toUpperCase() === code);
    const validUpTo = chain.valid ? Infinity : (chain.brokenAtSeq ?? 1) - 1;
    receipt = { code: opts.receipt, found: !!e, seq: e?.seq ?? null, inFinalLog: !!e && !!seal && e.seq <= seal.seq && e.seq <= validUpTo };
    if (!receipt.inFinalLog) problems.push(`receipt ${opts.receipt} is not in the final log`);
  }
  return { ok: problems.length === 0, chain, head: chain.head, noticeHead, problems, figures, ...(receipt ? { receipt } : {}) };
}
