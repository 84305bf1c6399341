import { describe, expect, it } from '@jest/globals';
import { summarizeRanking, tallyItems, tallyQuestion, type ElectorateDwelling } from '@gongzhi/shared';
import { arithmeticBlocks, questionVerdict } from './arithmetic';

// Four dwellings, one owner holding two of them (one person), areas in hundredths.
const electorate: ElectorateDwelling[] = [
  { dwellingId: 'a', areaHundredths: 8000, headcountKey: 'p1' },
  { dwellingId: 'b', areaHundredths: 6000, headcountKey: 'p1' },
  { dwellingId: 'c', areaHundredths: 9000, headcountKey: 'p2' },
  { dwellingId: 'd', areaHundredths: 7000, headcountKey: 'p3' },
];

describe('result arithmetic layout', () => {
  it('lays out participation and approval tests with numerators, denominators and the required values', () => {
    const tally = tallyQuestion({
      rule: 'civil_major',
      electorate,
      ballots: [
        { dwellingId: 'a', choice: 'approve' },
        { dwellingId: 'b', choice: 'approve' },
        { dwellingId: 'c', choice: 'approve' },
      ],
    });
    const blocks = arithmeticBlocks({
      questionId: 'renovate',
      title: '是否改造',
      format: 'yes_no',
      rule: 'civil_major',
      passed: tally.passed,
      winner: tally.winner,
      tally,
    });
    expect(blocks).toHaveLength(1);
    const [b] = blocks;
    expect(b.passed).toBe(true);
    expect(b.rows.map((r) => r.kind)).toEqual(['participationArea', 'participationHeadcount', 'approvalArea', 'approvalHeadcount']);
    expect(b.rows[0]).toMatchObject({ value: '230.00', base: '300.00', fraction: '2/3', comparison: 'gte', unit: 'area', passed: true, required: '200.00' });
    expect(b.rows[1]).toMatchObject({ value: '2', base: '3', unit: 'person', required: '2', passed: true });
    expect(b.rows[2]).toMatchObject({ value: '230.00', base: '230.00', fraction: '3/4', passed: true });
    expect(b.distribution.find((d) => d.label === '同意')).toMatchObject({ dwellings: 3, area: '230.00', headcount: 2 });
    expect(b.reasons.at(-1)).toContain('通过');
  });

  it('shows a failed quorum as failed even when everyone who voted agreed', () => {
    const tally = tallyQuestion({ rule: 'civil_ordinary', electorate, ballots: [{ dwellingId: 'd', choice: 'approve' }] });
    const [b] = arithmeticBlocks({ questionId: 'q', title: 'q', format: 'yes_no', rule: 'civil_ordinary', passed: tally.passed, winner: null, tally });
    expect(b.passed).toBe(false);
    expect(b.rows[0]).toMatchObject({ kind: 'participationArea', passed: false });
    expect(b.rows.find((r) => r.kind === 'approvalArea')).toMatchObject({ comparison: 'gt', fraction: '1/2', passed: true });
    expect(questionVerdict([b])).toBe(false);
  });

  it('labels approval rows of pick-one questions with the option', () => {
    const tally = tallyQuestion({
      rule: 'civil_ordinary',
      electorate,
      options: [
        { id: 'x', label: '方案一' },
        { id: 'y', label: '方案二' },
      ],
      ballots: [{ dwellingId: 'c', choice: 'x' }],
    });
    const [b] = arithmeticBlocks({
      questionId: 'q',
      title: 'q',
      format: 'pick_one',
      rule: 'civil_ordinary',
      passed: tally.passed,
      winner: tally.winner,
      tally,
    });
    expect(b.rows.filter((r) => r.kind === 'approvalHeadcount').map((r) => r.choiceLabel)).toEqual(['「方案一」', '「方案二」']);
  });

  it('gives each catalog item its own block and verdict', () => {
    const items = tallyItems({
      rule: 'civil_major',
      electorate,
      items: [
        { id: 'roof', label: '屋面' },
        { id: 'lift', label: '电梯' },
      ],
      ballots: ['a', 'b', 'c', 'd'].map((id) => ({
        dwellingId: id,
        choices: [
          { itemId: 'roof', choice: 'approve' as const },
          { itemId: 'lift', choice: id === 'd' ? ('approve' as const) : ('reject' as const) },
        ],
      })),
    });
    const blocks = arithmeticBlocks({ questionId: 'items', title: '逐项', format: 'items', rule: 'civil_major', passed: null, winner: null, tally: items });
    expect(blocks.map((b) => [b.title, b.passed])).toEqual([
      ['屋面', true],
      ['电梯', false],
    ]);
    expect(questionVerdict(blocks)).toBe(false);
  });

  it('reports surveys without a verdict', () => {
    const ranking = summarizeRanking({
      items: [
        { id: 'w', label: '供水' },
        { id: 'r', label: '道路' },
      ],
      maxChoices: 2,
      ballots: [{ dwellingId: 'a', ranking: ['r', 'w'] }],
    });
    const blocks = arithmeticBlocks({ questionId: 'needs', title: '需求', format: 'choose', rule: 'survey', passed: null, winner: null, tally: ranking });
    expect(blocks[0].passed).toBeNull();
    expect(blocks[0].distribution[0].label).toBe('1. 道路');
    const rating = arithmeticBlocks({
      questionId: 's',
      title: '满意度',
      format: 'rating',
      rule: 'survey',
      passed: null,
      winner: null,
      tally: { counts: [0, 0, 1, 2, 1], count: 4, mean: 4 },
    });
    expect(rating[0].distribution.map((d) => d.dwellings)).toEqual([0, 0, 1, 2, 1]);
    expect(rating[0].reasons).toEqual(['4.00 / 5']);
    expect(questionVerdict(rating)).toBeNull();
  });
});
