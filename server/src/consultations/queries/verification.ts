import { normalizeReceiptCode, receiptCodeOf, replayBallots } from '@gongzhi/shared';
import { conflict } from '../../platform/errors';
import { raiseAlarm } from '../alarms';
import { integrityReport, type IntegrityReport } from '../integrity';
import type { ConsultationDoc } from '../model';
import { buildResult, resultDifferences } from '../result';
import { bodyOf } from '../logBody';

/**
 * Recomputes every hash of the log and compares the log with everything kept beside it: the log as this process saw
 * it appended, the frozen electorate's digest, the stored result and the head printed in the published 结果公告. `announcedHead` is the
 * notice's head once it is published (the stored result's head only in the seconds before). A difference raises the
 * alarm once and is listed, naming the dwelling or figure.
 */
export async function checkChain(c: ConsultationDoc) {
  const report = await integrityReport(c);
  if (report.differences.length > 0) await raiseAlarm(c, report.differences, 'verify');
  const { chain, noticeHead } = report;
  const announcedHead = noticeHead ?? c.result?.finalHead ?? null;
  const matchesAnnounced = announcedHead ? chain.valid && chain.head?.seq === announcedHead.seq && chain.head?.hash === announcedHead.hash : null;
  return {
    check: {
      consultationId: String(c._id),
      valid: chain.valid,
      entries: chain.entries,
      head: chain.head,
      brokenAtSeq: chain.brokenAtSeq,
      reason: chain.reason,
      electorateMatches: report.electorateMatches,
      announcedHead,
      matchesAnnounced,
      noticeHead,
      consistent: report.differences.length === 0,
      differences: report.differences,
    },
    report,
  };
}

/** Is this receipt's entry in the log, untampered, its dwelling's copies equal to the log, and inside the announced final log? */
export async function checkReceipt(c: ConsultationDoc, code: string) {
  const raw = normalizeReceiptCode(code);
  const receiptCode = receiptCodeOf(raw.toLowerCase().padEnd(16, '0'));
  const { check, report } = await checkChain(c);
  // The entry comes from the log the check just read (no second query for it).
  const entry = raw.length === 16 ? (report.entries.find((e) => e.receiptCode === receiptCode) ?? null) : null;
  const genuine = !!entry && receiptCodeOf(entry.hash) === receiptCode;
  const validUpTo = check.valid ? Infinity : (check.brokenAtSeq ?? 1) - 1;
  // Differences about this dwelling, the log, the result or the notice all put the receipt in doubt.
  const concerns = check.differences;
  const inFinalLog =
    !entry || !c.result
      ? null
      : genuine && entry.seq <= c.result.finalHead.seq && entry.seq <= validUpTo && check.matchesAnnounced === true && concerns.length === 0;
  return {
    receiptCode,
    found: genuine,
    seq: entry?.seq ?? null,
    type: entry?.type ?? null,
    at: entry ? String(bodyOf(entry).at ?? '') : null,
    inFinalLog,
    chain: check,
  };
}

/** Recount from the log alone (replay → shared tally) and compare with the announced result and every copy. */
export async function recount(c: ConsultationDoc) {
  if (!c.result) throw conflict('CONSULTATION_NOT_CLOSED', '表决结束后才能重新计票');
  const { check, report } = await checkChain(c);
  const recomputed = recomputeFromLog(c, report);
  const differences = [...new Set([...resultDifferences(c.result, recomputed), ...check.differences.map((d) => d.message)])];
  return { consultationId: String(c._id), equal: differences.length === 0, differences, chain: check, announced: c.result, recomputed };
}

function recomputeFromLog(c: ConsultationDoc, r: IntegrityReport) {
  const replay = r.replay ?? replayBallots(r.entries);
  const seal = r.entries.find((e) => e.seq === replay.closedAtSeq) ?? r.entries[r.entries.length - 1];
  return buildResult(c, r.members, replay.ballots, seal, replay.conflicts.filter((x) => !x.resolution).length, new Date(c.result!.computedAt));
}
