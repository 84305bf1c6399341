import { randomUUID } from 'node:crypto';
import type { Document } from 'mongodb';
import { canonicalJson, sha256Hex } from '@gongzhi/shared';
import { Consultation } from '../../server/src/consultations/model';
import { ElectorateMember, LogEntry } from '../../server/src/consultations/ballotModels';
import { memberId, summarize } from '../../server/src/consultations/electorate';
import { appendEntry } from '../../server/src/consultations/log';
import { refreshListings } from '../../server/src/consultations/listing';
import { Dwelling } from '../../server/src/roster/model';
import { writeSnapshot } from '../../server/src/consultations/electorateSnapshot';
import { clearDue, markDue } from '../../server/src/consultations/dueWork';

/**
 * Setup shortcut (not what is measured): opens a scheduled consultation the way openConsultation does — frozen
 * electorate rows, the genesis 'open' log entry with their digest, status 'open' — right after scheduling, before
 * opensAt, so the scheduler later finds the genesis entry and only confirms the status. Used by the bench and by
 * tests whose server runs with JOBS=false. Needs mongoose connected to the server's database; whole-complex scope only.
 */
export async function openDirect(id: string): Promise<void> {
  const c = await Consultation.findById(id).lean();
  if (!c || c.status === 'open') return;
  // The scheduler got there first (a loaded machine reaches opensAt sooner): it finishes the opening, openVote waits.
  if (await LogEntry.exists({ consultationId: id, castId: 'open' })) return;
  const dwellings = await Dwelling.find({ complexCode: c.complexCode }).sort({ buildingCode: 1, entranceCode: 1, floor: 1, room: 1 }).lean();
  const rows = dwellings.map((d) => ({
    consultationId: id,
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
  for (let i = 0; i < rows.length; i += 1000) {
    // The scheduler may be freezing the same rows right now (a loaded machine reaches opensAt first): same `_id`s, same content.
    await ElectorateMember.collection
      .insertMany(
        rows.slice(i, i + 1000).map((r) => ({ _id: memberId(id, r.dwellingId), ...r }) as Document),
        { ordered: false },
      )
      .catch((e: unknown) => {
        const writeErrors = (e as { writeErrors?: { code?: number } | { code?: number }[] } | null)?.writeErrors;
        if (!([] as { code?: number }[]).concat(writeErrors ?? []).every((x) => x.code === 11000) || !writeErrors) throw e;
      });
  }
  const summary = summarize(rows, new Date());
  let raced = false;
  await appendEntry(id, 'open', async () => ({
    type: 'open',
    body: {
      at: summary.frozenAt.toISOString(),
      freezeId: randomUUID().slice(0, 8),
      electorateDigest: summary.digest,
      dwellings: summary.dwellings,
      totalAreaHundredths: summary.totalAreaHundredths,
      totalHeadcount: summary.totalHeadcount,
      questionsDigest: sha256Hex(canonicalJson(c.questions)),
      allowChange: c.allowChange,
      covenant: c.covenant.enabled,
      scope: c.scope,
      closesAt: new Date(c.closesAt).toISOString(),
    },
  })).catch(async (e: unknown) => {
    // Raced the scheduler to the genesis entry (BALLOT_LOG_BUSY after its retries): its entry stands and it opens.
    if (!(await LogEntry.exists({ consultationId: id, castId: 'open' }))) throw e;
    raced = true;
  });
  if (raced) return;
  await Consultation.updateOne({ _id: c._id, status: 'scheduled' }, { $set: { status: 'open', openedAt: summary.frozenAt, electorate: summary } });
  await refreshListings(c); // the per-area lists show it open, as after openConsultation
  // The rest of what openConsultation keeps: the electorate copy live tallies read, and the close's timing hint.
  await writeSnapshot(id, rows);
  await markDue('close', id, new Date(c.closesAt));
  await clearDue('open', id);
}
