import fc from 'fast-check';
import { RuleInputError } from './numbers';
import { summarizeRanking, tallyItems } from './tallyItems';

const electorate = [0, 1, 2, 3].map((i) => ({ dwellingId: `d${i}`, areaHundredths: 10000, headcountKey: `p${i}` }));
const items = [
  { id: 'roof', label: '屋面防水' },
  { id: 'lift', label: '加装电梯' },
];

describe('tallyItems', () => {
  it('judges every item on its own under the same rule', () => {
    const results = tallyItems({
      rule: 'civil_major',
      electorate,
      items,
      ballots: [
        {
          dwellingId: 'd0',
          choices: [
            { itemId: 'roof', choice: 'approve' },
            { itemId: 'lift', choice: 'approve' },
          ],
        },
        {
          dwellingId: 'd1',
          choices: [
            { itemId: 'roof', choice: 'approve' },
            { itemId: 'lift', choice: 'reject' },
          ],
        },
        { dwellingId: 'd2', choices: [{ itemId: 'roof', choice: 'approve' }] },
      ],
    });
    expect(results.map((r) => [r.itemId, r.label, r.result.passed])).toEqual([
      ['roof', '屋面防水', true],
      ['lift', '加装电梯', false],
    ]);
    // d2 skipped the lift item, so only 2 of 4 took part in it: below two thirds.
    expect(results[1].result.plain.participatingHeadcount).toBe(2);
    expect(results[1].result.plain.participation?.passed).toBe(false);
  });
  it('rejects unknown items and duplicate ballots', () => {
    expect(() =>
      tallyItems({ rule: 'civil_major', electorate, items, ballots: [{ dwellingId: 'd0', choices: [{ itemId: 'x', choice: 'approve' }] }] }),
    ).toThrow(RuleInputError);
    const b = { dwellingId: 'd0', choices: [] };
    expect(() => tallyItems({ rule: 'civil_major', electorate, items, ballots: [b, b] })).toThrow(RuleInputError);
  });
});

describe('summarizeRanking', () => {
  const five = ['a', 'b', 'c', 'd', 'e'];
  it('counts picks and Borda points for choose-up-to-N', () => {
    const s = summarizeRanking({
      items: five,
      maxChoices: 3,
      ballots: [
        { dwellingId: 'd0', ranking: ['a', 'b', 'c'] },
        { dwellingId: 'd1', ranking: ['b', 'a'] },
        { dwellingId: 'd2', ranking: ['c'] },
      ],
    });
    expect(s.decides).toBe(false);
    expect(s.rows.map((r) => [r.itemId, r.bordaPoints, r.picks, r.firstChoices, r.rank])).toEqual([
      ['a', 5, 2, 1, 1],
      ['b', 5, 2, 1, 1],
      ['c', 4, 2, 1, 3],
      ['d', 0, 0, 0, 4],
      ['e', 0, 0, 0, 4],
    ]);
  });
  it('rejects too many choices, repeats and unknown items', () => {
    expect(() => summarizeRanking({ items: five, maxChoices: 1, ballots: [{ dwellingId: 'd0', ranking: ['a', 'b'] }] })).toThrow(RuleInputError);
    expect(() => summarizeRanking({ items: five, ballots: [{ dwellingId: 'd0', ranking: ['a', 'a'] }] })).toThrow(RuleInputError);
    expect(() => summarizeRanking({ items: five, ballots: [{ dwellingId: 'd0', ranking: ['z'] }] })).toThrow(RuleInputError);
  });
  it('property: total Borda points equal the sum over ballots, independent of ballot order', () => {
    const ranking = fc.shuffledSubarray(five, { maxLength: 3 });
    fc.assert(
      fc.property(fc.array(ranking, { maxLength: 20 }), (rankings) => {
        const ballots = rankings.map((r, i) => ({ dwellingId: `d${i}`, ranking: r }));
        const s = summarizeRanking({ items: five, maxChoices: 3, ballots });
        const expected = rankings.reduce((acc, r) => acc + r.reduce((x, _, p) => x + 3 - p, 0), 0);
        expect(s.rows.reduce((acc, r) => acc + r.bordaPoints, 0)).toBe(expected);
        expect(summarizeRanking({ items: five, maxChoices: 3, ballots: [...ballots].reverse() })).toEqual(s);
      }),
    );
  });
});
