import { replayBallots } from '@gongzhi/shared';
import type { AuthUser } from '../../platform/http/route';
import { badRequest, conflict } from '../../platform/errors';
import { enqueue, runSoon } from '../../platform/jobs';
import { logger } from '../../platform/logger';
import { audit } from '../../identity';
import { integrityConflict, raiseAlarm } from '../alarms';
import type { ElectorateMemberDoc, LogEntryDoc } from '../ballotModels';
import { DISPUTED_REASON, listDisputedBallots } from '../disputedBallots';
import { dwellingLabel } from '../electorate';
import { frozenMember } from '../memoryTally';
import { frozenElectorate } from '../electorateSnapshot';
import { integrityReport, readLog, readLogAfter } from '../integrity';
import { appendEntry } from '../log';
import { currentMirror } from '../mirror';
import { Consultation, type ConsultationDoc } from '../model';
import { refreshListings } from '../listing';
import { pushTally } from '../realtime';
import { buildResult } from '../result';
import { Delivery } from '../tallyModels';
import { bodyOf } from '../logBody';
import { ANNOUNCE_GRACE_MS, clearDue, markDue } from '../dueWork';

/** A convenor's close still finishing is left alone this long before the job finishes it (its request died). */
const CLOSE_FINISH_GRACE_MS = 120_000;

const notOpen = () => conflict('CONSULTATION_NOT_OPEN', '只能结束正在投票的表决');
export const ALL_VOTED_TEXT = '应投票的户已全部投票';

/** Pre-close facts from the log as this instance sees it: who voted, and the conflicts still open. */
async function closeFacts(c: ConsultationDoc) {
  const consultationId = String(c._id);
  const replay = replayBallots((await currentMirror(consultationId)).entries);
  const voted = new Set(replay.ballots.map((b) => b.dwellingId));
  const unresolved = replay.conflicts.filter((x) => !x.resolution);
  const labelOf = async (dwellingId: string) => {
    const m = await frozenMember(consultationId, dwellingId);
    return m ? dwellingLabel(m) : dwellingId;
  };
  const dwellings = await Promise.all(unresolved.map((x) => labelOf(x.dwellingId)));
  // Ballots cast through a disputed binding/proxy wait for the committee's decision like a conflict does.
  const decided = new Set(replay.disputes.map((x) => x.disputedSeq));
  const disputed = await Promise.all(
    (await listDisputedBallots(consultationId))
      .filter((f) => !decided.has(f.seq))
      .map(async (f) => ({ disputedSeq: f.seq, dwellingId: f.dwellingId, dwelling: await labelOf(f.dwellingId), reason: DISPUTED_REASON })),
  );
  return {
    allVoted: voted.size >= (c.electorate?.dwellings ?? Infinity),
    unresolved: unresolved.map((x, i) => ({ paperSeq: x.paperSeq, dwellingId: x.dwellingId, dwelling: dwellings[i] })),
    disputed,
  };
}

/** The close entry's account of what was still undecided (the paper conflicts count as electronic, disputed ballots as cast). */
const overrideFacts = (f: Awaited<ReturnType<typeof closeFacts>>) => ({
  paperSeqs: f.unresolved.map((x) => x.paperSeq),
  dwellings: [...f.unresolved.map((x) => x.dwelling), ...f.disputed.map((x) => x.dwelling)],
  ...(f.disputed.length ? { disputedSeqs: f.disputed.map((x) => x.disputedSeq) } : {}),
});

/**
 * A convenor's close: everything is decided before the seal is written, so a refusal writes nothing. The reason
 * comes from the facts (all households voted only when true; otherwise a stated reason is required); unresolved
 * paper/electronic conflicts refuse the close unless a second staff member confirms another's written override;
 * a projection that differs from the log raises the alarm.
 */
async function convenorClose(c: ConsultationDoc, by: AuthUser, reason: string | undefined) {
  const facts = await closeFacts(c);
  const stated = reason?.trim() || '';
  if (stated === ALL_VOTED_TEXT && !facts.allVoted) throw conflict('CLOSE_REASON_FALSE', '仍有房屋未投票，不能以“应投票的户已全部投票”为由结束');
  if (!stated && !facts.allVoted) throw badRequest('CLOSE_REASON_REQUIRED', '提前结束投票须填写理由');
  const kind: 'all_voted' | 'early' = facts.allVoted ? 'all_voted' : 'early';
  let conflictOverride: Record<string, unknown> | undefined;
  let overrideStaff: { requestedBy: string; confirmedBy: string } | undefined;
  if (facts.unresolved.length > 0 || facts.disputed.length > 0) {
    const o = c.closeOverride;
    const list = [
      ...facts.unresolved.map((x) => `${x.dwelling}（第 ${x.paperSeq} 条）`),
      ...facts.disputed.map((x) => `${x.dwelling}（第 ${x.disputedSeq} 条，争议绑定/委托投出的票）`),
    ].join('、');
    const details = { conflicts: facts.unresolved, disputed: facts.disputed };
    if (!o)
      throw conflict('CONFLICTS_UNRESOLVED', facts.disputed.length ? `还有冲突或争议选票未处理：${list}` : `还有纸质票与电子票冲突未处理：${list}`, details);
    if (o.requestedBy === by.id) throw conflict('SECOND_STAFF_REQUIRED', '带冲突结束须由另一名工作人员确认', details);
    // The sealed (published) log names no one: the two staff members are on the audit trail.
    conflictOverride = { reason: o.reason, requestedBy: 'staff', confirmedBy: 'second_staff', ...overrideFacts(facts) };
    overrideStaff = { requestedBy: o.requestedBy, confirmedBy: by.id };
  }
  const report = await integrityReport(c);
  if (report.differences.length > 0) {
    await raiseAlarm(c, report.differences, 'close');
    throw integrityConflict(report.differences);
  }
  // What was just read is handed on to finishClose: after the seal only the entries appended since are read again.
  const read = { entries: report.entries, members: report.members };
  return { kind, text: kind === 'all_voted' && !stated ? ALL_VOTED_TEXT : stated, conflictOverride, overrideStaff, read };
}

