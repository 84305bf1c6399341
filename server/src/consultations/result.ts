import { canonicalJson, resultFromLog, type ConsultationResult, type LogAnswer } from '@gongzhi/shared';
import type { ElectorateMemberDoc, LogEntryDoc } from './ballotModels';
import type { ConsultationDoc } from './model';

/**
 * The frozen result of a consultation from an electorate and the effective ballots of the sealed log: the shared
 * resultFromLog, which the recount and the standalone verifier run too, so equal inputs give byte-equal results.
 */
export function buildResult(
  c: Pick<ConsultationDoc, 'questions' | 'covenant'>,
  members: readonly ElectorateMemberDoc[],
  ballots: readonly { questionId: string; dwellingId: string; answer: LogAnswer }[],
  seal: Pick<LogEntryDoc, 'seq' | 'hash' | 'body'>,
  unresolvedConflicts: number,
  computedAt: Date,
): ConsultationResult {
  return resultFromLog({
    questions: c.questions.map((q) => ({ ...q, options: q.options ?? [] })),
    covenantEnabled: c.covenant.enabled,
    electorate: members.map((m) => ({ dwellingId: m.dwellingId, areaHundredths: m.areaHundredths, headcountKey: m.headcountKey })),
    ballots,
    seal,
    unresolvedConflicts,
    computedAt: computedAt.toISOString(),
  });
}

/** Field-by-field differences between an announced and a recomputed result (computedAt ignored). */
export function resultDifferences(a: ConsultationResult, b: ConsultationResult): string[] {
  const diffs: string[] = [];
  const j = (x: unknown) => JSON.stringify(x);
  if (j(a.finalHead) !== j(b.finalHead)) diffs.push('最终哈希不同');
  if (a.ballots !== b.ballots) diffs.push(`投票户数不同：${a.ballots} / ${b.ballots}`);
  if (a.unresolvedConflicts !== b.unresolvedConflicts) diffs.push('未处理冲突数不同');
  if (j(a.deliveredDwellingIds) !== j(b.deliveredDwellingIds)) diffs.push('送达记录不同');
  const n = Math.max(a.questions.length, b.questions.length);
  for (let i = 0; i < n; i++) {
    const qa = a.questions[i];
    const qb = b.questions[i];
    if (!qa || !qb || qa.questionId !== qb.questionId) diffs.push(`第 ${i + 1} 个事项不对应`);
    else if (canonical(qa) !== canonical(qb)) diffs.push(`事项「${qa.title}」的计票不同`);
  }
  return diffs;
}

const canonical = (x: unknown) => canonicalJson(JSON.parse(JSON.stringify(x)));
