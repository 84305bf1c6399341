import { tallyQuestion } from '@gongzhi/shared';
import { Consultation } from '../../server/src/consultations/model';
import { refreshListings } from '../../server/src/consultations/listing';
import { Dwelling } from '../../server/src/roster/model';
import { Project } from '../../server/src/projects/model';

/**
 * 方案公示 needs a decided 怎么改 vote: an announced 'how' consultation of the project's complex, linked by its
 * `projectId`, whose frozen result is the shared tally of the given share of households approving (all by default)
 * — as the consultations module stores it after close and announcement. Returns the consultation id.
 */
export interface DecidedVoteOpts {
  approving?: number;
  passed?: boolean;
  status?: 'closed' | 'announced';
  kind?: 'how' | 'whether';
  linked?: boolean;
}

export async function decidedHowVote(projectId: string, opts: DecidedVoteOpts = {}) {
  const p = (await Project.findById(projectId).lean())!;
  return decidedVote(
    { complexCode: p.complexCode, complexName: p.complexName, areaPath: p.areaPath, projectId: opts.linked === false ? null : projectId },
    opts,
  );
}

/** The same vote for a complex without a project (e.g. to print its result notice). */
export async function decidedVote(at: { complexCode: string; complexName: string; areaPath: string[]; projectId: string | null }, opts: DecidedVoteOpts = {}) {
  const dwellings = await Dwelling.find({ complexCode: at.complexCode }).lean();
  const electorate = dwellings.map((d) => ({ dwellingId: String(d._id), areaHundredths: d.areaHundredths, headcountKey: d.headcountKey }));
  const n = opts.approving ?? electorate.length;
  const ballots = electorate.slice(0, n).map((e) => ({ dwellingId: e.dwellingId, choice: 'approve' as const }));
  const tally = tallyQuestion({ rule: 'civil_major', electorate, ballots });
  const closedAt = new Date(Date.now() - 86_400_000);
  const c = await Consultation.create({
    kind: opts.kind ?? 'how',
    title: `${at.complexName}改造设计方案表决`,
    complexCode: at.complexCode,
    areaPath: at.areaPath,
    scope: { level: 'complex', buildingCodes: [], entranceCode: null },
    questions: [{ id: 'design', title: '是否同意改造设计方案', format: 'yes_no', rule: 'civil_major', options: [] }],
    leadTimeHours: 360,
    opensAt: new Date(closedAt.getTime() - 7 * 86_400_000),
    closesAt: closedAt,
    closedAt,
    status: opts.status ?? 'announced',
    announcedAt: opts.status === 'closed' ? null : closedAt,
    projectId: at.projectId,
    createdBy: 'seed',
    electorate: {
      frozenAt: new Date(closedAt.getTime() - 7 * 86_400_000),
      dwellings: electorate.length,
      digest: 'seed',
      totalAreaHundredths: electorate.reduce((a, e) => a + e.areaHundredths, 0),
      totalHeadcount: new Set(electorate.map((e) => e.headcountKey)).size,
    },
    result: {
      computedAt: closedAt.toISOString(),
      finalHead: { seq: 0, hash: 'seed' },
      ballots: ballots.length,
      unresolvedConflicts: 0,
      deliveredDwellingIds: null,
      questions: [
        {
          questionId: 'design',
          title: '是否同意改造设计方案',
          format: 'yes_no',
          rule: 'civil_major',
          passed: opts.passed ?? tally.passed,
          winner: tally.winner,
          tally,
        },
      ],
    },
  });
  await refreshListings(c); // written directly: keep the lists as the commands would
  return String(c._id);
}
