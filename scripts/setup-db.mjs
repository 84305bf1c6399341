#!/usr/bin/env node
// `npm run setup:db`: builds the embedded FerretDB launcher (tools/ferretdb-launcher) into
// .tools/ferretdb/ferretdb-launcher. Cached: skipped while a stamp of the launcher sources and the
// Go version matches. Without Go it says so and exits 0 (the server then looks for ferretdb/mongod
// on PATH or mongodb-memory-server). `--force` rebuilds anyway.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const srcDir = path.join(root, 'tools/ferretdb-launcher');
const outDir = path.join(root, '.tools/ferretdb');
const exe = process.platform === 'win32' ? '.exe' : '';
const binary = path.join(outDir, `ferretdb-launcher${exe}`);
const stampFile = path.join(outDir, 'ferretdb-launcher.stamp');
const go = process.env.GO || 'go';
const say = (line) => process.stdout.write(`[setup:db] ${line}\n`);

const goVersion = spawnSync(go, ['version'], { encoding: 'utf8' });
if (goVersion.error || goVersion.status !== 0) {
  say('Go is not installed (no `go` on PATH): skipping the FerretDB launcher build; the server will use ' +
    'a `ferretdb`/`mongod` binary on PATH or mongodb-memory-server, or set MONGODB_URI.');
  process.exit(0);
}

// The stamp covers everything that changes the binary: sources, go.mod/go.sum, toolchain, platform.
const hash = createHash('sha256');
for (const name of readdirSync(srcDir).filter((n) => /\.go$|^go\.(mod|sum)$/.test(n)).sort()) {
  hash.update(name).update('\0').update(readFileSync(path.join(srcDir, name))).update('\0');
}
hash.update(goVersion.stdout.trim()).update(`${process.platform}-${process.arch}`);
const stamp = hash.digest('hex');

const force = process.argv.includes('--force');
if (!force && existsSync(binary) && existsSync(stampFile) && readFileSync(stampFile, 'utf8').trim() === stamp) {
  say(`FerretDB launcher is up to date: ${path.relative(root, binary)}`);
  process.exit(0);
}

mkdirSync(outDir, { recursive: true });
say(`building FerretDB launcher with ${goVersion.stdout.trim()} (first build takes 1-3 minutes) ...`);
const started = Date.now();
// Build to a temporary name and rename: a concurrent reader never sees a half-written binary.
const tmp = `${binary}.${process.pid}.tmp`;
// Environment untouched (GOPATH, GOFLAGS, GOMODCACHE, GOCACHE) so the module and build caches are reused.
const build = spawnSync(go, ['build', '-buildvcs=false', '-ldflags=-s -w', '-o', tmp, '.'], { cwd: srcDir, stdio: 'inherit' });
if (build.error || build.status !== 0) {
  rmSync(tmp, { force: true });
  say(`go build failed (exit ${build.status ?? build.error?.message}); see the output above.`);
  process.exit(1);
}
renameSync(tmp, binary);
writeFileSync(stampFile, `${stamp}\n`);
say(`built ${path.relative(root, binary)} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
