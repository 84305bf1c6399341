import { barPercent, formatArea, percentText } from './numbers';

/** One horizontal bar: the chart components draw these, the pure functions below build them from API views. */
export interface Bar {
  key: string;
  label: string;
  /** Width of the filled part, 0–100. */
  percent: number;
  /** Big text at the end of the bar, e.g. "37.5%". */
  valueText: string;
  /** Small text under the label, e.g. "6 / 16 户 · 412.30㎡". */
  detail?: string;
  tone?: 'good' | 'warn' | 'bad' | 'neutral';
}

export interface BuildingParticipation {
  buildingCode: string; buildingName: string; dwellings: number; voted: number; areaHundredths: number; votedAreaHundredths: number;
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
    .map((r) => ({
      key: r.buildingCode,
      label: r.buildingName,
      percent: barPercent(r.voted, r.dwellings),
      valueText: `${percentText(r.voted, r.dwellings)}%`,
      detail: `${r.voted} / ${r.dwellings} ${units.dwellings} · ${formatArea(r.votedAreaHundredths)} / ${formatArea(r.areaHundredths)}㎡`,
      tone: toneFor(r.voted, r.dwellings, TWO_THIRDS),
    }));
}

/** Totals over all buildings, for the headline above the chart. */
export function participationTotals(rows: readonly BuildingParticipation[]) {
  const sum = (f: (r: BuildingParticipation) => number) => rows.reduce((s, r) => s + f(r), 0);
  const dwellings = sum((r) => r.dwellings);
  const voted = sum((r) => r.voted);
  return { dwellings, voted, percentText: percentText(voted, dwellings), areaHundredths: sum((r) => r.areaHundredths), votedAreaHundredths: sum((r) => r.votedAreaHundredths) };
}

export interface BuildingReads { buildingCode: string; buildingName: string | null; total: number; read: number }

/** Read rate by building for a notice; a building without a name shows its code. */
export function readRateBars(rows: readonly BuildingReads[], units: { dwellings: string }): Bar[] {
  return [...rows]
    .map((r) => ({ ...r, name: r.buildingName ?? r.buildingCode }))
    .sort((a, b) => naturalCompare(a.name, b.name))
    .map((r) => ({
      key: r.buildingCode,
      label: r.name,
      percent: barPercent(r.read, r.total),
      valueText: `${percentText(r.read, r.total)}%`,
      detail: `${r.read} / ${r.total} ${units.dwellings}`,
      tone: toneFor(r.read, r.total, { num: 1, den: 1 }) === 'good' ? 'good' : 'neutral',
    }));
}

/** A 0–100 score (e.g. an evaluation total) as a bar; grades follow the configured bands, passed in. */
export function scoreBar(key: string, label: string, score: number | null, detail?: string): Bar {
  if (score === null || Number.isNaN(score)) return { key, label, percent: 0, valueText: '—', detail, tone: 'neutral' };
  const tone: Bar['tone'] = score >= 85 ? 'good' : score >= 75 ? 'warn' : 'bad';
  return { key, label, percent: barPercent(score, 100), valueText: score.toFixed(score % 1 === 0 ? 0 : 2), detail, tone };
}

/** A ratio as a bar (pledges received vs target, participation num/den). */
export function ratioBar(key: string, label: string, num: number, den: number, detail?: string): Bar {
  return {
    key, label, percent: barPercent(num, den), valueText: den ? `${percentText(num, den)}%` : '—', detail,
    tone: den ? toneFor(num, den, TWO_THIRDS) : 'neutral',
  };
}

/** Mean satisfaction 1–5 as a bar over 5. */
export function ratingBar(key: string, label: string, mean: number | null, count: number, unit: string): Bar {
  if (mean === null || count === 0) return { key, label, percent: 0, valueText: '—', detail: `0 ${unit}`, tone: 'neutral' };
  const tone: Bar['tone'] = mean >= 4 ? 'good' : mean >= 3 ? 'warn' : 'bad';
  return { key, label, percent: barPercent(Math.round(mean * 100), 500), valueText: mean.toFixed(2), detail: `${count} ${unit}`, tone };
}
