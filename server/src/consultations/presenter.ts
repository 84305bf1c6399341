import type { BallotReceipt, ConsultationAbilities, ConsultationView } from '@gongzhi/shared';
import type { AuthUser } from '../platform/http/route';
import { callerRights, electorateDwellingsOf, scoped, type CallerRights } from './access';
import type { LogEntryDoc } from './ballotModels';
import type { ConsultationDoc } from './model';
import { presentAudio } from '../files';
import { bodyOf } from './logBody';
import { canAuditBallots, canManageConsultation, canVerifyConsultation, canVoteIn } from './policy';

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

/** What a list row needs (the listing documents hold just this, see listing.ts). */
export type SummaryFields = Pick<ConsultationDoc, 'kind' | 'title' | 'titleBo' | 'status' | 'complexCode' | 'opensAt' | 'closesAt'> & { _id: unknown };

export function presentSummary(c: SummaryFields, participantCount?: number) {
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

/** The caller's abilities, from the policies the routes authorize with (manage, ballots, verify and audit routes). */
export async function consultationAbilities(user: AuthUser, c: ConsultationDoc, known?: CallerRights): Promise<ConsultationAbilities> {
  const rights = await (known ?? callerRights(user))();
  const electorateIds = await electorateDwellingsOf(user, String(c._id), rights);
  return {
    canManage: canManageConsultation(user, c),
    canVote: canVoteIn(rights, c.kind, electorateIds),
    canVerify: canVerifyConsultation(user, scoped(c), electorateIds.length > 0),
    canAudit: canAuditBallots(user, scoped(c)),
  };
}

export function presentConsultation(c: ConsultationDoc, participantCount?: number, abilities?: ConsultationAbilities): ConsultationView {
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
    ...(abilities ? { abilities } : {}),
  };
}
