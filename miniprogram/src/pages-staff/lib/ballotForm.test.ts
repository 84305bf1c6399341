import { describe, expect, it } from '@jest/globals';
import { BallotAnswer, type ConsultationQuestion } from '@gongzhi/shared';
import { emptyMarks, paperAnswers, paperBallotErrors, togglePick } from './ballotForm';

const questions: ConsultationQuestion[] = [
  { id: 'renovate', title: '是否改造', format: 'yes_no', rule: 'civil_major', options: [] },
  {
    id: 'items',
    title: '逐项',
    format: 'items',
    rule: 'civil_major',
    options: [
      { id: 'roof', label: '屋面' },
      { id: 'lift', label: '电梯' },
    ],
  },
  {
    id: 'priority',
    title: '优先',
    format: 'choose',
    rule: 'survey',
    ranked: true,
    maxChoices: 2,
    options: [
      { id: 'roof', label: '屋面' },
      { id: 'lift', label: '电梯' },
      { id: 'road', label: '道路' },
    ],
  },
  { id: 'sat', title: '满意度', format: 'rating', rule: 'survey', options: [] },
  { id: 'advice', title: '建议', format: 'text', rule: 'survey', options: [] },
];

describe('paper ballot marks', () => {
  it('keeps the order of picking and at most the allowed number', () => {
    expect(togglePick([], 'road', 2)).toEqual(['road']);
    expect(togglePick(['road', 'roof'], 'lift', 2)).toEqual(['road', 'roof']);
    expect(togglePick(['road', 'roof'], 'road', 2)).toEqual(['roof']);
  });

  it('turns marks into answers the server schema accepts, leaving blank questions out', () => {
    const m = emptyMarks();
    m.choice.renovate = 'approve';
    m.items.items = { lift: 'reject' };
    m.picks.priority = ['road', 'roof'];
    m.rating.sat = 4;
    m.text.advice = '  多种树  ';
    const answers = paperAnswers(questions, m);
    expect(answers).toEqual([
      { questionId: 'renovate', choice: 'approve' },
      { questionId: 'items', items: [{ itemId: 'lift', choice: 'reject' }] },
      { questionId: 'priority', picks: ['road', 'roof'] },
      { questionId: 'sat', rating: 4 },
      { questionId: 'advice', text: '多种树' },
    ]);
    for (const a of answers) expect(BallotAnswer.safeParse(a).success).toBe(true);
    expect(paperAnswers(questions, emptyMarks())).toEqual([]);
  });

  it('refuses a ballot without a dwelling, a photo or any mark', () => {
    expect(paperBallotErrors({ dwellingId: '', photo: null, answers: [] })).toEqual({
      dwelling: 'staff.pb.pickDwelling',
      photo: 'staff.pb.needPhoto',
      answers: 'staff.pb.needAnswer',
    });
    expect(paperBallotErrors({ dwellingId: 'd1', photo: { path: 'blob:x' }, answers: [{ questionId: 'renovate', choice: 'reject' }] })).toEqual({});
  });
});
