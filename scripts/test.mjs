#!/usr/bin/env node
// `npm test`: FerretDB build (cached) → type checks → lint, layering, format → H5 and weapp builds (browser tests
// load the H5 app from the server) → jest.
// Ends with one plain line "N passed, N failed" for CI.
import { spawnSync } from 'node:child_process';
import { readFileSync, mkdirSync, existsSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const step = (name, cmd, args) => {
  process.stdout.write(`\n== ${name}\n`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    process.stdout.write(`\n0 passed, 1 failed\n`);
    process.exit(r.status ?? 1);
  }
};

step('database (FerretDB launcher)', process.execPath, ['scripts/setup-db.mjs']);
step('type check: server, shared, tests', 'npx', ['tsc', '-p', 'tsconfig.json']);
if (existsSync(path.join(root, 'miniprogram/tsconfig.json'))) step('type check: mini-program', 'npx', ['tsc', '-p', 'miniprogram/tsconfig.json', '--noEmit']);
step('lint: ESLint and the layering rules (dependency-cruiser)', 'npm', ['run', 'lint']);
step('format: Prettier', 'npm', ['run', 'format:check']);
step('H5 build', 'npm', ['run', 'build:h5']);
step('weapp build', 'npm', ['run', 'build:weapp']);
step('weapp output opens as a mini-program project', process.execPath, ['scripts/check-weapp.mjs']);

mkdirSync(path.join(root, 'tests/artifacts'), { recursive: true });
const out = path.join(root, 'tests/artifacts/jest-results.json');
rmSync(out, { force: true }); // a stale file must never be read as this run's results
const projects = (process.env.TEST_PROJECTS ?? 'unit,ui,api,e2e').split(',');
process.stdout.write(`\n== jest (${projects.join(', ')})\n`);
// Workers, never in-band: with one worker jest runs every file in its own process, so one file's leaked socket or
// timer keeps jest alive after the run (on a 2-core CI machine that hung CI for an hour). The tests wait on the
// database and the browser far more than on the CPU, so two workers on two cores also halve the wall time.
const workers = process.env.JEST_WORKERS ?? String(Math.max(2, Math.min(4, (os.availableParallelism?.() ?? os.cpus().length) - 1)));
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
const r = spawnSync(process.execPath, jestArgs, { cwd: root, stdio: 'inherit', timeout: watchdogMs, killSignal: 'SIGKILL' });
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
