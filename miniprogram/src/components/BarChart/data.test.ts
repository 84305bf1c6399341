import { describe, expect, it } from '@jest/globals';
import { fundingBars, formatPermille, yesNoOf, liveTallyBars, participationGauge, permilleOf, progressBars, ratingBars, toBars } from './data';

describe('chart data', () => {
  it('computes shares in tenths of a percent, half up, from integers', () => {
    expect(permilleOf(1, 3)).toBe(333);
    expect(permilleOf(2, 3)).toBe(667);
    expect(permilleOf(1, 8)).toBe(125);
    expect(permilleOf(5, 0)).toBe(0);
    expect(permilleOf(9, 4)).toBe(1000);
    expect(formatPermille(667)).toBe('66.7%');
    expect(formatPermille(500)).toBe('50%');
  });

  it('keeps a small non-zero bar visible and a zero bar empty', () => {
    const bars = toBars(
      [
        { key: 'a', label: 'A', value: 1 },
        { key: 'b', label: 'B', value: 0 },
        { key: 'c', label: 'C', value: 999 },
      ],
      { base: 1000 },
    );
    expect(bars.map((b) => b.width)).toEqual([1, 0, 100]);
    expect(bars.map((b) => b.permille)).toEqual([1, 0, 999]);
  });

  it('without a base, scales to the largest value', () => {
    expect(
      toBars([
        { key: 'a', label: 'A', value: 5 },
        { key: 'b', label: 'B', value: 10 },
      ]).map((b) => b.width),
    ).toEqual([50, 100]);
  });

  it('live tally: one bar per choice against the electorate, coloured by meaning', () => {
    const bars = liveTallyBars(
      {
        options: [
          { key: 'choice:approve', label: '同意', dwellings: 30, areaHundredths: 1 },
          { key: 'choice:reject', label: '反对', dwellings: 6, areaHundredths: 1 },
          { key: 'choice:abstain', label: '弃权', dwellings: 0, areaHundredths: 0 },
        ],
      },
      48,
    );
    expect(bars.map((b) => [b.key, b.width, b.tone])).toEqual([
      ['choice:approve', 63, 'good'],
      ['choice:reject', 13, 'bad'],
      ['choice:abstain', 0, 'neutral'],
    ]);
    expect(yesNoOf('item:roof:reject')).toBe('reject');
    expect(yesNoOf('choice:plan-a')).toBeNull();
  });

  it('participation gauge: where the two-thirds line sits and whether it is reached', () => {
    expect(participationGauge(20, 45, 30)).toEqual({ permille: 444, width: 44, markerPercent: 67, reached: false });
    expect(participationGauge(30, 45, 30).reached).toBe(true);
    expect(participationGauge(3, 45, null)).toMatchObject({ markerPercent: null, reached: true });
  });

  it('funding plan: non-zero sources, largest first, shares of the total', () => {
    const bars = fundingBars(
      [
        { kind: 'central_subsidy', label: '中央', amountFen: 600 },
        { kind: 'residents', label: '居民', amountFen: 0 },
        { kind: 'region', label: '自治区', amountFen: 200 },
        { kind: 'county', label: '县', amountFen: 200 },
      ],
      1000,
      (f) => `${f / 100} 元`,
    );
    expect(bars.map((b) => [b.label, b.width, b.valueText])).toEqual([
      ['中央', 60, '6 元'],
      ['自治区', 20, '2 元'],
      ['县', 20, '2 元'],
    ]);
  });

  it('ratings: five rows from 5 stars down, shares of all ratings', () => {
    const bars = ratingBars([1, 0, 1, 2, 6], (s) => `${s}★`);
    expect(bars.map((b) => [b.label, b.value, b.permille])).toEqual([
      ['5★', 6, 600],
      ['4★', 2, 200],
      ['3★', 1, 100],
      ['2★', 0, 0],
      ['1★', 1, 100],
    ]);
  });

  it('progress: clamps to 0–100 and marks finished items', () => {
    const bars = progressBars([
      { id: 'a', name: '屋面', percent: 100 },
      { id: 'b', name: '管网', percent: 140 },
      { id: 'c', name: '电梯', percent: -3 },
    ]);
    expect(bars.map((b) => [b.width, b.tone])).toEqual([
      [100, 'good'],
      [100, 'good'],
      [0, 'primary'],
    ]);
  });
});
