import { ballotEntryHash, BALLOT_LOG_GENESIS, canonicalJson, receiptCodeOf, sha256Hex, type ConsultationQuestion } from '@gongzhi/shared';
import type { ElectorateMemberDoc, LogEntryDoc } from '../../../server/src/consultations/ballotModels';
import { memberId, summarize } from '../../../server/src/consultations/electorate';
import { pageDocs } from '../../../server/src/consultations/logPages';
import { buildResult } from '../../../server/src/consultations/result';
import { hex, oid, rng } from './ids';
import type { StreetComplex } from './street';

/** A yes/no renovation vote as the 'whether' template writes it. */
export const QUESTION: ConsultationQuestion = { id: 'renovate', title: '是否同意对本小区实施老旧小区改造', format: 'yes_no', rule: 'civil_major', options: [] };

export interface VoteDocs {
  consultation: Record<string, unknown>;
  members: object[];
  log: object[];
  /** The log's full runs as pages (logPages.ts), as appends leave them. */
  pages: object[];
  /** The effective ballots (for the result and the history's figures; the log is what is stored). */
  ballots: object[];
}

/**
 * One whole-complex vote written the way the real paths leave it: frozen electorate rows (as openConsultation), the
 * hash chain (open entry as openDirect, salted v2 entries as log.ts `entryOn`, with a deterministic salt) and its
 * pages (as appends write them); once closed, the close entry (deadline) and the frozen result from `buildResult`, so
 * verify and recount agree.
 */
export function buildVote(
  cx: StreetComplex,
  key: string,
  o: { opensAt: Date; closesAt: Date; turnout: number; closed: boolean; title: string; noticeIds?: { meeting: string | null; result: string | null } },
): VoteDocs {
  const id = String(oid(`consultation:${key}`));
  const r = rng(key);
  const frozenAt = o.opensAt;
  const members = cx.dwellings.map((d, i) => ({
    _id: memberId(id, String(d._id)),
    consultationId: id,
    dwellingId: String(d._id),
    buildingCode: d.buildingCode,
    buildingName: `${d.buildingCode.split('-B')[1]}栋`,
    entranceCode: d.entranceCode,
    entranceName: `${d.entranceCode.split('-U')[1]}单元`,
    room: String(i),
    floor: 0,
    areaHundredths: d.areaHundredths,
    headcountKey: d.headcountKey,
    developerHeld: false,
  }));
  const summary = summarize(members as unknown as ElectorateMemberDoc[], frozenAt);
  const consultation: Record<string, unknown> = {
    _id: oid(`consultation:${key}`),
    kind: 'whether',
    title: o.title,
    description: '',
    titleBo: null,
    descriptionBo: null,
    complexCode: cx.code,
    areaPath: cx.path,
    scope: { level: 'complex', buildingCodes: [], entranceCode: null },
    questions: [QUESTION],
    allowChange: true,
    covenant: { enabled: false, clauseText: null },
    leadTimeHours: 360,
    opensAt: o.opensAt,
    closesAt: o.closesAt,
    status: 'open',
    projectId: null,
    createdBy: cx.committeeId,
    scheduledAt: new Date(o.opensAt.getTime() - 15 * 86_400_000),
    openedAt: frozenAt,
    closedAt: null,
    closeReason: null,
    closedBy: null,
    closeKind: null,
    closeOverride: null,
    liveResults: { enabled: false, reason: null },
    coOwnerRule: 'first_stands',
    announcedAt: null,
    noticeIds: o.noticeIds ?? { meeting: null, result: null },
    electorate: summary,
    result: null,
    createdAt: new Date(o.opensAt.getTime() - 16 * 86_400_000),
    updatedAt: frozenAt,
  };
  const log: LogEntryDoc[] = [];
  const append = (
    type: LogEntryDoc['type'],
    castId: string,
    body: Record<string, unknown>,
    dwellingId: string | null = null,
    headcountKey: string | null = null,
  ) => {
    const prev = log[log.length - 1];
    const seq = log.length + 1;
    const prevHash = prev?.hash ?? BALLOT_LOG_GENESIS;
    const b = JSON.parse(JSON.stringify({ ...body, type }));
    const salt = hex(`salt:${id}:${seq}`, 32);
    const hash = ballotEntryHash({ consultationId: id, seq, prevHash, body: b, salt });
    const e = {
      consultationId: id,
      seq,
      prevHash,
      hash,
      salt,
      receiptCode: receiptCodeOf(hash),
      castId,
      type,
      dwellingId,
      headcountKey,
      body: b,
    } as LogEntryDoc;
    log.push(e);
    return e;
  };
  append('open', 'open', {
    at: frozenAt.toISOString(),
    electorateDigest: summary.digest,
    dwellings: summary.dwellings,
    totalAreaHundredths: summary.totalAreaHundredths,
    totalHeadcount: summary.totalHeadcount,
    questionsDigest: sha256Hex(canonicalJson([QUESTION])),
    allowChange: true,
    covenant: false,
    scope: consultation.scope,
    closesAt: o.closesAt.toISOString(),
  });
  const ballots: object[] = [];
  const span = Math.max(1, Math.min(o.closesAt.getTime(), Date.now()) - o.opensAt.getTime());
  cx.dwellings.forEach((d, i) => {
    if (r() >= o.turnout) return;
    const dwellingId = String(d._id);
    const at = new Date(o.opensAt.getTime() + Math.floor((span * log.length) / (cx.dwellings.length + 2)));
    const choice = r() < 0.78 ? 'approve' : r() < 0.8 ? 'abstain' : 'reject';
    const castId = `k:${hex(`cast:${id}:${i}`, 16)}`;
    const answers = [{ questionId: QUESTION.id, choice }];
    append('cast', castId, { at: at.toISOString(), dwellingId, answers, actorId: cx.owners[i], via: 'owner', castId }, dwellingId, d.headcountKey);
    ballots.push({ questionId: QUESTION.id, dwellingId, answer: answers[0], source: 'electronic', seq: log.length });
  });
  if (o.closed) {
    const seal = append('close', 'close', { at: o.closesAt.toISOString(), kind: 'deadline', reason: 'deadline', closedBy: null });
    const result = buildResult(
      { questions: [QUESTION], covenant: { enabled: false, clauseText: null } },
      members as unknown as ElectorateMemberDoc[],
      ballots.map((b) => b as { questionId: string; dwellingId: string; answer: { questionId: string; choice: string } }) as never,
      seal,
      0,
      o.closesAt,
    );
    Object.assign(consultation, {
      status: 'announced',
      closedAt: o.closesAt,
      closeReason: 'deadline',
      closeKind: 'deadline',
      announcedAt: new Date(o.closesAt.getTime() + 3_600_000),
      result,
      updatedAt: o.closesAt,
    });
  }
  return { consultation, members, log: log.map((e) => ({ _id: `${id}:${e.seq}`, ...e })), pages: pageDocs(id, log), ballots };
}
