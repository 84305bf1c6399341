// Data for the bar charts (drawn with plain Views): small pure functions, so what a chart shows is unit-tested.
// Percentages come from integer arithmetic (tenths of a percent, half up), like the server's figures.

export interface Bar {
  key: string;
  label: string;
  value: number;
  /** Text beside the bar, e.g. "12 户" or "35.00㎡"; filled by the caller's formatter. */
  valueText: string;
  /** Share of the base in tenths of a percent (0–1000). */
  permille: number;
  /** CSS width of the bar, 0–100; a non-zero value is at least 1 so it stays visible. */
  width: number;
  tone: 'primary' | 'good' | 'warn' | 'bad' | 'neutral';
  /** Small text under the bar, e.g. "6 / 16 户 · 412.30㎡". */
  detail?: string;
}

export interface BarRow {
  key: string;
  label: string;
  value: number;
  tone?: Bar['tone'];
}

/** value / base in tenths of a percent, rounded half up; 0 when the base is 0. */
export function permilleOf(value: number, base: number): number {
  if (base <= 0 || value <= 0) return 0;
  return Math.min(1000, Math.floor((value * 2000 + base) / (2 * base)));
}

/** "12.5%" from tenths of a percent. */
export const formatPermille = (p: number) => `${Math.floor(p / 10)}${p % 10 ? '.' + (p % 10) : ''}%`;

/**
 * Bars against a base (the electorate, the plan's total …). Without a base the largest value fills the width, which
 * suits comparisons where the total means nothing (e.g. preference points).
 */
export function toBars(rows: readonly BarRow[], opts: { base?: number; format?: (v: number) => string } = {}): Bar[] {
  const base = opts.base ?? Math.max(0, ...rows.map((r) => r.value));
  const format = opts.format ?? String;
  return rows.map((r) => {
    const permille = permilleOf(r.value, base);
    const width = r.value > 0 ? Math.max(1, Math.round(permille / 10)) : 0;
    return { key: r.key, label: r.label, value: r.value, valueText: format(r.value), permille, width, tone: r.tone ?? 'primary' };
  });
}

const TONES: Record<string, Bar['tone']> = { approve: 'good', reject: 'bad', abstain: 'neutral' };

/** The yes/no choice a live-tally key stands for ('choice:approve', 'item:roof:reject' …), or null. */
export function yesNoOf(key: string): 'approve' | 'reject' | 'abstain' | null {
  const last = key.slice(key.lastIndexOf(':') + 1);
  return last === 'approve' || last === 'reject' || last === 'abstain' ? last : null;
}

/** Live tally of one question: one bar per choice, as a share of the electorate's dwellings. */
export function liveTallyBars(
  q: { options: readonly { key: string; label: string; dwellings: number; areaHundredths: number }[] },
  electorateDwellings: number,
  label: (key: string, fallback: string) => string = (_k, f) => f,
): Bar[] {
  return toBars(
    q.options.map((o) => ({ key: o.key, label: label(o.key, o.label), value: o.dwellings, tone: TONES[yesNoOf(o.key) ?? ''] })),
    { base: electorateDwellings },
  );
}

/** Participation so far against the quorum: the bar, and where the required line sits (or null without a quorum). */
export function participationGauge(
  value: number,
  base: number,
  required: number | null,
): { permille: number; width: number; markerPercent: number | null; reached: boolean } {
  const permille = permilleOf(value, base);
  return {
    permille,
    width: value > 0 ? Math.max(1, Math.round(permille / 10)) : 0,
    markerPercent: required === null || base <= 0 ? null : Math.round(permilleOf(required, base) / 10),
    reached: required === null ? true : value >= required,
  };
}

/** Funding plan: one bar per non-zero source, largest first, as a share of the plan's total. */
export function fundingBars(lines: readonly { kind: string; label: string; amountFen: number }[], totalFen: number, format: (fen: number) => string): Bar[] {
  const rows = lines
    .map((l, i) => ({ key: `${l.kind}-${i}`, label: l.label, value: l.amountFen }))
    .filter((r) => r.value > 0)
    .sort((a, b) => b.value - a.value);
  return toBars(rows, { base: totalFen, format });
}

/** Rating distribution (counts of 1–5 stars, the server's `counts[0]` is 1 star), best first. */
export function ratingBars(counts: readonly number[], label: (stars: number) => string): Bar[] {
  const total = counts.reduce((a, b) => a + b, 0);
  const rows = [5, 4, 3, 2, 1].map((stars) => ({
    key: String(stars),
    label: label(stars),
    value: counts[stars - 1] ?? 0,
    tone: stars >= 4 ? ('good' as const) : stars <= 2 ? ('bad' as const) : ('neutral' as const),
  }));
  return toBars(rows, { base: total });
}

/** Project items' completion: each bar is the item's own percent. */
export function progressBars(items: readonly { id: string; name: string; percent: number }[]): Bar[] {
  return items.map((i) => {
    const p = Math.max(0, Math.min(100, Math.round(i.percent)));
    return { key: i.id, label: i.name, value: p, valueText: `${p}%`, permille: p * 10, width: p, tone: p >= 100 ? 'good' : 'primary' };
  });
}
