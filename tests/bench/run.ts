// `npm run bench`: vote casting vs the raw-driver ceiling, live tallies with socket.io watchers, tally reads,
// recount and hash-chain verification, roster import. Everything on loopback, every loop bounded in count and time.
// Writes tests/bench/results/<date>.json and appends tests/bench/results/history.jsonl.
// Scale with BENCH_DWELLINGS (the street: default 10000 in BENCH_COMPLEXES = dwellings / 500 complexes, each with a
// year of notices, votes and ratings; see seed/), BENCH_VOTE_DWELLINGS (the complex of the measured vote, default
// 10000), BENCH_IMPORT_ROWS (default 10000) and BENCH_WATCHERS (default 2000). Ends with issue #18's targets, met/missed.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import { startFaultDb, spawnServer } from '../support/faultDb';
import { LoadClient, summarize } from '../support/loadClient';
import { seedVoters, openVote } from './world';
import { openDirect } from './openDirect';
import { castRate, ceilingRate, readLatency, type RateResult } from './votes';
import { connectWatchers, deliveryLatency } from './watchers';
import { seedCastLog } from './seedLog';
import { prepareRosterImport, rosterImport } from './roster';
import { seedBench } from './seed';
import { readFigures } from './reads';
import { untilAnnounced, untilDbSettled, untilOutboxIdle, untilWarm } from './waits';
import { scanFigures } from './scans';
import { baselineTargets, printTargets, targetsOf } from './targets';

const N = Number(process.env.BENCH_DWELLINGS ?? 10_000);
const COMPLEXES = Number(process.env.BENCH_COMPLEXES ?? Math.max(1, Math.round(N / 500)));
/** The measured vote's complex (close/verify/recount of this many ballots, casts, watchers), beside the street. */
const VOTE_N = Number(process.env.BENCH_VOTE_DWELLINGS ?? Math.min(N, 10_000));
const IMPORT_N = Number(process.env.BENCH_IMPORT_ROWS ?? 10_000);
/** The street seed; off by default for BENCH_PHASES=1 (quick close/verify/recount runs). */
const STREET = (process.env.BENCH_STREET ?? (process.env.BENCH_PHASES === '1' ? '0' : '1')) === '1';
const READS = Number(process.env.BENCH_READS ?? 100);
const WATCHERS = Number(process.env.BENCH_WATCHERS ?? 2000);
const SECRET = 'bench-secret-0123456789abcdef';
const DB = 'gz_bench';
// Votes per concurrency level: bounded because on FerretDB every non-_id query scans its collection (see README note).
const CAST = {
  1: Number(process.env.BENCH_CAST_1 ?? 30),
  16: Number(process.env.BENCH_CAST_16 ?? 160),
  64: Number(process.env.BENCH_CAST_64 ?? 320),
} as Record<number, number>;
// …and in time: each measured phase stops starting new requests after this many seconds.
const PHASE_S = Number(process.env.BENCH_PHASE_SECONDS ?? 90);
// How far ahead setup votes open (create + schedule must finish first; on a loaded machine that can exceed 10 s).
const LEAD_MS = Number(process.env.BENCH_LEAD_MS ?? 10_000);

interface Row {
  figure: string;
  value: number | string;
  unit: string;
  target?: string;
  ratio?: number;
  ok?: boolean;
}
const rows: Row[] = [];
/** BENCH_PHASES=0 (the street's everyday reads only) or 1 (close/verify/recount only): the run ends early, reported. */
const STOP_EARLY = new Error('BENCH_PHASES');
const say = (m: string) => process.stdout.write(`[bench] ${m}\n`);
const timed = async <T>(f: () => Promise<T>) => {
  const t = performance.now();
  const v = await f();
  return { v, s: (performance.now() - t) / 1000 };
};

