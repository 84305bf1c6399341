import type { TransitionFacts } from '@gongzhi/shared';
import type { ConsultationDoc } from '../consultations';
import { consultationsFor } from '../consultations';
import { noticesByIds } from '../notices';
import type { ProjectDoc } from './model';
import { presentFunding } from './presenter';

/** 怎么改 decided = announced, at least one question passed and none failed (a pick-one with a winner passes). */
export function isDecidedHowVote(c: Pick<ConsultationDoc, 'kind' | 'status' | 'result'>): boolean {
  if (c.kind !== 'how' || c.status !== 'announced' || !c.result) return false;
  const passed = c.result.questions.map((q) => q.passed);
  return passed.includes(true) && !passed.includes(false);
}

/** What the stage rules need to know about a project, read from its linked votes and notices. */
export async function stageFactsOf(p: ProjectDoc): Promise<TransitionFacts> {
  const [votes, notices] = await Promise.all([consultationsFor([String(p._id)], p.consultationIds), noticesByIds(p.noticeIds)]);
  return {
    itemCount: p.items.length,
    fundingBalanced: p.funding ? presentFunding(p)!.balanced : null,
    acceptancePassed: p.acceptance ? p.acceptance.passed : null,
    howVoteDecided: votes.some(isDecidedHowVote),
    planNoticePublished: notices.some((n: { kind?: string; status?: string }) => n.kind === 'plan_publicity' && n.status === 'published'),
  };
}
