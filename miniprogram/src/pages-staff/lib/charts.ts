import type { Bar } from '../../components/BarChart/data';
import { permilleOf } from '../../components/BarChart/data';
import { barPercent, formatArea, percentText } from './numbers';

// Staff charts: the same Bar as the residents' charts (components/BarChart), built from the staff views.
export type { Bar };

/** One bar of `value` out of `base`, with the figure and small print the caller gives. */
function bar(key: string, label: string, value: number, base: number, valueText: string, tone: Bar['tone'], detail?: string): Bar {
  return { key, label, value, valueText, permille: permilleOf(value, base), width: barPercent(value, base), tone, detail };
}

export interface BuildingParticipation {
  buildingCode: string;
  buildingName: string;
  dwellings: number;
  voted: number;
  areaHundredths: number;
  votedAreaHundredths: number;
}

/** Building names like "10栋" sort after "9栋" (no Intl: some WeChat Android engines lack it). */
export function naturalCompare(a: string, b: string): number {
  const pa = a.match(/\d+|\D+/g) ?? [];
  const pb = b.match(/\d+|\D+/g) ?? [];
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const x = pa[i];
    const y = pb[i];
    if (x === y) continue;
    const nx = /^\d/.test(x);
    const ny = /^\d/.test(y);
    if (nx && ny) return Number(x) - Number(y) || x.length - y.length;
    return x < y ? -1 : 1;
  }
  return pa.length - pb.length;
}

/** Tone by share of a target: reached → good, at least half way → warn, else bad. Integer cross-multiplication. */
export function toneFor(value: number, base: number, target: { num: number; den: number }): Bar['tone'] {
  if (!base) return 'neutral';
  if (value * target.den >= base * target.num) return 'good';
  if (value * target.den * 2 >= base * target.num) return 'warn';
  return 'bad';
}

const TWO_THIRDS = { num: 2, den: 3 };

/** Participation by building (dwellings that voted / dwellings), toned against the 2/3 quorum. */
export function participationBars(rows: readonly BuildingParticipation[], units: { dwellings: string }): Bar[] {
  return [...rows]
    .sort((a, b) => naturalCompare(a.buildingName, b.buildingName))
    .map((r) =>
      bar(
        r.buildingCode,
        r.buildingName,
        r.voted,
        r.dwellings,
        `${percentText(r.voted, r.dwellings)}%`,
        toneFor(r.voted, r.dwellings, TWO_THIRDS),
        `${r.voted} / ${r.dwellings} ${units.dwellings} · ${formatArea(r.votedAreaHundredths)} / ${formatArea(r.areaHundredths)}㎡`,
      ),
    );
}

/** Totals over all buildings, for the headline above the chart. */
export function participationTotals(rows: readonly BuildingParticipation[]) {
  const sum = (f: (r: BuildingParticipation) => number) => rows.reduce((s, r) => s + f(r), 0);
  const dwellings = sum((r) => r.dwellings);
  const voted = sum((r) => r.voted);
  return {
    dwellings,
    voted,
    percentText: percentText(voted, dwellings),
    areaHundredths: sum((r) => r.areaHundredths),
    votedAreaHundredths: sum((r) => r.votedAreaHundredths),
  };
}

export interface BuildingReads {
  buildingCode: string;
  buildingName: string | null;
  total: number;
  read: number;
}

/** Read rate by building for a notice; a building without a name shows its code. */
export function readRateBars(rows: readonly BuildingReads[], units: { dwellings: string }): Bar[] {
  return [...rows]
    .map((r) => ({ ...r, name: r.buildingName ?? r.buildingCode }))
    .sort((a, b) => naturalCompare(a.name, b.name))
    .map((r) =>
      bar(
        r.buildingCode,
        r.name,
        r.read,
        r.total,
        `${percentText(r.read, r.total)}%`,
        toneFor(r.read, r.total, { num: 1, den: 1 }) === 'good' ? 'good' : 'neutral',
        `${r.read} / ${r.total} ${units.dwellings}`,
      ),
    );
}

/** A ratio as a bar (pledges received vs target, participation num/den). */
export function ratioBar(key: string, label: string, num: number, den: number, detail?: string): Bar {
  return bar(key, label, num, den, den ? `${percentText(num, den)}%` : '—', den ? toneFor(num, den, TWO_THIRDS) : 'neutral', detail);
}
