/**
 * Cross-complex object-ID probes (issue #8, OWASP API1/API3/API5): every route, called by users whose rights are in
 * complex A with the IDs of complex B's objects, must be refused — 401 without a token, 403/404 with one, never 2xx —
 * and must write nothing. Each route of the OpenAPI document needs a fixture: one or more probes, or an exemption
 * that says why the route names no object of another complex.
 *
 *   'POST /api/things/:id/close': probe((t, w) => w.req(`/api/things/${w.b.thing}/close`, t, 'POST', {}), { control: 'committeeB' }),
 *   'GET /api/me': exempt('只涉及调用者本人'),
 */
import type { Json } from './json';
import type { Token } from './authzMatrix';
import { diffSnapshots, settleJobs, snapshotDb, type DbSnapshot } from './dbSnapshot';

export type Res = { status: number; body?: unknown };
export interface Probe<W = Json, C = Json> {
  label?: string;
  /** Fresh objects for this probe (called once: refused calls change nothing, and the control runs last). */
  setup?: (w: W) => Promise<C>;
  call: (token: Token, w: W, ctx: C) => Promise<Res>;
  /**
   * Proof that the fixture is live: the same call by this actor of B (or this function, for a body-ID probe: the
   * same request with A's own IDs) must succeed after the refusals, so a probe cannot pass on a typo'd ID.
   */
  control?: string | ((w: W, ctx: C) => Promise<Res>);
  /** A list/query route may answer 2xx as long as nothing of B is in the body (w.leaks). */
  list?: boolean;
  /** Statuses that count as a refusal besides 401 (anonymous): default 403/404; body-ID probes also 422. */
  refuse?: number[];
  /** A 2xx that provably did nothing with B's ids (e.g. they were filtered out), with the collections it may touch. */
  harmless?: { when: (r: Res) => boolean; mayWrite: string[]; why: string };
  /** A known hole (reported to the lead): the probe must still fail; once fixed, delete this line. */
  knownIssue?: string;
}
export type Fixture<W = Json> = { probes: Probe<W>[] } | { exempt: string };

export const probe = <W = Json, C = Json>(call: Probe<W, C>['call'], opts: Omit<Probe<W, C>, 'call'> = {}): Fixture<W> => ({ probes: [{ ...opts, call }] });
export const probes = <W = Json>(...list: Probe<W>[]): Fixture<W> => ({ probes: list });
export const exempt = (why: string): Fixture => ({ exempt: why });

export interface ProbeWorld {
  actorsA: Record<string, Token>;
  tokens: Record<string, string>;
  /** Strings that must never appear in a 2xx body given to an actor of A (B's ids, names, titles). */
  leaks: string[];
}

/** Routes of the OpenAPI document (`METHOD /path/:param`) without a fixture. */
export function routesWithoutFixture(openapi: { paths: Record<string, Record<string, unknown>> }, fixtures: Record<string, Fixture>): string[] {
  const out: string[] = [];
  for (const [p, ops] of Object.entries(openapi.paths)) {
    for (const method of Object.keys(ops)) {
      const key = `${method.toUpperCase()} ${p.replace(/\{(\w+)\}/g, ':$1')}`;
      if (!fixtures[key]) out.push(key);
    }
  }
  return out;
}

export interface ProbeReport {
  failures: string[];
  known: string[];
  stillBroken: string[];
  fixed: string[];
  calls: number;
  table: string[];
  snapshotMs: number;
}

const codeOf = (body: unknown) => (body as { error?: { code?: string } } | undefined)?.error?.code;

function judge(w: ProbeWorld, p: Probe, actor: string, token: Token, r: Res): string | null {
  const ok2xx = r.status >= 200 && r.status < 300;
  if (token === undefined) return r.status === 401 ? null : `expected 401, got ${r.status}`;
  if ((p.refuse ?? [403, 404]).includes(r.status)) return codeOf(r.body) ? null : `${r.status} without an error code`;
  if (ok2xx && p.harmless?.when(r)) return null;
  if (ok2xx && p.list) {
    const text = typeof r.body === 'string' ? r.body : JSON.stringify(r.body ?? '');
    const leaked = w.leaks.filter((x) => text.includes(x));
    return leaked.length ? `2xx listing B's ${leaked.slice(0, 3).join(', ')}` : null;
  }
  return `expected ${(p.refuse ?? [403, 404]).join('/')}, got ${r.status}${codeOf(r.body) ? ` ${codeOf(r.body)}` : ''}`;
}

interface Run {
  name: string;
  p: Probe;
  ctx: unknown;
  wrong: string[];
  got2xx?: boolean;
}

/**
 * Runs every probe as every actor of A, then every control. Refused calls change nothing, so the database is
 * fingerprinted per segment of probes (snapshots are the slow part) and a segment that wrote is replayed probe by
 * probe to name the culprit. A probe with a setup, a `harmless` 2xx or a known hole gets a segment of its own.
 */
