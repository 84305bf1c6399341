import { describe, expect, it } from '@jest/globals';
import { tallyQuestion } from '@gongzhi/shared/src/rules/tally';
import { arithmeticOf, decidingCounts, isTallyResult } from './result';
import { estimateHouseholdShare } from './shares';

// Four dwellings of 100.00 ㎡ each, one person each; three approve, one rejects (civil_major: 2/3 take part, 3/4 agree).
const electorate = ['d1', 'd2', 'd3', 'd4'].map((id) => ({ dwellingId: id, areaHundredths: 10000, headcountKey: id }));

describe('the result arithmetic shown to residents', () => {
  it('lists participation and approval with numerators, denominators, required values and pass/fail', () => {
    const r = tallyQuestion({
      rule: 'civil_major',
      electorate,
      ballots: [
        { dwellingId: 'd1', choice: 'approve' },
        { dwellingId: 'd2', choice: 'approve' },
        { dwellingId: 'd3', choice: 'approve' },
        { dwellingId: 'd4', choice: 'reject' },
      ],
    });
    expect(isTallyResult(r)).toBe(true);
    const lines = arithmeticOf(decidingCounts(r), r.winner);
    expect(lines.map((l) => [l.stage, l.measure, l.value, l.base, l.percent, l.fraction, l.required, l.passed])).toEqual([
      ['participation', 'area', '400.00㎡', '400.00㎡', '100%', '2/3', '266.67㎡', true],
      ['participation', 'headcount', '4', '4', '100%', '2/3', '3', true],
      ['approval', 'area', '300.00㎡', '400.00㎡', '75%', '3/4', '300.00㎡', true],
      ['approval', 'headcount', '3', '4', '75%', '3/4', '3', true],
    ]);
    expect(r.passed).toBe(true);
  });

  it('shows why a vote failed: too few took part', () => {
    const r = tallyQuestion({
      rule: 'civil_major',
      electorate,
      ballots: [
        { dwellingId: 'd1', choice: 'approve' },
        { dwellingId: 'd2', choice: 'approve' },
      ],
    });
    const lines = arithmeticOf(decidingCounts(r), r.winner);
    expect(lines[0]).toMatchObject({ stage: 'participation', value: '200.00㎡', percent: '50%', passed: false });
    expect(r.passed).toBe(false);
  });
});

describe("my household's share of an option", () => {
  it('splits the residents’ total by area to the fen, and both parts add up', () => {
    const est = estimateHouseholdShare({ averageFen: 100000, dwellings: 3, totalAreaHundredths: 30000, myAreaHundredths: 12000 })!;
    expect(est.totalFen).toBe(300000);
    expect(est.shareFen).toBe(120000);
    const odd = estimateHouseholdShare({ averageFen: 1, dwellings: 3, totalAreaHundredths: 3, myAreaHundredths: 1 })!;
    expect(odd.shareFen).toBe(1);
  });
  it('gives nothing when there is nothing to estimate from', () => {
    expect(estimateHouseholdShare({ averageFen: undefined, dwellings: 3, totalAreaHundredths: 1, myAreaHundredths: 1 })).toBeNull();
    expect(estimateHouseholdShare({ averageFen: 5, dwellings: 0, totalAreaHundredths: 1, myAreaHundredths: 1 })).toBeNull();
  });
});
