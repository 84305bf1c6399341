// The frozen result of a consultation from its electorate and the effective ballots of the sealed log. One function
// for the server's close, its recount and the standalone verifier (tools/verifier), so equal inputs give equal bytes.
import type { LogAnswer } from './ballotReplay';
import { tallyConsultation, type ConsultationQuestionDef, type ConsultationQuestionOutcome } from './consultationTally';

export interface ConflictOverride {
  reason: string;
  requestedBy: string;
  confirmedBy: string;
  paperSeqs: number[];
  dwellings: string[];
  /** Ballots cast through a disputed binding/proxy, still undecided: they stay as cast (said in the sentence). */
  disputedSeqs?: number[];
}

export interface LogResult {
  computedAt: string;
  finalHead: { seq: number; hash: string };
  ballots: number;
  unresolvedConflicts: number;
  deliveredDwellingIds: string[] | null;
  questions: ConsultationQuestionOutcome[];
  reasons: string[];
  conflictOverride: ConflictOverride | null;
}

export interface LogResultInput {
  questions: readonly ConsultationQuestionDef[];
  covenantEnabled: boolean;
  electorate: readonly { dwellingId: string; areaHundredths: number; headcountKey: string }[];
  ballots: readonly { questionId: string; dwellingId: string; answer: LogAnswer }[];
  /** The close entry: its seq and hash are the final head; its body carries deliveries and any conflict override. */
  seal: { seq: number; hash: string; body: Record<string, unknown> };
  unresolvedConflicts: number;
  computedAt: string;
}

/** The sentence a close with unresolved conflicts puts in the result, every decided question's reasons and the notice. */
export const overrideSentence = (o: ConflictOverride) => {
  const what = o.disputedSeqs?.length
    ? `${o.paperSeqs.length} 张纸质票与电子票的冲突及 ${o.disputedSeqs.length} 张争议绑定/委托投出的票`
    : `${o.paperSeqs.length} 张纸质票与电子票的冲突`;
  return o.requestedBy === 'deadline'
    ? `投票截止时仍有 ${what}未处理（${o.dwellings.join('、')}），按电子票计`
    : `${what}未处理（${o.dwellings.join('、')}），经两名工作人员确认按电子票计，理由：${o.reason}`;
};

export function resultFromLog(input: LogResultInput): LogResult {
  const body = input.seal.body as { deliveredDwellingIds?: unknown; conflictOverride?: ConflictOverride };
  const deliveredDwellingIds = input.covenantEnabled && Array.isArray(body.deliveredDwellingIds) ? (body.deliveredDwellingIds as string[]) : null;
  const questions = tallyConsultation({
    questions: input.questions.map((q) => ({ ...q, options: q.options ?? [] })),
    electorate: input.electorate,
    ballots: input.ballots,
    covenant: { enabled: input.covenantEnabled, deliveredDwellingIds },
  });
  const override = body.conflictOverride;
  const reasons: string[] = [];
  if (override) {
    const line = overrideSentence(override);
    reasons.push(line);
    for (const q of questions) {
      const t = q.tally as { reasons?: unknown };
      if (Array.isArray(t?.reasons)) t.reasons = [...t.reasons, line];
    }
  }
  return {
    computedAt: input.computedAt,
    finalHead: { seq: input.seal.seq, hash: input.seal.hash },
    ballots: new Set(input.ballots.map((b) => b.dwellingId)).size,
    unresolvedConflicts: input.unresolvedConflicts,
    deliveredDwellingIds,
    questions,
    reasons,
    conflictOverride: override ?? null,
  };
}
