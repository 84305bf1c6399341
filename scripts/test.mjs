#!/usr/bin/env node
// `npm test`: FerretDB build (cached) → two lanes side by side: [type checks → lint, layering, format] and [H5 build
// → weapp build → weapp check] (browser tests load the H5 app from the server) → jest.
// Ends with one plain line "N passed, N failed" for CI.
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, mkdirSync, existsSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const started = Date.now();
const secs = (t) => `${Math.round((Date.now() - t) / 1000)} s`;
const fail = (code) => {
  process.stdout.write(`\n0 passed, 1 failed\n`);
  process.exit(code ?? 1);
};

/** Runs one step with its output held back, then prints it whole, so two lanes never interleave their lines. */
function step(name, cmd, args, env = {}) {
  return new Promise((resolve) => {
    const t = Date.now();
    const child = spawn(cmd, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    const chunks = [];
    child.stdout.on('data', (c) => chunks.push(c));
    child.stderr.on('data', (c) => chunks.push(c));
    child.on('close', (code) => {
      process.stdout.write(`\n== ${name} (${secs(t)}${code === 0 ? '' : `, exit ${code}`})\n`);
      process.stdout.write(Buffer.concat(chunks));
      resolve(code ?? 1);
    });
  });
}

/** Steps of one lane run in order; the first failure ends the lane. */
async function lane(steps) {
  for (const [name, cmd, args, env] of steps) {
    const code = await step(name, cmd, args, env);
    if (code !== 0) return code;
  }
  return 0;
}

process.stdout.write('\n== database (FerretDB launcher)\n');
if (spawnSync(process.execPath, ['scripts/setup-db.mjs'], { cwd: root, stdio: 'inherit' }).status !== 0) fail(1);

// The checks and the builds share no output, and each is mostly one thread: on two cores side by side they take about
// the time of the longer lane instead of the sum.
const checks = [
  ['type check: server, shared, tests', 'npx', ['tsc', '-p', 'tsconfig.json']],
  ...(existsSync(path.join(root, 'miniprogram/tsconfig.json'))
    ? [['type check: mini-program', 'npx', ['tsc', '-p', 'miniprogram/tsconfig.json', '--noEmit']]]
    : []),
  ['lint: ESLint and the layering rules (dependency-cruiser)', 'npm', ['run', 'lint']],
  ['format: Prettier', 'npm', ['run', 'format:check']],
];
const builds = [
  // esbuild minifies the H5 bundle 5× faster than terser (the release default); the browser tests check behaviour.
  ['H5 build', 'npm', ['run', 'build:h5'], { GONGZHI_H5_MINIFIER: process.env.GONGZHI_H5_MINIFIER ?? 'esbuild' }],
  ['weapp build', 'npm', ['run', 'build:weapp']],
  ['weapp output opens as a mini-program project', process.execPath, ['scripts/check-weapp.mjs']],
];
const codes = await Promise.all([lane(checks), lane(builds)]);
process.stdout.write(`\n== checks and builds done in ${secs(started)}\n`);
if (codes.some((c) => c !== 0)) fail(codes.find((c) => c !== 0));

mkdirSync(path.join(root, 'tests/artifacts'), { recursive: true });
const out = path.join(root, 'tests/artifacts/jest-results.json');
rmSync(out, { force: true }); // a stale file must never be read as this run's results
const projects = (process.env.TEST_PROJECTS ?? 'unit,ui,api,e2e').split(',');
process.stdout.write(`\n== jest (${projects.join(', ')})\n`);
// Workers, never in-band: with one worker jest runs every file in its own process, so one file's leaked socket or
// timer keeps jest alive after the run (on a 2-core CI machine that hung CI for an hour). The tests wait on the
// database and the browser far more than on the CPU: on two cores two workers used 1.4 cores (1,044 s of CPU in
// 748 s), three 1,000 s in 623 s. So at least three. Beside the CI's schemathesis one scheduled vote once missed its
// opening within 15 s with three (tests/api/lists.index, 2026-12-04); the wait is 30 s since (support/consultations).
const workers = process.env.JEST_WORKERS ?? String(Math.min(4, Math.max(3, (os.availableParallelism?.() ?? os.cpus().length) - 1)));
// --forceExit: results are written before exit; a handle left open in a worker must not hold CI (the watchdog below
// is the last resort and reports what it killed).
const jestArgs = [
  path.join(root, 'node_modules/jest/bin/jest.js'),
  '--selectProjects',
  ...projects,
  '--maxWorkers',
  workers,
  '--forceExit',
  '--json',
  '--outputFile',
  out,
  ...process.argv.slice(2),
];
const watchdogMs = Number(process.env.JEST_WATCHDOG_MIN ?? 50) * 60_000;
// jest is started directly (not through npx) so that the watchdog's SIGKILL reaches jest itself.
const jestStarted = Date.now();
const r = spawnSync(process.execPath, jestArgs, { cwd: root, stdio: 'inherit', timeout: watchdogMs, killSignal: 'SIGKILL' });
process.stdout.write(`\n== jest took ${secs(jestStarted)}; npm test ${secs(started)} in all\n`);
if (r.error) process.stdout.write(`\njest did not finish within ${watchdogMs / 60_000} min (${r.error.message}): stopped\n`);
let passed = 0,
  failed = 1;
try {
  const res = JSON.parse(readFileSync(out, 'utf8'));
  passed = res.numPassedTests;
  failed = res.numFailedTests + res.numRuntimeErrorTestSuites;
} catch {
  /* jest crashed before writing results */
}
process.stdout.write(`\n${passed} passed, ${failed} failed\n`);
process.exit(r.status === 0 && failed === 0 ? 0 : 1);
