import { describe, expect, it } from '@jest/globals';
import { answersToDraft, ballotProblems, draftToAnswers, togglePick } from './ballot';
import type { Question } from './types';

const q = (id: string, format: Question['format'], options: string[] = [], extra: Partial<Question> = {}): Question => ({
  id,
  title: id,
  format,
  rule: format === 'yes_no' || format === 'pick_one' || format === 'items' ? 'civil_major' : 'survey',
  options: options.map((o) => ({ id: o, label: o.toUpperCase() })),
  ...extra,
});
const questions = [
  q('renovate', 'yes_no'),
  q('design', 'pick_one', ['a', 'b']),
  q('items', 'items', ['roof', 'pipes']),
  q('priority', 'choose', ['roof', 'pipes', 'lift'], { maxChoices: 2, ranked: true }),
  q('sat', 'rating'),
  q('advice', 'text'),
];

describe('the ballot being filled in', () => {
  it('lists every unanswered question except free text', () => {
    expect(ballotProblems(questions, {})).toEqual({
      renovate: 'vote.err.choose',
      design: 'vote.err.choose',
      items: 'vote.err.items',
      priority: 'vote.err.pick',
      sat: 'vote.err.rating',
    });
    expect(ballotProblems(questions, { items: { items: { roof: 'approve' } } }).items).toBe('vote.err.items');
  });

  it('sends only the field each format uses, and skips empty text', () => {
    const draft = {
      renovate: { choice: 'approve' },
      design: { choice: 'b' },
      items: { items: { pipes: 'reject' as const, roof: 'approve' as const } },
      priority: { picks: ['lift', 'roof'] },
      sat: { rating: 4 },
      advice: { text: '   ' },
    };
    expect(ballotProblems(questions, draft)).toEqual({});
    expect(draftToAnswers(questions, draft)).toEqual([
      { questionId: 'renovate', choice: 'approve' },
      { questionId: 'design', choice: 'b' },
      {
        questionId: 'items',
        items: [
          { itemId: 'roof', choice: 'approve' },
          { itemId: 'pipes', choice: 'reject' },
        ],
      },
      { questionId: 'priority', picks: ['lift', 'roof'] },
      { questionId: 'sat', rating: 4 },
    ]);
  });

  it('round-trips a cast ballot into a draft for changing the vote', () => {
    const answers = [
      { questionId: 'renovate', choice: 'reject' },
      { questionId: 'items', items: [{ itemId: 'roof', choice: 'abstain' as const }] },
    ];
    const draft = answersToDraft(answers);
    expect(draft.renovate.choice).toBe('reject');
    expect(draft.items.items).toEqual({ roof: 'abstain' });
  });

  it('ranks picks in tap order and refuses more than the maximum', () => {
    let picks: string[] = [];
    picks = togglePick(picks, 'lift', 2);
    picks = togglePick(picks, 'roof', 2);
    expect(togglePick(picks, 'pipes', 2)).toEqual(['lift', 'roof']);
    expect(togglePick(picks, 'lift', 2)).toEqual(['roof']);
  });
});
