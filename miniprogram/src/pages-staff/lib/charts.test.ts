import { describe, expect, it } from '@jest/globals';
import { naturalCompare, participationBars, participationTotals, ratioBar, readRateBars, toneFor } from './charts';

const units = { dwellings: '户' };

describe('chart data', () => {
  it('orders buildings naturally: 2栋 before 10栋', () => {
    expect(['10栋', '2栋', '1栋', '1栋A'].sort(naturalCompare)).toEqual(['1栋', '1栋A', '2栋', '10栋']);
  });

  it('tones a share against a target by cross-multiplication (exactly 2/3 reaches it)', () => {
    const t = { num: 2, den: 3 };
    expect(toneFor(2, 3, t)).toBe('good');
    expect(toneFor(10, 16, t)).toBe('warn'); // 62.5% < 66.7% but over half the target
    expect(toneFor(5, 16, t)).toBe('bad');
    expect(toneFor(0, 0, t)).toBe('neutral');
  });

  it('builds participation bars by building with counts, areas and the share that voted', () => {
    const bars = participationBars(
      [
        { buildingCode: 'B10', buildingName: '10栋', dwellings: 4, voted: 4, areaHundredths: 40000, votedAreaHundredths: 40000 },
        { buildingCode: 'B2', buildingName: '2栋', dwellings: 16, voted: 1, areaHundredths: 130584, votedAreaHundredths: 8762 },
      ],
      units,
    );
    expect(bars.map((b) => b.label)).toEqual(['2栋', '10栋']);
    expect(bars[0]).toMatchObject({ width: 6.3, permille: 63, valueText: '6.3%', detail: '1 / 16 户 · 87.62 / 1305.84㎡', tone: 'bad' });
    expect(bars[1]).toMatchObject({ width: 100, valueText: '100.0%', tone: 'good' });
    expect(participationTotals([])).toMatchObject({ dwellings: 0, voted: 0, percentText: '—' });
  });

  it('builds read-rate bars and falls back to the code for a building without a name', () => {
    const bars = readRateBars(
      [
        { buildingCode: 'X-B1', buildingName: null, total: 8, read: 8 },
        { buildingCode: 'X-B0', buildingName: '1栋', total: 16, read: 4 },
      ],
      units,
    );
    expect(bars.map((b) => b.label)).toEqual(['1栋', 'X-B1']);
    expect(bars[0]).toMatchObject({ valueText: '25.0%', detail: '4 / 16 户', tone: 'neutral' });
    expect(bars[1].tone).toBe('good');
  });

  it('shows missing data as a dash, never as zero per cent', () => {
    expect(ratioBar('a', 'A', 0, 0)).toMatchObject({ valueText: '—', width: 0, tone: 'neutral' });
    expect(ratioBar('a', 'A', 2, 3, '¥2 / ¥3')).toMatchObject({ valueText: '66.7%', width: 66.7, detail: '¥2 / ¥3', tone: 'good' });
  });
});
