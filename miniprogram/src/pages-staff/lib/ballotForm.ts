import type { BallotAnswer, ConsultationQuestion } from '@gongzhi/shared';
import type { MessageKey } from '../../i18n';

/** What the committee marked on a paper ballot, per question id (mirrors the printed form). */
export interface PaperMarks {
  /** yes_no / pick_one: approve|reject|abstain or an option id. */
  choice: Record<string, string>;
  /** items: questionId → itemId → choice. */
  items: Record<string, Record<string, 'approve' | 'reject' | 'abstain'>>;
  /** choose: picked option ids in order. */
  picks: Record<string, string[]>;
  rating: Record<string, number>;
  text: Record<string, string>;
}

export const emptyMarks = (): PaperMarks => ({ choice: {}, items: {}, picks: {}, rating: {}, text: {} });

/** Toggle an option in a choose question, keeping the order of picking and at most `max`. */
export function togglePick(current: readonly string[], id: string, max: number): string[] {
  if (current.includes(id)) return current.filter((x) => x !== id);
  if (current.length >= max) return [...current];
  return [...current, id];
}

/**
 * The ballot's answers. Questions left blank on paper are left out (the server records what was marked);
 * a ballot with nothing marked at all, no dwelling or no photo is refused before upload.
 */
export function paperAnswers(questions: readonly ConsultationQuestion[], m: PaperMarks): BallotAnswer[] {
  const out: BallotAnswer[] = [];
  for (const q of questions) {
    switch (q.format) {
      case 'yes_no':
      case 'pick_one':
        if (m.choice[q.id]) out.push({ questionId: q.id, choice: m.choice[q.id] });
        break;
      case 'items': {
        const marks = m.items[q.id] ?? {};
        const items = q.options.filter((o) => marks[o.id]).map((o) => ({ itemId: o.id, choice: marks[o.id] }));
        if (items.length) out.push({ questionId: q.id, items });
        break;
      }
      case 'choose':
        if ((m.picks[q.id] ?? []).length) out.push({ questionId: q.id, picks: m.picks[q.id] });
        break;
      case 'rating':
        if (m.rating[q.id]) out.push({ questionId: q.id, rating: m.rating[q.id] });
        break;
      case 'text':
        if ((m.text[q.id] ?? '').trim()) out.push({ questionId: q.id, text: m.text[q.id].trim() });
        break;
    }
  }
  return out;
}

export function paperBallotErrors(input: {
  dwellingId: string;
  photo: unknown;
  answers: readonly BallotAnswer[];
}): Partial<Record<'dwelling' | 'photo' | 'answers', MessageKey>> {
  const e: Partial<Record<'dwelling' | 'photo' | 'answers', MessageKey>> = {};
  if (!input.dwellingId) e.dwelling = 'staff.pb.pickDwelling';
  if (!input.photo) e.photo = 'staff.pb.needPhoto';
  if (input.answers.length === 0) e.answers = 'staff.pb.needAnswer';
  return e;
}