export async function runProbes<W extends ProbeWorld>(w: W, fixtures: Record<string, Fixture<W>>): Promise<ProbeReport> {
  const rep: ProbeReport = { failures: [], known: [], stillBroken: [], fixed: [], calls: 0, table: [], snapshotMs: 0 };
  const snap = async () => {
    const t = Date.now();
    const r = await snapshotDb();
    rep.snapshotMs += Date.now() - t;
    return r;
  };
  // The actors of A call side by side when the probe should change nothing: refusals do not depend on order. A probe
  // that may write (its own setup, a harmless 2xx, a known hole) calls one actor after the other, as a user would.
  const callAll = async (run: Run, judgeIt: boolean) => {
    const actors = Object.entries(w.actorsA);
    const call = ([, token]: (typeof actors)[number]) => run.p.call(token, w, run.ctx);
    const sideBySide = !(run.p.setup || run.p.harmless || run.p.knownIssue);
    const answers: Res[] = [];
    if (sideBySide) answers.push(...(await Promise.all(actors.map(call))));
    else for (const a of actors) answers.push(await call(a));
    return actors.map(([actor, token], i) => {
      const r = answers[i];
      rep.calls++;
      if (r.status < 300) run.got2xx = true;
      const why = judgeIt ? judge(w, run.p, actor, token, r) : null;
      if (why) run.wrong.push(`${run.name} as ${actor}: ${why}`);
      return `${actor}=${r.status}`;
    });
  };
  const runs: Run[] = [];
  let seg: Run[] = [];
  let before: DbSnapshot | undefined;
  const closeSegment = async () => {
    if (!seg.length || !before) return;
    const after = await snap();
    const writes = diffSnapshots(before, after, new Set(seg.flatMap((r) => r.p.harmless?.mayWrite ?? [])));
    before = after;
    if (!writes.length) {
      seg = [];
      return;
    }
    let named = false;
    for (const run of seg.length > 1 ? seg : []) {
      const b = await snap();
      await callAll(run, false);
      const again = diffSnapshots(b, (before = await snap()));
      if (again.length) {
        named = true;
        run.wrong.push(`${run.name}: refused calls wrote ${again.join('; ')}`);
      }
    }
    // Not reproducible (e.g. the second try hit a uniqueness conflict): blame the probes that were answered 2xx.
    const suspects = seg.filter((r) => r.got2xx).length ? seg.filter((r) => r.got2xx) : seg;
    if (!named) suspects[0].wrong.push(`${suspects.map((r) => r.name).join(' | ')}: refused calls wrote ${writes.join('; ')}`);
    seg = [];
  };
  for (const [route, f] of Object.entries(fixtures)) {
    if ('exempt' in f) continue;
    for (const p of f.probes) {
      const run: Run = { name: p.label ? `${route} [${p.label}]` : route, p, ctx: undefined, wrong: [] };
      const alone = !!(p.setup || p.harmless || p.knownIssue);
      if (alone || !before) {
        await closeSegment();
        if (p.setup) run.ctx = await p.setup(w);
        // Setups start background work (fan-outs, pushes); let it finish so it doesn't look like the probe's.
        if (p.setup || !before) {
          await settleJobs();
          before = await snap();
        }
      }
      const t0 = Date.now();
      const cells = await callAll(run, true);
      rep.table.push(`${run.name.padEnd(72)} ${cells.join(' ')} (${Date.now() - t0} ms)`);
      seg.push(run);
      runs.push(run);
      if (alone) await closeSegment();
    }
  }
  await closeSegment();
  for (const run of runs) {
    if (run.p.knownIssue) {
      (run.wrong.length ? rep.stillBroken : rep.fixed).push(`${run.name}: ${run.p.knownIssue}`);
      rep.known.push(...run.wrong);
    } else rep.failures.push(...run.wrong);
  }
  // Controls last, in fixture order (later controls may rely on earlier ones, e.g. an elevator plan PUT then GET).
  for (const { name, p, ctx } of runs) {
    if (!p.control) continue;
    const r = typeof p.control === 'string' ? await p.call(w.tokens[p.control], w, ctx) : await p.control(w, ctx);
    if (r.status < 200 || r.status >= 300)
      rep.failures.push(`${name}: control call failed with ${r.status} ${codeOf(r.body) ?? ''} — the fixture does not reach a live object`);
    // For a list, B's own actor must see something of B there, or the leak check proves nothing.
    else if (p.list && !w.leaks.some((x) => JSON.stringify(r.body ?? '').includes(x)))
      rep.failures.push(`${name}: control list shows nothing of B — the leak check is not live`);
  }
  return rep;
}
