import { canonicalJson, tallyConsultation, type ConsultationResult, type LogAnswer } from '@gongzhi/shared';
import type { ElectorateMemberDoc, LogEntryDoc } from './ballotModels';
import type { ConsultationDoc } from './model';

/**
 * The frozen result of a consultation from an electorate and effective ballots. The same function serves the close
 * (ballots read from the ballots collection) and the recount (ballots replayed from the log), so equal inputs give
 * byte-equal results.
 */
export function buildResult(
  c: Pick<ConsultationDoc, 'questions' | 'covenant'>,
  members: readonly ElectorateMemberDoc[],
  ballots: readonly { questionId: string; dwellingId: string; answer: LogAnswer }[],
  seal: Pick<LogEntryDoc, 'seq' | 'hash' | 'body'>,
  unresolvedConflicts: number,
  computedAt: Date,
): ConsultationResult {
  const delivered = (seal.body as any).deliveredDwellingIds;
  const deliveredDwellingIds: string[] | null = c.covenant.enabled && Array.isArray(delivered) ? delivered : null;
  const questions = tallyConsultation({
    questions: c.questions.map((q) => ({ ...q, options: q.options ?? [] })),
    electorate: members.map((m) => ({ dwellingId: m.dwellingId, areaHundredths: m.areaHundredths, headcountKey: m.headcountKey })),
    ballots,
    covenant: { enabled: c.covenant.enabled, deliveredDwellingIds },
  });
  const override = (seal.body as any).conflictOverride as ConflictOverride | undefined;
  const reasons: string[] = [];
  if (override) {
    // Recorded in the result itself and in every decided question's reasons, so no reader of one figure misses it.
    const line = overrideSentence(override);
    reasons.push(line);
    for (const q of questions) {
      const t = q.tally as { reasons?: unknown };
      if (Array.isArray(t?.reasons)) t.reasons = [...t.reasons, line];
    }
  }
  return {
    computedAt: computedAt.toISOString(),
    finalHead: { seq: seal.seq, hash: seal.hash },
    ballots: new Set(ballots.map((b) => b.dwellingId)).size,
    unresolvedConflicts,
    deliveredDwellingIds,
    questions,
    reasons,
    conflictOverride: override ?? null,
  };
}

export interface ConflictOverride { reason: string; requestedBy: string; confirmedBy: string; paperSeqs: number[]; dwellings: string[] }

export const overrideSentence = (o: ConflictOverride) => (o.requestedBy === 'deadline'
  ? `投票截止时仍有 ${o.paperSeqs.length} 张纸质票与电子票的冲突未处理（${o.dwellings.join('、')}），按电子票计`
  : `${o.paperSeqs.length} 张纸质票与电子票的冲突未处理（${o.dwellings.join('、')}），经两名工作人员确认按电子票计，理由：${o.reason}`);

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
