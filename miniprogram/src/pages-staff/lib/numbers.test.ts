import { describe, expect, it } from '@jest/globals';
import { barPercent, formatArea, fractionText, parseYuanToFen, percentText } from './numbers';

describe('numbers for display', () => {
  it('formats areas from integer hundredths without float drift', () => {
    expect(formatArea(387752)).toBe('3877.52');
    expect(formatArea(6000)).toBe('60.00');
    expect(formatArea(5)).toBe('0.05');
    expect(formatArea(0)).toBe('0.00');
    expect(formatArea(-101)).toBe('-1.01');
  });

  it('gives percentages with one decimal, rounding half up, and a dash for an empty base', () => {
    expect(percentText(2, 3)).toBe('66.7');
    expect(percentText(1, 3)).toBe('33.3');
    expect(percentText(1, 8)).toBe('12.5');
    expect(percentText(1, 16)).toBe('6.3'); // 6.25 → 6.3
    expect(percentText(16, 16)).toBe('100.0');
    expect(percentText(0, 0)).toBe('—');
  });

  it('clamps bar widths to the track', () => {
    expect(barPercent(5, 10)).toBe(50);
    expect(barPercent(15, 10)).toBe(100);
    expect(barPercent(-1, 10)).toBe(0);
    expect(barPercent(3, 0)).toBe(0);
    expect(barPercent(1, 3)).toBe(33.3);
  });

  it('reads yuan typed by a person into integer fen, refusing anything else', () => {
    expect(parseYuanToFen('1200')).toBe(120000);
    expect(parseYuanToFen('1,200.5')).toBe(120050);
    expect(parseYuanToFen(' 0.07 ')).toBe(7);
    expect(parseYuanToFen('4，800')).toBe(480000);
    expect(parseYuanToFen('1.234')).toBeNull();
    expect(parseYuanToFen('-3')).toBeNull();
    expect(parseYuanToFen('abc')).toBeNull();
    expect(parseYuanToFen('')).toBeNull();
    expect(fractionText({ num: 3, den: 4 })).toBe('3/4');
  });
});
