/** Display helpers on integers: areas in hundredths of m², percentages from counts (never float thresholds). */

/** 387752 → "3877.52" (exact: integer division, no float rounding). */
export { formatArea } from '@gongzhi/shared';

/** num/den as a percentage with one decimal, "—" when den is 0. Integer arithmetic, half up. */
export function percentText(num: number, den: number): string {
  if (!den) return '—';
  const tenths = Math.floor((num * 1000 * 2 + den) / (2 * den));
  return `${Math.floor(tenths / 10)}.${tenths % 10}`;
}

/** Width of a bar in percent of the track, clamped to 0–100 (display only). */
export function barPercent(value: number, max: number): number {
  if (!max || max <= 0 || value <= 0) return 0;
  return Math.min(100, Math.round((value * 1000) / max) / 10);
}

/** "2/3"-style fraction, as the tally reports it. */
export const fractionText = (f: { num: number; den: number }) => `${f.num}/${f.den}`;

export { parseYuanToFen } from '@gongzhi/shared';
