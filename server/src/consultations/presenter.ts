import type { BallotReceipt, ConsultationView } from '@gongzhi/shared';
import type { LogEntryDoc } from './ballotModels';
import type { ConsultationDoc } from './model';
import { presentAudio } from '../files';
import { bodyOf } from './logBody';

const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : null);

/** The voter's receipt for one log entry (cast or paper). */
export function presentReceipt(entry: LogEntryDoc): BallotReceipt {
  const b = bodyOf(entry);
  return {
    consultationId: entry.consultationId,
    dwellingId: String(b.dwellingId),
    receiptCode: entry.receiptCode,
    seq: entry.seq,
    entryHash: entry.hash,
    castAt: String(b.at),
    source: entry.type === 'paper' ? 'paper' : 'electronic',
    conflict: !!b.conflict,
    answers: b.answers ?? [],
  };
}

export function presentSummary(c: ConsultationDoc, participantCount?: number) {
  return {
    id: String(c._id),
    kind: c.kind,
    title: c.title,
    titleBo: c.titleBo ?? null,
    status: c.status,
    complexCode: c.complexCode,
    opensAt: iso(c.opensAt)!,
    closesAt: iso(c.closesAt)!,
    ...(participantCount === undefined ? {} : { participantCount }),
  };
}

export function presentConsultation(c: ConsultationDoc, participantCount?: number): ConsultationView {
  const e = c.electorate;
  return {
    ...presentSummary(c, participantCount),
    description: c.description,
    descriptionBo: c.descriptionBo ?? null,
    areaPath: c.areaPath,
    electorateScope: {
      level: c.scope.level,
      ...(c.scope.level === 'buildings' ? { buildingCodes: c.scope.buildingCodes } : {}),
      ...(c.scope.entranceCode ? { entranceCode: c.scope.entranceCode } : {}),
    },
    questions: c.questions,
    allowChange: c.allowChange,
    covenant: { enabled: c.covenant.enabled, clauseText: c.covenant.clauseText ?? null },
    liveResults: { enabled: !!c.liveResults?.enabled, reason: c.liveResults?.reason ?? null },
    coOwnerRule: c.coOwnerRule ?? 'first_stands',
    closeKind: c.closeKind ?? null,
    leadTimeHours: c.leadTimeHours,
    projectId: c.projectId ?? null,
    createdAt: iso(c.createdAt)!,
    scheduledAt: iso(c.scheduledAt),
    openedAt: iso(c.openedAt),
    closedAt: iso(c.closedAt),
    closeReason: c.closeReason ?? null,
    announcedAt: iso(c.announcedAt),
    electorate: e
      ? {
          frozenAt: iso(e.frozenAt)!,
          dwellings: e.dwellings,
          totalAreaHundredths: e.totalAreaHundredths,
          totalHeadcount: e.totalHeadcount,
          digest: e.digest,
        }
      : null,
    result: c.result ?? null,
    audio: presentAudio(c.audio),
  };
}
