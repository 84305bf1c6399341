import { electorateDigest } from '@gongzhi/shared';
import { dwellingsInScope } from '../roster';
import { ElectorateMember, type ElectorateMemberDoc } from './ballotModels';
import type { ConsultationDoc, ElectorateSummary } from './model';
import { memberId } from './ids';

const BATCH = 1000;

export function summarize(members: readonly ElectorateMemberDoc[], frozenAt: Date): ElectorateSummary {
  return {
    frozenAt,
    dwellings: members.length,
    totalAreaHundredths: members.reduce((s, m) => s + m.areaHundredths, 0),
    totalHeadcount: new Set(members.map((m) => m.headcountKey)).size,
    digest: electorateDigest(members),
  };
}

/**
 * Copies the electorate from the roster into `consultation_electorate`, one row per dwelling under a unique
 * (consultationId, dwellingId) index, in batches (10,000 dwellings is fine; the consultation document keeps only
 * totals and the digest). The caller holds the 'open' claim, so one worker freezes at a time.
 */
export async function freezeElectorate(
  c: Pick<ConsultationDoc, '_id' | 'complexCode' | 'scope'>,
): Promise<{ summary: ElectorateSummary; rows: ElectorateMemberDoc[] }> {
  const consultationId = String(c._id);
  const dwellings = await dwellingsInScope({
    complexCode: c.complexCode,
    buildingCodes: c.scope.level === 'buildings' ? c.scope.buildingCodes : undefined,
    entranceCode: c.scope.level === 'entrance' ? (c.scope.entranceCode ?? undefined) : undefined,
  });
  const rows: ElectorateMemberDoc[] = dwellings.map((d) => ({
    consultationId,
    dwellingId: String(d._id),
    buildingCode: d.buildingCode,
    buildingName: d.buildingName ?? '',
    entranceCode: d.entranceCode,
    entranceName: d.entranceName ?? '',
    room: String(d.room ?? ''),
    floor: d.floor ?? 0,
    areaHundredths: d.areaHundredths,
    headcountKey: d.headcountKey,
    developerHeld: !!d.developerHeld,
  }));
  for (let i = 0; i < rows.length; i += BATCH) {
    // lean: the rows are complete already; validating 10,000 of them would only cost time.
    await ElectorateMember.insertMany(
      rows.slice(i, i + BATCH).map((r) => ({ _id: memberId(consultationId, r.dwellingId), ...r })),
      { ordered: false, lean: true },
    );
  }
  return { summary: summarize(rows, new Date()), rows };
}

export { memberId } from './ids';

export async function loadElectorate(consultationId: string): Promise<ElectorateMemberDoc[]> {
  return ElectorateMember.find({ consultationId }).select('-_id').lean();
}

export const dwellingLabel = (m: Pick<ElectorateMemberDoc, 'buildingName' | 'entranceName' | 'room'>) => `${m.buildingName}${m.entranceName}${m.room}`;
