import { normalizeBallotAnswer, type BallotAnswer, type ConsultationQuestion, type LogAnswer } from '@gongzhi/shared';
import { unprocessable } from '../platform/errors';

/**
 * Checks a ballot's answers against the consultation's questions (shared rule: the mini-program runs the same
 * check) and returns them reduced to the field each question uses. Any problem → 422 with a stable code.
 */
export function checkAnswers(questions: readonly ConsultationQuestion[], answers: readonly BallotAnswer[]): LogAnswer[] {
  const seen = new Set<string>();
  return answers.map((a) => {
    const q = questions.find((x) => x.id === a.questionId);
    if (!q) throw unprocessable('UNKNOWN_QUESTION', `表决事项不存在：${a.questionId}`, { questionId: a.questionId });
    if (seen.has(q.id)) throw unprocessable('DUPLICATE_ANSWER', `同一事项只能作答一次：${q.title}`, { questionId: q.id });
    seen.add(q.id);
    const r = normalizeBallotAnswer({ ...q, options: q.options ?? [] }, a);
    if ('error' in r) throw unprocessable('INVALID_CHOICE', r.error, { questionId: q.id });
    return r.answer;
  });
}
