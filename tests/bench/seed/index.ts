import { ensureNoticeSummaries } from '../../../server/src/notices/migrate';
import { ensureUserReads } from '../../../server/src/notices/userReads';
import { ElectorateMember, type ElectorateMemberDoc } from '../../../server/src/consultations/ballotModels';
import { writeSnapshot } from '../../../server/src/consultations/electorateSnapshot';
import { listingOf } from '../../../server/src/consultations/listing';
import { Consultation } from '../../../server/src/consultations/model';
import { projectListingOf } from '../../../server/src/projects/listing';
import { Project } from '../../../server/src/projects/model';
import { Dwelling } from '../../../server/src/roster/model';
import { Notice } from '../../../server/src/notices/model';
import { setStats } from '../../../server/src/notices/noticeStats';
import { seedHistory, type StreetHistory } from './history';
import { seedStreet, type Street } from './street';

export type { Street, StreetComplex } from './street';
export type { StreetHistory } from './history';

/** The street office's roster and a year of history; mongoose must be connected to the target database. */
export async function seedBench(opts: {
  complexes: number;
  dwellings: number;
  secret: string;
  say?: (m: string) => void;
}): Promise<{ street: Street; history: StreetHistory; seconds: { roster: number; history: number; noticeSummaries: number; keptSummaries: number } }> {
  const t0 = performance.now();
  const street = await seedStreet(opts);
  const t1 = performance.now();
  opts.say?.(`roster: ${opts.complexes} complexes, ${opts.dwellings} dwellings, ${street.users} users in ${((t1 - t0) / 1000).toFixed(1)} s`);
  const history = await seedHistory(street);
  const t2 = performance.now();
  opts.say?.(
    `history: ${history.notices} notices, ${history.reads} reads, ${history.ballots} ballots, ${history.ratings} ratings in ${((t2 - t1) / 1000).toFixed(1)} s`,
  );
  // The history is written in the old receipt format; an upgraded server converts it once on its first notices
  // request (notices/migrate.ts). Done here, timed, so the read phases measure the steady state, not the upgrade.
  await ensureNoticeSummaries();
  await ensureUserReads();
  const t3 = performance.now();
  opts.say?.(`notice summaries: one-time conversion of ${history.reads} read records in ${((t3 - t2) / 1000).toFixed(1)} s`);
  // What the commands keep beside the rows they write, built once here as they would have been: each opened vote's
  // electorate copy (openConsultation) and the per-area lists of votes and projects (listing.ts).
  await keptSummaries();
  const t4 = performance.now();
  opts.say?.(`per-area lists and electorate copies in ${((t4 - t3) / 1000).toFixed(1)} s`);
  return {
    street,
    history,
    seconds: { roster: (t1 - t0) / 1000, history: (t2 - t1) / 1000, noticeSummaries: (t3 - t2) / 1000, keptSummaries: (t4 - t3) / 1000 },
  };
}

async function keptSummaries() {
  const byVote = new Map<string, ElectorateMemberDoc[]>();
  for (const m of await ElectorateMember.find({}).select('-_id').lean<ElectorateMemberDoc[]>())
    byVote.set(m.consultationId, [...(byVote.get(m.consultationId) ?? []), m]);
  for (const [id, members] of byVote) await writeSnapshot(id, members);
  const codes = async (rows: Promise<{ areaPath: string[] }[]>) => [...new Set((await rows).flatMap((r) => r.areaPath))];
  for (const code of await codes(Consultation.find({}).select('areaPath').lean())) await listingOf(code);
  for (const code of await codes(Project.find({}).select('areaPath').lean())) await projectListingOf(code);
  // The read rates' denominators, which the push counts when a notice is published (countAudience): one pass here.
  const dwellings = await Dwelling.find({}).select('areaPath buildingCode buildingName').lean();
  for (const n of await Notice.find({}).select('audienceCodes audienceDwellingIds').lean()) {
    const ids = new Set((n.audienceDwellingIds ?? []).map(String));
    const codes = new Set(n.audienceCodes ?? []);
    const per = new Map<string, { buildingCode: string; buildingName: string | null; total: number }>();
    for (const d of dwellings) {
      if (ids.size ? !ids.has(String(d._id)) : !d.areaPath.some((c) => codes.has(c))) continue;
      const b = per.get(d.buildingCode) ?? { buildingCode: d.buildingCode, buildingName: d.buildingName ?? null, total: 0 };
      b.total++;
      per.set(d.buildingCode, b);
    }
    await setStats(String(n._id), { audience: [...per.values()].sort((a, b) => a.buildingCode.localeCompare(b.buildingCode)) });
  }
}