/**
 * open → closed. The close entry seals the log (castBallot refuses to build on it), and inserting it is what decides
 * that the vote is closed, once: a second closer (another instance, the deadline racing the convenor) finds the
 * entry and finishes the same way. `by` is the convenor for an early close, null for the deadline.
 */
export async function closeConsultation(id: string, opts: { by: AuthUser | null; reason?: string; now?: Date }): Promise<ConsultationDoc | null> {
  const now = opts.now ?? new Date();
  const c = (await Consultation.findById(id).lean()) as ConsultationDoc | null;
  if (!c || c.status !== 'open') {
    if (opts.by) throw notOpen();
    return null;
  }
  if (!opts.by && c.closesAt > now) return null;
  const consultationId = String(c._id);
  const decided = opts.by ? await convenorClose(c, opts.by, opts.reason) : null;
  // At the deadline nothing may be refused: conflicts still open are counted as electronic and said so in the result.
  const atDeadline = decided ? null : await closeFacts(c);
  // Before the seal: should this request die after it, the job finishes the close (at the deadline the hint is there).
  if (opts.by) await markDue('close', consultationId, new Date(now.getTime() + CLOSE_FINISH_GRACE_MS));
  const delivered = c.covenant.enabled ? (await Delivery.find({ consultationId }).select('dwellingId').lean()).map((d) => d.dwellingId).sort() : undefined;
  const { entry: seal, created } = await appendEntry(consultationId, 'close', async () => ({
    type: 'close',
    body: {
      at: now.toISOString(),
      kind: decided?.kind ?? 'deadline',
      reason: decided?.text ?? 'deadline',
      closedBy: opts.by?.id ?? null,
      deliveredDwellingIds: delivered,
      conflictOverride:
        decided?.conflictOverride ??
        (atDeadline && (atDeadline.unresolved.length || atDeadline.disputed.length)
          ? { reason: '投票截止时仍未处理', requestedBy: 'deadline', confirmedBy: 'deadline', ...overrideFacts(atDeadline) }
          : undefined),
    },
  }));
  if (created && opts.by) {
    await audit({
      actorId: opts.by.id,
      action: 'consultation.close',
      target: { type: 'consultation', id: consultationId },
      reason: decided?.text,
      areaPath: c.areaPath,
      details: { kind: decided?.kind, conflictOverride: decided?.conflictOverride ? { ...decided.conflictOverride, ...decided.overrideStaff } : null },
    });
  }
  return finishClose(c, seal, decided?.read);
}

/**
 * After the seal: the result is computed from the sealed log alone (replay → shared rules). Before it is frozen, the
 * stored log must pass the chain check and equal what this process saw appended, and the electorate its digest; any
 * difference blocks the result with an alarm. Deterministic (computedAt is the seal's time), so concurrent finishers
 * write identical results.
 */
export async function finishClose(
  c: ConsultationDoc,
  seal: LogEntryDoc,
  read?: { entries: LogEntryDoc[]; members: ElectorateMemberDoc[] },
): Promise<ConsultationDoc | null> {
  const consultationId = String(c._id);
  // The log and electorate just read by the convenor's pre-check are reused (plus the entries appended since).
  const [entries, members] = await Promise.all([
    read ? readLogAfter(consultationId, read.entries, seal.seq) : readLog(consultationId),
    read?.members ?? frozenElectorate(consultationId),
  ]);
  const replay = replayBallots(entries);
  const report = await integrityReport(c, { entries, members });
  if (report.differences.length > 0) {
    await raiseAlarm(c, report.differences, 'close');
    throw integrityConflict(report.differences);
  }
  const sealBody = bodyOf(seal);
  const result = buildResult(c, members, replay.ballots, seal, replay.conflicts.filter((x) => !x.resolution).length, new Date(String(sealBody.at)));
  await markDue('announce', consultationId, new Date(new Date(String(sealBody.at)).getTime() + ANNOUNCE_GRACE_MS));
  await Consultation.updateOne(
    { _id: c._id, status: 'open' },
    {
      $set: {
        status: 'closed',
        closedAt: new Date(String(sealBody.at)),
        closeReason: sealBody.reason,
        closeKind: sealBody.kind ?? null,
        closedBy: sealBody.closedBy ?? null,
        result,
      },
    },
  );
  await refreshListings(c); // before the hint goes: whoever saw the new status also sees it in the lists
  await clearDue('close', consultationId);
  const announce = `consultation:${consultationId}:announce`;
  await enqueue(announce, 'consultation.announce', { consultationId });
  runSoon(announce); // the 结果公告 right away, not at the next poll
  logger.info({ consultationId, head: result.finalHead }, 'consultation closed');
  pushTally(consultationId);
  return Consultation.findById(c._id).lean() as Promise<ConsultationDoc | null>;
}