async function main() {
  const started = Date.now();
  let failed: unknown = null;
  const db = await startFaultDb();
  await mongoose.connect(db.uri, { dbName: DB });
  const seeded = STREET ? await seedBench({ complexes: COMPLEXES, dwellings: N, secret: SECRET, say }) : null;
  say(`seeding ${VOTE_N} + 100 dwellings with owners …`);
  const big = await seedVoters({ complexCode: 'BENCH-BIG', dwellings: VOTE_N, secret: SECRET });
  const small = await seedVoters({ complexCode: 'BENCH-SMALL', dwellings: 100, secret: SECRET });
  const server = await spawnServer({
    MONGODB_URI: db.uri,
    MONGODB_DB: DB,
    JWT_SECRET: SECRET,
    JOBS: 'true',
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
    DB_SLOW_MS: process.env.BENCH_DB_SLOW_MS ?? '200',
    WARM_PARSER: 'true', // as in production (off by default under NODE_ENV=test)
  });
  serverOut = server.stdout;
  // BENCH_REQUEST_TIMEOUT_S: how long a single setup/close/verify/recount request may take (300 s).
  const api = new LoadClient(server.url, { connections: 8, timeoutMs: Number(process.env.BENCH_REQUEST_TIMEOUT_S ?? 300) * 1000 });
  // Killed by a time limit (SIGTERM/SIGINT): write what was measured so far, then stop everything.
  let aborting = false;
  for (const sig of ['SIGTERM', 'SIGINT'] as const) {
    process.once(sig, async () => {
      if (aborting) return;
      aborting = true;
      rows.push({ figure: `stopped by ${sig}`, value: 'partial', unit: '', ok: false });
      report(raw, (Date.now() - started) / 1000);
      await server.kill('SIGKILL').catch(() => undefined);
      await db.stop().catch(() => undefined);
      process.exit(1);
    });
  }
  const raw: Record<string, unknown> = {
    dwellings: N,
    voteDwellings: VOTE_N,
    importRows: IMPORT_N,
    watchersWanted: WATCHERS,
    street: seeded
      ? {
          complexes: COMPLEXES,
          dwellings: N,
          users: seeded.street.users,
          seedSeconds: seeded.seconds,
          notices: seeded.history.notices,
          noticeReads: seeded.history.reads,
          ballots: seeded.history.ballots,
          ratings: seeded.history.ratings,
        }
      : null,
    machine: { cpus: os.cpus().length, memGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version },
    db: `FerretDB 1.24 (${process.env.EMBEDDED_DB_ENGINE === 'postgresql' ? 'PostgreSQL' : 'SQLite'}), embedded launcher`,
    load: os.loadavg(),
  };
  try {
    // 0. everyday requests on the street (residents' pages, committees' tally and participation reads)
    if (seeded) {
      // The server loads every open vote's log after it starts (consultations/warmMirrors.ts); the reads measure the
      // steady state, so they start once /readyz lists nothing still loading (how long that took is reported).
      const warm = await timed(() => untilWarm(server.url, 300_000));
      say(`server's start-up loads ${warm.v ? 'done' : 'still running'} after ${warm.s.toFixed(1)} s`);
      raw.startupWarmSeconds = warm.s;
      say(`reads: ${READS} of each on ${COMPLEXES} complexes …`);
      const reads = await readFigures(server.url, seeded.history, { n: READS, maxSeconds: PHASE_S }).catch((e) => {
        say(`reads failed: ${e?.stack ?? e}`);
        raw.readsError = String(e?.stack ?? e);
        return {};
      });
      raw.reads = Object.fromEntries(
        Object.entries(reads).map(([k, f]) => [k, { path: f.path, p95: f.p95, ...f.latency, errors: f.errors, errorCodes: f.errorCodes, parts: f.parts }]),
      );
      for (const f of Object.values(reads)) {
        rows.push({ figure: `${f.name} p50 / p95 (${f.latency.n})`, value: `${f.latency.p50} / ${f.p95}`, unit: 'ms', ok: f.errors === 0 ? undefined : false });
        for (const [route, s] of Object.entries(f.parts ?? {})) rows.push({ figure: `  ${route}`, value: `${s.p50} / ${s.p95}`, unit: 'ms' });
      }
      const scans = await scanFigures(server.url, seeded.street, seeded.history, { n: Math.max(5, Math.round(READS / 10)), maxSeconds: PHASE_S / 2 }).catch(
        (e) => {
          raw.scansError = String(e?.stack ?? e);
          return {};
        },
      );
      raw.scans = Object.fromEntries(
        Object.entries(scans).map(([k, f]) => [k, { path: f.path, p95: f.p95, ...f.latency, errors: f.errors, errorCodes: f.errorCodes }]),
      );
      for (const f of Object.values(scans))
        rows.push({
          figure: `  scan: ${f.name} p50 / p95 (${f.latency.n})`,
          value: `${f.latency.p50} / ${f.p95}`,
          unit: 'ms',
          ok: f.errors === 0 ? undefined : false,
        });
    }
    // BENCH_PHASES=0: only the street's everyday reads and scans (the 50,000-dwelling growth run).
    if (process.env.BENCH_PHASES === '0') throw STOP_EARLY;
    const vote = await openVote(api, big, { open: openDirect, leadMs: LEAD_MS });
    // 5. roster import, run last (BENCH_PHASES=5: alone, right after the setup): an import cut off by its time limit goes
    // on in the server. Voters keep casting at 16 concurrent while it runs (issue 14: a large import must not stall
    // votes), in rounds of 32 until it ends; p99 over every cast of those rounds.
    async function importPhase(next: number) {
      await untilWarm(server.url, 300_000); // the parser's worker is started after start-up, as in production
      const files = await prepareRosterImport(server.url, big.adminToken, 'BENCH-ROSTER', IMPORT_N);
      // Alone (BENCH_PHASES=5) the vote's first casts would load its log and electorate in the measured rounds; the
      // whole run has cast on it before. One uncounted round either way.
      const warmRound = Array.from({ length: 32 }, (_, i) => next + i);
      next += (await castRate(server.url, big, vote, 16, warmRound, undefined, PHASE_S)).ops;
      let importDone = false;
      const importing = rosterImport(server.url, big.adminToken, files, 4 * PHASE_S * 1000).finally(() => {
        importDone = true;
      });
      const during = { ops: 0, errors: 0, p99: 0, maxRoundP99: 0, p50s: [] as number[], errorCodes: {} as Record<string, number> };
      const latencies: number[] = [];
      while (!importDone && next + 32 <= VOTE_N) {
        const idx = Array.from({ length: 32 }, (_, i) => next + i);
        const r = await castRate(server.url, big, vote, 16, idx, undefined, PHASE_S);
        next += r.ops;
        during.ops += r.ops;
        during.errors += r.errors;
        latencies.push(...r.latencies);
        during.maxRoundP99 = Math.max(during.maxRoundP99, r.latency.p99);
        during.p50s.push(r.latency.p50);
        for (const [k, v] of Object.entries(r.errorCodes)) during.errorCodes[k] = (during.errorCodes[k] ?? 0) + v;
      }
      during.p99 = summarize(latencies).p99;
      const imp = await importing;
      rows.push({
        figure: `roster import, ${IMPORT_N} rows`,
        value: imp.seconds.toFixed(1),
        unit: 's',
        ok: imp.status === 200 && imp.seconds < 20,
        target: imp.status === 200 ? `< 20 s (${Math.round(IMPORT_N / imp.seconds)} rows/s)` : `HTTP ${imp.status} ${imp.code ?? ''}`,
      });
      rows.push({
        figure: `  cast @16 during the import (${during.ops} votes)`,
        value: `p99 ${during.p99} (slowest round's ${during.maxRoundP99})`,
        unit: 'ms',
        target: 'p99 < 300 ms, no 503',
        ok: during.p99 < 300 && !Object.keys(during.errorCodes).some((k) => k.startsWith('503')),
      });
      rows.push({ figure: `  cast errors during the import`, value: during.errors, unit: '', ok: during.errors === 0 });
      raw.rosterImport = { ...imp, castsDuring: during };
    }
    if (process.env.BENCH_PHASES === '5') {
      // The vote's opening (meeting notice fan-out, electorate copy) is setup, not the import's cost.
      await untilOutboxIdle(180_000);
      await untilDbSettled(180_000);
      await importPhase(0);
      throw STOP_EARLY;
    }
    // Order matters: a phase whose requests time out leaves the server (and FerretDB) working on them for minutes,
    // so the seeded, single-request figures come first, then the load phases, the roster import last.
    // 1. recount and chain verification for N ballots (seeded into a fresh vote's log)
    const rc = await openVote(api, big, { open: openDirect, title: '重新计票基准', leadMs: LEAD_MS });
    say(`seeding ${VOTE_N} ballots into the log …`);
    await seedCastLog(rc.id, rc.questionId, big, VOTE_N);
    // The two votes just opened each publish a meeting notice to 10,000 dwellings; their fan-outs are background work
    // of the setup, not of what is measured next (one request at a time): wait until the outbox is idle.
    // …and scans of the street phase that outlived their clients (FerretDB finishes a query its client gave up on).
    const idle = await timed(async () => (await untilOutboxIdle(180_000)) && (await untilDbSettled(180_000)));
    say(`setup's and earlier phases' background work ${idle.v ? 'done' : 'still running'} after ${idle.s.toFixed(1)} s`);
    raw.setupIdleSeconds = idle.s;
    const verify = await timed(() => api.get(`/api/consultations/${rc.id}/log/verify`, big.committeeToken));
    const close = await timed(() => api.post(`/api/consultations/${rc.id}/close`, { reason: '基准测试结束' }, big.committeeToken));
    // 结果公告: the close's job publishes the result notice and marks the vote announced.
    const announce = await timed(() => (close.v.status === 200 ? untilAnnounced(rc.id, 60_000) : Promise.resolve(false)));
    const recount = await timed(() => api.get(`/api/consultations/${rc.id}/recount`, big.committeeToken));
    say(
      `verify ${verify.s.toFixed(1)} s (${verify.v.status}), close ${close.s.toFixed(1)} s (${close.v.status}), recount ${recount.s.toFixed(1)} s (${recount.v.status})`,
    );
    const verifyOk = verify.v.status === 200 && verify.v.body.valid === true;
    const recountOk = recount.v.status === 200 && recount.v.body.equal === true && recount.v.body.recomputed?.ballots === VOTE_N;
    rows.push({ figure: `hash-chain verification, ${VOTE_N} ballots`, value: verify.s.toFixed(2), unit: 's', ok: verifyOk });
    rows.push({ figure: `close + result, ${VOTE_N} ballots`, value: close.s.toFixed(2), unit: 's', ok: close.v.status === 200 });
    rows.push({
      figure: `  then announced (result notice) after`,
      value: announce.v ? announce.s.toFixed(2) : `not within ${announce.s.toFixed(0)}`,
      unit: 's',
      ok: announce.v,
    });
    rows.push({ figure: `recount, ${VOTE_N} ballots`, value: recount.s.toFixed(2), unit: 's', ok: recountOk });
    raw.recount = {
      verifySeconds: verify.s,
      verifyStatus: verify.v.status,
      closeSeconds: close.s,
      closeStatus: close.v.status,
      announceSeconds: announce.s,
      announced: announce.v,
      recountSeconds: recount.s,
      recountStatus: recount.v.status,
      equal: recount.v.body?.equal,
      differences: recount.v.body?.differences,
    };
    // BENCH_PHASES=1: only the seeded close/verify/recount figures (quick runs while working on that path).
    if (process.env.BENCH_PHASES === '1') throw STOP_EARLY;

    // 2. tally reads, 100 vs N dwellings (before the big vote has ballots: the N-dwelling figure is about the electorate size)
    const smallVote = await openVote(api, small, { open: openDirect, leadMs: LEAD_MS });
    await castRate(
      server.url,
      small,
      smallVote,
      16,
      Array.from({ length: 100 }, (_, i) => i),
      undefined,
      PHASE_S,
    );
    const read100 = await readLatency(server.url, `/api/consultations/${smallVote.id}/tally`, small.committeeToken, 100, PHASE_S / 2);
    const readN = await readLatency(server.url, `/api/consultations/${vote.id}/tally`, big.committeeToken, 100, PHASE_S / 2);
    rows.push({ figure: `tally read p50 / p99, 100 dwellings`, value: `${read100.p50} / ${read100.p99}`, unit: 'ms' });
    rows.push({
      figure: `tally read p50 / p99, ${VOTE_N} dwellings`,
      value: `${readN.p50} / ${readN.p99}`,
      unit: 'ms',
      target: 'flat (≤ 1.5×)',
      ratio: readN.p50 / read100.p50,
      ok: readN.p50 / read100.p50 <= 1.5,
    });
    raw.tallyRead = { small: read100, big: readN };

    // 4. live tallies with watchers, run between the 16- and 64-concurrent casts
    const watchersPhase = async () => {
      say(`connecting ${WATCHERS} socket.io watchers …`);
      const watchers = await connectWatchers(server.url, big.voterTokens, vote.id, WATCHERS, { concurrency: 50, capMs: 2 * PHASE_S * 1000 });
      say(`watchers: ${watchers.joined}/${WATCHERS} joined in ${watchers.connectSeconds.toFixed(1)} s`);
      const base = (await api.get(`/api/consultations/${vote.id}/tally`, big.committeeToken)).body.questions[0].participation.dwellings;
      const acks: number[] = [];
      const idx = Array.from({ length: CAST[16] }, (_, i) => next + i);
      const withWatchers = await castRate(server.url, big, vote, 16, idx, (_, at) => acks.push(at), PHASE_S);
      next += withWatchers.ops;
      // Pushes come at most every 3 s (issue 13): wait for the one that carries the last ballot (cap 10 s; what has
      // not arrived by then counts as missing).
      const want = base + acks.length;
      const until = Date.now() + 10_000;
      while (Date.now() < until && !watchers.events.every((mine) => (mine[mine.length - 1]?.dwellings ?? 0) >= want)) {
        await new Promise((r) => setTimeout(r, 100));
      }
      const delivery = deliveryLatency(acks, base, watchers.events);
      watchers.close();
      const drop = 1 - withWatchers.perSecond / casts[16].perSecond;
      rows.push({
        figure: `watchers joined`,
        value: `${watchers.joined}/${WATCHERS} in ${watchers.connectSeconds.toFixed(1)} s`,
        unit: '',
        ok: watchers.joined === WATCHERS,
      });
      rows.push({
        figure: `  each update, push → receipt p50 / p99 (${delivery.pushes} pushes)`,
        value: `${delivery.fanout.p50} / ${delivery.fanout.p99}`,
        unit: 'ms',
        target: 'p99 ≤ 1000 ms',
        ok: delivery.fanout.p99 <= 1000 && delivery.missing === 0,
      });
      rows.push({
        figure: `  ballot ack → receipt p50 / p99 (pushes batched 3 s apart, issue 13)`,
        value: `${delivery.latency.p50} / ${delivery.latency.p99}`,
        unit: 'ms',
        target: 'p99 ≤ 4000 ms',
        ok: delivery.latency.p99 <= 4000 && delivery.missing === 0,
      });
      rows.push({ figure: `  deliveries missing`, value: delivery.missing, unit: '', ok: delivery.missing === 0 });
      rows.push({
        figure: `  cast votes/s @16 with watchers`,
        value: withWatchers.perSecond,
        unit: '/s',
        target: 'drop ≤ 20%',
        ratio: 1 - drop,
        ok: drop <= 0.2,
      });
      raw.watchers = { joined: watchers.joined, connectSeconds: watchers.connectSeconds, delivery, withWatchers, drop };
    };
    // 3. ceiling and casting at 1, 16, (4. watchers,) 64 concurrent voters
    let next = 0;
    const ceilings: Record<number, RateResult> = {};
    const casts: Record<number, RateResult> = {};
    for (const c of [1, 16, 64]) {
      if (c === 64) {
        await watchersPhase();
      }
      ceilings[c] = await ceilingRate(db.uri, DB, c, c === 1 ? 1000 : 3000);
      const idx = Array.from({ length: CAST[c] }, (_, i) => next + i);
      casts[c] = await castRate(server.url, big, vote, c, idx, undefined, PHASE_S);
      next += casts[c].ops;
      say(
        `c=${c}: ceiling ${ceilings[c].perSecond}/s, cast ${casts[c].perSecond}/s p50 ${casts[c].latency.p50} ms p99 ${casts[c].latency.p99} ms errors ${casts[c].errors}`,
      );
      const ratio = casts[c].perSecond / ceilings[c].perSecond;
      rows.push({
        figure: `cast votes/s @${c} (${casts[c].ops} votes)`,
        value: casts[c].perSecond,
        unit: '/s',
        target: c === 64 ? '≥ 50% of ceiling' : undefined,
        ratio,
        ok: c === 64 ? ratio >= 0.5 : undefined,
      });
      rows.push({ figure: `  ceiling insertOne/s @${c}`, value: ceilings[c].perSecond, unit: '/s' });
      rows.push({
        figure: `  cast p50 / p99 @${c}`,
        value: `${casts[c].latency.p50} / ${casts[c].latency.p99}`,
        unit: 'ms',
        target: c === 16 ? 'p99 < 300 ms' : undefined,
        ok: c === 16 ? casts[c].latency.p99 < 300 : undefined,
      });
      rows.push({ figure: `  cast errors @${c}`, value: casts[c].errors, unit: '', ok: casts[c].errors === 0 });
    }
    raw.ceilings = ceilings;
    raw.casts = casts;

    await importPhase(next);
  } catch (e) {
    if (e === STOP_EARLY) return report(raw, (Date.now() - started) / 1000);
    process.stderr.write(`bench error: ${(e as Error)?.stack ?? e}\n`);
    process.stderr.write(
      `server's last lines:\n${server.stdout
        .slice(-40)
        .map((l) => l.slice(0, 400))
        .join('\n')}\n`,
    );
    // What was measured before the failure is still written (and the targets table printed), then the error.
    rows.push({ figure: `failed: ${String((e as Error)?.message ?? e).slice(0, 60)}`, value: 'partial', unit: '', ok: false });
    failed = e;
  } finally {
    // The server's own error lines (pino level ≥ 50), so a 500 in the table can be explained from the JSON.
    raw.serverErrors = server.stdout
      .filter((l) => /"level":(50|60)/.test(l))
      .slice(-20)
      .map((l) => l.slice(0, 600));
    api.close();
    // A server still busy with a timed-out request may take minutes to shut down gracefully: 15 s, then SIGKILL.
    const stopped = await Promise.race([server.kill('SIGTERM').then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 15_000))]);
    if (!stopped) await server.kill('SIGKILL').catch(() => undefined);
    await mongoose.disconnect();
    await db.stop();
  }
  report(raw, (Date.now() - started) / 1000);
  if (failed) throw failed;
}

