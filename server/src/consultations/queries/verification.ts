import { electorateDigest, normalizeReceiptCode, receiptCodeOf, replayBallots, verifyBallotChain } from '@gongzhi/shared';
import { conflict } from '../../platform/errors';
import { LogEntry } from '../ballotModels';
import { loadElectorate } from '../electorate';
import { asChainEntry, loadLog } from '../log';
import type { ConsultationDoc } from '../model';
import { buildResult, resultDifferences } from '../result';

/** Recomputes every hash of the log, checks the genesis entry against the frozen electorate and the announced head. */
export async function checkChain(c: ConsultationDoc) {
  const consultationId = String(c._id);
  const entries = await loadLog(consultationId);
  const chain = verifyBallotChain(consultationId, entries.map(asChainEntry));
  const members = await loadElectorate(consultationId);
  const genesis: any = entries[0]?.body;
  const electorateMatches = !!genesis && genesis.type === 'open' && genesis.electorateDigest === electorateDigest(members);
  const announcedHead = c.result?.finalHead ?? null;
  const matchesAnnounced = announcedHead
    ? chain.valid && chain.head?.seq === announcedHead.seq && chain.head?.hash === announcedHead.hash
    : null;
  return {
    check: {
      consultationId, valid: chain.valid, entries: chain.entries, head: chain.head, brokenAtSeq: chain.brokenAtSeq,
      reason: chain.reason, electorateMatches, announcedHead, matchesAnnounced,
    },
    entries, members,
  };
}

/** Is this receipt's entry in the log, untampered, and (after close) inside the announced final log? */
export async function checkReceipt(c: ConsultationDoc, code: string) {
  const raw = normalizeReceiptCode(code);
  const receiptCode = receiptCodeOf(raw.toLowerCase().padEnd(16, '0'));
  const { check } = await checkChain(c);
  const entry = raw.length === 16 ? await LogEntry.findOne({ consultationId: String(c._id), receiptCode }).lean() : null;
  const genuine = !!entry && receiptCodeOf(entry.hash) === receiptCode;
  const validUpTo = check.valid ? Infinity : (check.brokenAtSeq ?? 1) - 1;
  const inFinalLog = !entry || !c.result ? null : genuine && entry.seq <= c.result.finalHead.seq && entry.seq <= validUpTo && check.matchesAnnounced === true;
  return {
    receiptCode, found: genuine, seq: entry?.seq ?? null, type: entry?.type ?? null, at: entry ? String((entry.body as any).at ?? '') : null,
    inFinalLog, chain: check,
  };
}

/** Recount from the log alone (replay → shared tally) and compare with the announced result. */
export async function recount(c: ConsultationDoc) {
  if (!c.result) throw conflict('CONSULTATION_NOT_CLOSED', '表决结束后才能重新计票');
  const { check, entries, members } = await checkChain(c);
  const replay = replayBallots(entries);
  const seal = entries.find((e) => e.seq === replay.closedAtSeq) ?? entries[entries.length - 1];
  const recomputed = buildResult(c, members, replay.ballots, seal, replay.conflicts.filter((x) => !x.resolution).length, new Date(c.result.computedAt));
  const differences = resultDifferences(c.result, recomputed);
  if (!check.valid) differences.unshift(`投票日志校验失败：${check.reason}`);
  if (!check.electorateMatches) differences.unshift('冻结名册与日志第 1 条记录的摘要不一致');
  return { consultationId: String(c._id), equal: differences.length === 0, differences, chain: check, announced: c.result, recomputed };
}
