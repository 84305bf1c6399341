// A whole consultation's result from its frozen electorate and effective ballots: checks each answer against its
// question and sends each question to the shared tally rules (tallyQuestion, tallyItems, summarizeRanking, ratings).
// No arithmetic lives here; the same function runs at close (from stored ballots) and on recount (from the log).
import { ratingDistribution } from './evaluationRollup';
import type { LogAnswer } from './ballotReplay';
import { tallyQuestion } from './tally';
import { summarizeRanking, tallyItems } from './tallyItems';
import type { ElectorateDwelling } from './tallyCounts';
import type { Rule } from './thresholds';

export interface ConsultationQuestionDef {
  id: string;
  title: string;
  format: 'yes_no' | 'pick_one' | 'items' | 'choose' | 'rating' | 'text';
  rule: Rule;
  options: readonly { id: string; label: string }[];
  maxChoices?: number;
  ranked?: boolean;
}

const YES_NO = ['approve', 'reject', 'abstain'];

/** The answer reduced to the one field its question uses, or a Chinese message saying what is wrong. */
export function normalizeBallotAnswer(q: ConsultationQuestionDef, a: LogAnswer): { answer: LogAnswer } | { error: string } {
  const ids = new Set(q.options.map((o) => o.id));
  const base = { questionId: q.id };
  switch (q.format) {
    case 'yes_no':
      return a.choice && YES_NO.includes(a.choice) ? { answer: { ...base, choice: a.choice } } : { error: `「${q.title}」只能选择同意、反对或弃权` };
    case 'pick_one':
      return a.choice && (ids.has(a.choice) || a.choice === 'abstain') ? { answer: { ...base, choice: a.choice } } : { error: `「${q.title}」的选项不存在` };
    case 'items': {
      const items = a.items ?? [];
      if (items.length === 0) return { error: `「${q.title}」请对改造项目逐项表态` };
      if (items.some((i) => !ids.has(i.itemId))) return { error: `「${q.title}」中有不存在的改造项目` };
      if (new Set(items.map((i) => i.itemId)).size !== items.length) return { error: `「${q.title}」同一项目只能表态一次` };
      if (items.some((i) => !YES_NO.includes(i.choice))) return { error: `「${q.title}」只能选择同意、反对或弃权` };
      return { answer: { ...base, items: items.map((i) => ({ itemId: i.itemId, choice: i.choice })) } };
    }
    case 'choose': {
      const picks = a.picks ?? [];
      const max = q.maxChoices ?? q.options.length;
      if (picks.length === 0 || picks.length > max) return { error: `「${q.title}」请选择 1 至 ${max} 项` };
      if (picks.some((p) => !ids.has(p))) return { error: `「${q.title}」的选项不存在` };
      if (new Set(picks).size !== picks.length) return { error: `「${q.title}」选项重复` };
      return { answer: { ...base, picks: [...picks] } };
    }
    case 'rating':
      return Number.isInteger(a.rating) && a.rating! >= 1 && a.rating! <= 5
        ? { answer: { ...base, rating: a.rating } }
        : { error: `「${q.title}」请打 1 至 5 分` };
    case 'text':
      return typeof a.text === 'string' && a.text.trim().length > 0 ? { answer: { ...base, text: a.text.trim() } } : { error: `「${q.title}」请填写内容` };
    default:
      return { error: '未知题型' };
  }
}

export interface ConsultationTallyInput {
  questions: readonly ConsultationQuestionDef[];
  electorate: readonly ElectorateDwelling[];
  ballots: readonly { questionId: string; dwellingId: string; answer: LogAnswer }[];
  /** The covenant clause (送达未回票按多数计) and the recorded deliveries; off by default. */
  covenant?: { enabled: boolean; deliveredDwellingIds: readonly string[] | null };
}

export interface ConsultationQuestionOutcome {
  questionId: string;
  title: string;
  format: ConsultationQuestionDef['format'];
  rule: Rule;
  /** null where the question does not decide (surveys, per-item questions: see each item). */
  passed: boolean | null;
  winner: string | null;
  tally: unknown;
}

const byId = (a: { dwellingId: string }, b: { dwellingId: string }) => (a.dwellingId < b.dwellingId ? -1 : a.dwellingId > b.dwellingId ? 1 : 0);

/** Every question's outcome, in question order. Inputs are sorted first, so any order of ballots gives the same result. */
export function tallyConsultation(input: ConsultationTallyInput): ConsultationQuestionOutcome[] {
  const electorate = [...input.electorate].sort(byId);
  const covenant = input.covenant?.enabled
    ? { covenantUnreturnedFollowMajority: true, deliveredDwellingIds: input.covenant.deliveredDwellingIds ?? undefined }
    : {};
  return input.questions.map((q) => {
    const ballots = input.ballots.filter((b) => b.questionId === q.id).sort(byId);
    const head = { questionId: q.id, title: q.title, format: q.format, rule: q.rule };
    const options = q.options.map((o) => ({ id: o.id, label: o.label }));
    switch (q.format) {
      case 'yes_no':
      case 'pick_one': {
        const tally = tallyQuestion({
          rule: q.rule,
          electorate,
          ...covenant,
          options: q.format === 'pick_one' ? options : undefined,
          ballots: ballots.map((b) => ({ dwellingId: b.dwellingId, choice: b.answer.choice! })),
        });
        return { ...head, passed: tally.decides ? tally.passed : null, winner: tally.winner, tally };
      }
      case 'items': {
        const tally = tallyItems({
          rule: q.rule,
          electorate,
          items: options,
          ...covenant,
          ballots: ballots.map((b) => ({ dwellingId: b.dwellingId, choices: b.answer.items ?? [] })),
        });
        return { ...head, passed: null, winner: null, tally };
      }
      case 'choose': {
        const tally = summarizeRanking({
          items: options,
          maxChoices: q.maxChoices ?? options.length,
          ballots: ballots.map((b) => ({ dwellingId: b.dwellingId, ranking: b.answer.picks ?? [] })),
        });
        return { ...head, passed: null, winner: null, tally };
      }
      case 'rating':
        return { ...head, passed: null, winner: null, tally: ratingDistribution(ballots.map((b) => b.answer.rating!)) };
      default:
        return { ...head, passed: null, winner: null, tally: { responses: ballots.length } };
    }
  });
}