let serverOut: string[] = [];

/**
 * What the database spent its time on during the run: the server's `slow database command` lines (DB_SLOW_MS,
 * BENCH_DB_SLOW_MS here, 200 ms by default) summed by command, collection and filter shape. A shape that is not an
 * `_id` read near the top is a scan that grows with the street.
 */
function slowCommands() {
  const by = new Map<string, { command: string; n: number; totalMs: number; maxMs: number }>();
  for (const l of serverOut) {
    if (!l.includes('slow database command')) continue;
    try {
      const d = JSON.parse(l).db as { name: string; collection: string; shape: string; ms: number };
      const command = `${d.name} ${d.name === 'getMore' ? '(cursor)' : `${d.collection} ${d.shape}`}`;
      const r = by.get(command) ?? { command, n: 0, totalMs: 0, maxMs: 0 };
      r.n++;
      r.totalMs += d.ms;
      r.maxMs = Math.max(r.maxMs, d.ms);
      by.set(command, r);
    } catch {
      /* not a log line */
    }
  }
  return [...by.values()].sort((a, b) => b.totalMs - a.totalMs).slice(0, 20);
}

function report(raw: Record<string, unknown>, seconds: number) {
  raw.slowCommands = slowCommands();
  const slow = raw.slowCommands as ReturnType<typeof slowCommands>;
  if (slow.length) {
    process.stdout.write(`\nslowest database work (commands over ${process.env.BENCH_DB_SLOW_MS ?? '200'} ms, by shape):\n`);
    for (const c of slow.slice(0, 10))
      process.stdout.write(`  ${String(Math.round(c.totalMs / 1000)).padStart(5)} s  ×${String(c.n).padEnd(5)} max ${c.maxMs} ms  ${c.command}\n`);
  }
  const w = [46, 24, 4, 18, 7, 5];
  const line = (c: string[]) => c.map((x, i) => x.padEnd(w[i])).join(' ');
  process.stdout.write(`\n${line(['figure', 'value', 'unit', 'target', 'ratio', 'ok'])}\n${'-'.repeat(110)}\n`);
  for (const r of rows) {
    process.stdout.write(
      `${line([r.figure, String(r.value), r.unit, r.target ?? '', r.ratio === undefined ? '' : r.ratio.toFixed(2), r.ok === undefined ? '' : r.ok ? 'yes' : 'NO'])}\n`,
    );
  }
  const dir = path.join(__dirname, 'results');
  fs.mkdirSync(dir, { recursive: true });
  raw.loadEnd = os.loadavg();
  const targets = targetsOf(raw);
  printTargets(targets, raw, baselineTargets(dir, N), (s) => process.stdout.write(s));
  const at = new Date().toISOString();
  const doc = { at, seconds: Math.round(seconds), rows, targets, raw };
  const file = path.join(dir, `${at.slice(0, 19).replace(/:/g, '-')}.json`);
  fs.writeFileSync(file, `${JSON.stringify(doc, null, 2)}\n`);
  fs.appendFileSync(path.join(dir, 'history.jsonl'), `${JSON.stringify({ at, dwellings: raw.dwellings, rows })}\n`);
  process.stdout.write(
    `\n${rows.filter((r) => r.ok === false).length} figures miss their target; wrote ${path.relative(process.cwd(), file)} in ${Math.round(seconds)} s\n`,
  );
}

main().catch((e) => {
  process.stderr.write(`bench failed: ${e?.stack ?? e}\n`);
  process.exit(1);
});
