// A ballot being filled in, its checks and its wire form. Pure, so the vote screen's rules are unit-tested.
import type { MessageKey } from '../i18n/zh';
import type { Answer, Question } from './types';

export type YesNo = 'approve' | 'reject' | 'abstain';
export const YES_NO: YesNo[] = ['approve', 'reject', 'abstain'];

export interface DraftAnswer {
  choice?: string;
  items?: Record<string, YesNo>;
  picks?: string[];
  rating?: number;
  text?: string;
}
export type BallotDraft = Record<string, DraftAnswer>;

/** Toggle an option in a choose-up-to-N question: order of taps is the ranking; a full list refuses more. */
export function togglePick(picks: readonly string[], id: string, max: number): string[] {
  if (picks.includes(id)) return picks.filter((p) => p !== id);
  return picks.length >= max ? [...picks] : [...picks, id];
}

/** What is missing, per question (text questions are optional). */
export function ballotProblems(questions: readonly Question[], draft: BallotDraft): Record<string, MessageKey> {
  const problems: Record<string, MessageKey> = {};
  for (const q of questions) {
    const a = draft[q.id] ?? {};
    switch (q.format) {
      case 'yes_no':
      case 'pick_one':
        if (!a.choice) problems[q.id] = 'vote.err.choose';
        break;
      case 'items':
        if (q.options.some((o) => !a.items?.[o.id])) problems[q.id] = 'vote.err.items';
        break;
      case 'choose':
        if (!a.picks?.length) problems[q.id] = 'vote.err.pick';
        break;
      case 'rating':
        if (!a.rating) problems[q.id] = 'vote.err.rating';
        break;
      default:
        break;
    }
  }
  return problems;
}

/** The answers to send: one per answered question, each with only the field its format uses. */
export function draftToAnswers(questions: readonly Question[], draft: BallotDraft): Answer[] {
  const out: Answer[] = [];
  for (const q of questions) {
    const a = draft[q.id];
    if (!a) continue;
    switch (q.format) {
      case 'yes_no':
      case 'pick_one':
        if (a.choice) out.push({ questionId: q.id, choice: a.choice });
        break;
      case 'items':
        if (a.items) out.push({ questionId: q.id, items: q.options.filter((o) => a.items![o.id]).map((o) => ({ itemId: o.id, choice: a.items![o.id] })) });
        break;
      case 'choose':
        if (a.picks?.length) out.push({ questionId: q.id, picks: [...a.picks] });
        break;
      case 'rating':
        if (a.rating) out.push({ questionId: q.id, rating: a.rating });
        break;
      case 'text':
        if (a.text?.trim()) out.push({ questionId: q.id, text: a.text.trim() });
        break;
      default:
        break;
    }
  }
  return out;
}

/** A draft from answers already cast (to change a vote, starting from the current choices). */
export function answersToDraft(answers: readonly Answer[]): BallotDraft {
  const draft: BallotDraft = {};
  for (const a of answers) {
    draft[a.questionId] = {
      choice: a.choice,
      items: a.items ? Object.fromEntries(a.items.map((i) => [i.itemId, i.choice])) : undefined,
      picks: a.picks ? [...a.picks] : undefined,
      rating: a.rating,
      text: a.text,
    };
  }
  return draft;
}
