import fs from 'node:fs';
import path from 'node:path';

/**
 * Issue #18's targets, each printed with the measured figure and met / missed (— when the run did not measure it),
 * and, for a run larger than 10,000 dwellings, the growth factor against a 10,000-dwelling run (goal ≤ 1.5× for
 * every per-request figure).
 */
export interface Target {
  id: string;
  label: string;
  value: number | null;
  unit: string;
  goal: string;
  met: boolean | null;
  perRequest: boolean;
  note?: string;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the results JSON as run.ts builds it, untyped
type Raw = Record<string, any>;
const num = (x: unknown): number | null => (typeof x === 'number' && Number.isFinite(x) ? x : null);
const below = (v: number | null, limit: number, extra = true) => (v === null ? null : v < limit && extra);

export function targetsOf(raw: Raw): Target[] {
  const t: Target[] = [];
  const add = (x: Omit<Target, 'perRequest'> & { perRequest?: boolean }) => t.push({ perRequest: false, ...x });
  const rc = raw.recount ?? {};
  const closeAnn = num(rc.closeSeconds) !== null && num(rc.announceSeconds) !== null ? rc.closeSeconds + rc.announceSeconds : null;
  const ballots = raw.voteDwellings ?? raw.dwellings;
  add({
    id: 'close',
    label: `close + announce, ${ballots} ballots`,
    value: closeAnn,
    unit: 's',
    goal: '< 3 s',
    met: below(closeAnn, 3, rc.closeStatus === 200 && rc.announced === true),
    note: rc.closeStatus && rc.closeStatus !== 200 ? `HTTP ${rc.closeStatus}` : rc.announced === false ? 'not announced' : undefined,
  });
  add({
    id: 'verify',
    label: `hash-chain verification, ${ballots} ballots`,
    value: num(rc.verifySeconds),
    unit: 's',
    goal: '< 3 s',
    met: below(num(rc.verifySeconds), 3, rc.verifyStatus === 200),
  });
  add({
    id: 'recount',
    label: `recount, ${ballots} ballots`,
    value: num(rc.recountSeconds),
    unit: 's',
    goal: '< 3 s',
    met: below(num(rc.recountSeconds), 3, rc.recountStatus === 200 && rc.equal === true),
  });
  const reads = raw.reads ?? {};
  const read = (id: string, label: string, limit: number) => {
    const f = reads[id];
    add({
      id: `read:${id}`,
      label,
      value: num(f?.p95),
      unit: 'ms p95',
      goal: `< ${limit} ms`,
      // No request measured: the unmeasured first one outlasted the phase, a miss.
      met: f ? num(f.p95) !== null && below(f.p95, limit, f.errors === 0) : null,
      perRequest: true,
      note: f?.errors ? `${f.errors} errors ${JSON.stringify(f.errorCodes)}` : f && num(f.p95) === null ? 'none within the phase' : undefined,
    });
  };
  read('tally', 'tally read (committee)', 100);
  read('participation', 'participation read (committee)', 100);
  read('home', 'resident home (page requests in parallel)', 150);
  read('notices', 'notices feed', 150);
  read('consultation', 'consultation view (page requests in parallel)', 150);
  read('me', 'GET /api/me', 150);
  const c16 = raw.casts?.[16];
  add({
    id: 'cast16',
    label: 'cast @16 p99, 0 errors',
    value: num(c16?.latency?.p99),
    unit: 'ms',
    goal: '< 300 ms, 0 errors',
    met: c16 ? c16.latency.p99 < 300 && c16.errors === 0 : null,
    perRequest: true,
    note: c16?.errors ? `${c16.errors} errors` : undefined,
  });
  const c64 = raw.casts?.[64];
  const ceil64 = raw.ceilings?.[64];
  const ratio = c64 && ceil64 ? c64.perSecond / ceil64.perSecond : null;
  add({
    id: 'cast64',
    label: 'cast @64 / same-run insert ceiling',
    value: ratio === null ? null : Math.round(ratio * 1000) / 10,
    unit: '%',
    goal: '≥ 50 %',
    met: ratio === null ? null : ratio >= 0.5,
    note: c64 ? `${c64.perSecond}/s vs ${ceil64.perSecond}/s, p99 ${c64.latency.p99} ms` : undefined,
  });
  const imp = raw.rosterImport;
  add({
    id: 'import',
    label: `roster import, ${raw.importRows ?? '?'} rows`,
    value: num(imp?.seconds),
    unit: 's',
    goal: '< 20 s',
    met: imp ? imp.status === 200 && imp.seconds < 20 : null,
    note: imp && imp.status !== 200 ? `HTTP ${imp.status} ${imp.code ?? ''}` : undefined,
  });
  const during = imp?.castsDuring;
  const no503 = during ? !Object.keys(during.errorCodes ?? {}).some((k) => k.startsWith('503')) : false;
  add({
    id: 'importCast',
    label: 'cast @16 p99 during the import, no 503',
    value: num(during?.p99),
    unit: 'ms',
    goal: '< 300 ms, no 503',
    met: during ? during.p99 < 300 && no503 && during.ops > 0 : null,
    perRequest: true,
    note: during ? `${during.ops} votes, ${during.errors} errors` : undefined,
  });
  const w = raw.watchers;
  // Older results files have no fan-out figure: their only figure was ack → receipt.
  const fanout = w?.delivery?.fanout;
  add({
    id: 'watchers',
    label: `${w?.joined ?? raw.watchersWanted ?? '?'} watchers: each participation update, push → receipt p99`,
    value: num(fanout?.p99),
    unit: 'ms',
    goal: '≤ 1000 ms, none missing',
    met: w && fanout ? fanout.p99 <= 1000 && w.delivery.missing === 0 : null,
    perRequest: true,
    note: w
      ? `${w.delivery.missing} missing; ballot ack → receipt p99 ${num(w.delivery.latency?.p99)} ms, of which up to 3 s is the privacy batching`
      : undefined,
  });
  const down = unavailableAnswers(raw);
  add({
    id: 'no503',
    label: 'busy is not down: 503 DB_UNAVAILABLE answers',
    value: down.count,
    unit: '',
    goal: '0 in the run',
    met: down.count === 0,
    note: down.where.length ? down.where.join(', ') : undefined,
  });
  return t;
}

/** Every `503 DB_UNAVAILABLE` the bench's clients got, by phase (the server called a working database down). */
function unavailableAnswers(raw: Raw): { count: number; where: string[] } {
  const phases: Array<[string, Record<string, number> | undefined]> = [
    ...Object.entries(raw.reads ?? {}).map(([k, f]) => [`read ${k}`, (f as Raw).errorCodes] as [string, Record<string, number>]),
    ...Object.entries(raw.scans ?? {}).map(([k, f]) => [`scan ${k}`, (f as Raw).errorCodes] as [string, Record<string, number>]),
    ...Object.entries(raw.casts ?? {}).map(([k, f]) => [`cast @${k}`, (f as Raw).errorCodes] as [string, Record<string, number>]),
    ['cast with watchers', raw.watchers?.withWatchers?.errorCodes],
    ['cast during import', raw.rosterImport?.castsDuring?.errorCodes],
  ];
  let count = 0;
  const where: string[] = [];
  for (const [name, codes] of phases) {
    const n = Object.entries(codes ?? {})
      .filter(([k]) => /^503 DB_UNAVAILABLE/.test(k))
      .reduce((a, [, v]) => a + v, 0);
    if (n) where.push(`${name}: ${n}`);
    count += n;
  }
  const single = [
    ['verify', raw.recount?.verifyStatus],
    ['close', raw.recount?.closeStatus],
    ['recount', raw.recount?.recountStatus],
    ['import', raw.rosterImport?.code === 'DB_UNAVAILABLE' ? 503 : undefined],
  ];
  for (const [name, status] of single)
    if (status === 503) {
      where.push(`${name}: 503`);
      count++;
    }
  return { count, where };
}

/** The newest results file of a 10,000-dwelling street run, for the growth factors (or BENCH_BASELINE). */
export function baselineTargets(dir: string, dwellings: number): { file: string; targets: Target[] } | null {
  if (dwellings <= 10_000 && !process.env.BENCH_BASELINE) return null;
  const files = process.env.BENCH_BASELINE
    ? [process.env.BENCH_BASELINE]
    : fs
        .readdirSync(dir)
        .filter((f) => f.endsWith('.json'))
        .sort()
        .reverse()
        .map((f) => path.join(dir, f));
  for (const f of files) {
    try {
      const doc = JSON.parse(fs.readFileSync(f, 'utf8'));
      if (doc.raw?.street?.dwellings === 10_000 && Array.isArray(doc.targets)) return { file: f, targets: doc.targets };
    } catch {
      /* not a results file */
    }
  }
  return null;
}

export function printTargets(targets: Target[], raw: Raw, base: { file: string; targets: Target[] } | null, out: (s: string) => void) {
  const w = [48, 12, 7, 18, 7, 12];
  const line = (c: string[]) => c.map((x, i) => x.padEnd(w[i])).join(' ');
  out(
    `\nIssue #18 targets — ${raw.street?.complexes ?? '?'} complexes / ${raw.street?.dwellings ?? '?'} dwellings, load average ${(raw.load ?? []).map((x: number) => x.toFixed(1)).join(' ')} → ${(raw.loadEnd ?? []).map((x: number) => x.toFixed(1)).join(' ')}\n`,
  );
  out(`${line(['target', 'value', 'unit', 'goal', 'met', base ? 'growth vs 10k' : ''])}\n${'-'.repeat(110)}\n`);
  for (const t of targets) {
    const b = base?.targets.find((x) => x.id === t.id);
    const g = b && b.value && t.value !== null ? t.value / b.value : null;
    const growth = g === null ? '' : `${g.toFixed(2)}×${t.perRequest ? (g <= 1.5 ? ' ok' : ' NO') : ''}`;
    out(
      `${line([t.label.slice(0, 48), t.value === null ? '—' : String(Math.round(t.value * 100) / 100), t.unit, t.goal, t.met === null ? '—' : t.met ? 'met' : 'MISSED', growth])}${t.note ? `  (${t.note})` : ''}\n`,
    );
  }
  if (base) out(`growth against ${path.basename(base.file)}; goal ≤ 1.5× for per-request figures\n`);
  const measured = targets.filter((t) => t.met !== null);
  out(
    `${measured.filter((t) => t.met).length} of ${targets.length} targets met, ${measured.filter((t) => !t.met).length} missed, ${targets.length - measured.length} not measured\n`,
  );
}
