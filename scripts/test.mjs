#!/usr/bin/env node
// `npm test`: FerretDB build (cached) → type checks → H5 build (browser tests load it from the server) → jest.
// Ends with one plain line "N passed, N failed" for CI.
import { spawnSync } from 'node:child_process';
import { readFileSync, mkdirSync, existsSync } from 'node:fs';
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
step('H5 build', 'npm', ['run', 'build:h5']);
step('weapp build', 'npm', ['run', 'build:weapp']);
step('weapp output opens as a mini-program project', process.execPath, ['scripts/check-weapp.mjs']);

mkdirSync(path.join(root, 'tests/artifacts'), { recursive: true });
const out = path.join(root, 'tests/artifacts/jest-results.json');
const projects = (process.env.TEST_PROJECTS ?? 'unit,ui,api,e2e').split(',');
process.stdout.write(`\n== jest (${projects.join(', ')})\n`);
const r = spawnSync('npx', ['jest', '--selectProjects', ...projects, '--json', '--outputFile', out, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
let passed = 0, failed = 1;
try {
  const res = JSON.parse(readFileSync(out, 'utf8'));
  passed = res.numPassedTests;
  failed = res.numFailedTests + res.numRuntimeErrorTestSuites;
} catch { /* jest crashed before writing results */ }
process.stdout.write(`\n${passed} passed, ${failed} failed\n`);
process.exit(r.status === 0 && failed === 0 ? 0 : 1);
