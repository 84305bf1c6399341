import { electorateDigest } from '@gongzhi/shared';
import { dwellingsInScope } from '../roster/queries';
import { ElectorateMember, type ElectorateMemberDoc } from './ballotModels';
import type { ConsultationDoc, ElectorateSummary } from './model';

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

const staging = (consultationId: string, freezeId: string) => `${consultationId}#${freezeId}`;

/**
 * Copies the electorate from the roster into `consultation_electorate` under a staging id (`<id>#<freezeId>`),
 * in batches (10,000 dwellings is fine; the consultation document only keeps totals and the digest). Several
 * attempts may run at once (two instances, or a retry after a crash); only the attempt whose 'open' log entry is
 * inserted first is adopted (adoptFrozen renames its rows), the others are discarded.
 */
export async function freezeElectorate(c: Pick<ConsultationDoc, '_id' | 'complexCode' | 'scope'>, freezeId: string): Promise<ElectorateSummary> {
  const consultationId = String(c._id);
  const dwellings = await dwellingsInScope({
    complexCode: c.complexCode,
    buildingCodes: c.scope.level === 'buildings' ? c.scope.buildingCodes : undefined,
    entranceCode: c.scope.level === 'entrance' ? c.scope.entranceCode ?? undefined : undefined,
  });
  const rows: ElectorateMemberDoc[] = dwellings.map((d) => ({
    consultationId: staging(consultationId, freezeId), dwellingId: String(d._id), buildingCode: d.buildingCode,
    buildingName: d.buildingName ?? '', entranceCode: d.entranceCode, entranceName: d.entranceName ?? '', room: String(d.room ?? ''),
    floor: d.floor ?? 0, areaHundredths: d.areaHundredths, headcountKey: d.headcountKey, developerHeld: !!d.developerHeld,
  }));
  for (let i = 0; i < rows.length; i += BATCH) {
    await ElectorateMember.collection.insertMany(rows.slice(i, i + BATCH).map((r) => ({ ...r })), { ordered: false });
  }
  return summarize(rows, new Date());
}

/** Makes the winning attempt's rows the electorate (idempotent) and removes every other attempt's rows. */
export async function adoptFrozen(consultationId: string, freezeId: string) {
  await ElectorateMember.updateMany({ consultationId: staging(consultationId, freezeId) }, { $set: { consultationId } });
  await ElectorateMember.deleteMany({ consultationId: { $regex: `^${consultationId}#` } });
}

export async function discardFrozen(consultationId: string, freezeId: string) {
  await ElectorateMember.deleteMany({ consultationId: staging(consultationId, freezeId) });
}

export async function loadElectorate(consultationId: string): Promise<ElectorateMemberDoc[]> {
  return ElectorateMember.find({ consultationId }).select('-_id').lean();
}

/** For other domains (notices audiences): the frozen electorate's dwelling ids; empty before opening. */
export async function electorateDwellingIds(consultationId: string): Promise<string[]> {
  const rows = await ElectorateMember.find({ consultationId }).select('dwellingId').lean();
  return rows.map((r) => r.dwellingId);
}

export const dwellingLabel = (m: Pick<ElectorateMemberDoc, 'buildingName' | 'entranceName' | 'room'>) =>
  `${m.buildingName}${m.entranceName}${m.room}`;
