#!/usr/bin/env node
// `npm run setup:db`: builds the embedded FerretDB launcher (tools/ferretdb-launcher) into
// .tools/ferretdb/ferretdb-launcher, against a copy of the FerretDB module with the `_id` patch for each backend (PATCHES below,
// see docs/ferretdb.md "The `_id` index patch"). Cached: skipped while a stamp of the launcher sources, the patch, the
// Go version and the platform matches. Without Go it says so and exits 0 (the server then looks for ferretdb/mongod
// on PATH or mongodb-memory-server).
//   --force          rebuild anyway
//   --stock          build against the unpatched module (same as GONGZHI_FERRETDB_STOCK=1)
//   --out PATH       write the binary (and PATH.stamp) elsewhere, e.g. a stock build to compare with in the bench
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const srcDir = path.join(root, 'tools/ferretdb-launcher');
const outDir = path.join(root, '.tools/ferretdb');
const exe = process.platform === 'win32' ? '.exe' : '';
const argAfter = (name) => {
  const i = process.argv.indexOf(name);
  return i < 0 ? undefined : process.argv[i + 1];
};
const binary = path.resolve(argAfter('--out') ?? path.join(outDir, `ferretdb-launcher${exe}`));
const stampFile = argAfter('--out') ? `${binary}.stamp` : path.join(outDir, 'ferretdb-launcher.stamp');
const go = process.env.GO || 'go';
const say = (line) => process.stdout.write(`[setup:db] ${line}\n`);
const fail = (line) => {
  say(line);
  process.exit(1);
};

const MODULE = 'github.com/FerretDB/FerretDB';
// One name for the changes (the launcher prints it; tests check it). Each `from` must occur exactly once in its file,
// or the build stops (version drift). Results are identical; only query plans and connection use change.
const PATCH_NAME = '_id index patch, update batch fix';
const PATCHES = [
  {
    // SQLite matches index expressions by their text: FerretDB's `_id_` index is on `_ferretdb_sjson->"_id"`, but its
    // `_id` lookups, updates and deletes compare `->'$._id'`, so they scan the table. `->'_id'` is the same value and
    // uses the index. No data migration: the index already exists.
    file: 'internal/backends/sqlite/metadata/metadata.go',
    from: `IDColumn = DefaultColumn + "->'$._id'"`,
    to: `IDColumn = DefaultColumn + "->'_id'"`,
  },
  {
    // The SQLite backend pushes a filter down only when it is exactly `{_id: v}`: `{_id: v, status: s}` (a guarded
    // write, a lock release, a lookup that also checks its owner) read and decoded the whole collection. Push the
    // `_id` equality down whenever the filter has one at its top level: the row found is a superset of the answer,
    // and every caller filters the rows again in Go (FilterIterator / FilterDocument), so results are unchanged.
    file: 'internal/backends/sqlite/collection.go',
    from: 'if params.Filter.Len() == 1 {\n\t\tv, _ := params.Filter.Get("_id")\n\t\tswitch v.(type) {\n\t\tcase string, types.ObjectID:\n\t\t\twhereClause',
    to: 'if params.Filter.Len() > 0 && params.Filter.Has("_id") {\n\t\tv, _ := params.Filter.Get("_id")\n\t\tswitch v.(type) {\n\t\tcase string, types.ObjectID:\n\t\t\twhereClause',
  },
  {
    // PostgreSQL pushes `{_id: v}` down as `_jsonb->$1 @> $2`: a parameter key and containment, which the btree
    // index on `(_jsonb->'_id')` cannot serve, so every `_id` find is a sequential scan. `_id` is never an array, so
    // for a string/ObjectId containment equals equality; `_jsonb->'_id' = $2` uses the index. `$1` stays referenced
    // (PostgreSQL refuses a parameter it cannot type). FerretDB filters the rows again in Go either way.
    file: 'internal/backends/postgresql/query.go',
    from: 'sql := `%[1]s%[2]s%[3]s @> %[4]s`',
    to: 'sql := `%[1]s%[2]s%[3]s @> %[4]s`; if k == "_id" && operator == "->" { switch v.(type) { case string, types.ObjectID: sql = `%[1]s->\'_id\' = %[4]s AND %[3]s::text = \'_id\'` } }',
  },
  {
    // Not about `_id`, same build: the `update` command defers closing each statement's read cursor to the end of the
    // whole command, and every open cursor holds a pooled connection (SQLite 100, PostgreSQL 50). A bulkWrite of that
    // many updateOne waits for a connection forever and, holding the whole pool, stops the database for everyone.
    // Closing the cursor once its statement has run (Close is idempotent; the deferred close stays for error paths).
    file: 'internal/handler/msg_update.go',
    from: 'result, err := common.UpdateDocument(ctx, c, "update", iter, &u)',
    to: 'result, err := common.UpdateDocument(ctx, c, "update", iter, &u)\n\t\tcloser.Close()',
  },
];
const stock = process.argv.includes('--stock') || process.env.GONGZHI_FERRETDB_STOCK === '1';
const flavour = stock ? 'stock' : `+${PATCH_NAME}`;

const goVersion = spawnSync(go, ['version'], { encoding: 'utf8' });
if (goVersion.error || goVersion.status !== 0) {
  say(
    'Go is not installed (no `go` on PATH): skipping the FerretDB launcher build; the server will use ' +
      'a `ferretdb`/`mongod` binary on PATH or mongodb-memory-server, or set MONGODB_URI.',
  );
  process.exit(0);
}

// The stamp covers everything that changes the binary: sources, go.mod/go.sum, patch, toolchain, platform.
const hash = createHash('sha256');
for (const name of readdirSync(srcDir)
  .filter((n) => /\.go$|^go\.(mod|sum)$/.test(n))
  .sort()) {
  hash
    .update(name)
    .update('\0')
    .update(readFileSync(path.join(srcDir, name)))
    .update('\0');
}
hash.update(goVersion.stdout.trim()).update(`${process.platform}-${process.arch}`);
hash.update(stock ? 'stock' : JSON.stringify(PATCHES));
const stamp = hash.digest('hex');

if (!process.argv.includes('--force') && existsSync(binary) && existsSync(stampFile) && readFileSync(stampFile, 'utf8').split('\n')[0].trim() === stamp) {
  say(`FerretDB launcher is up to date (${flavour}): ${path.relative(root, binary)}`);
  process.exit(0);
}

const run = (args, opts = {}) => spawnSync(go, args, { cwd: srcDir, encoding: 'utf8', ...opts });

// The module as go.mod pins it (downloaded into GOMODCACHE through the usual proxy on a fresh machine).
const dl = run(['mod', 'download', '-json', MODULE]);
let mod;
try {
  mod = JSON.parse(dl.stdout);
} catch {
  /* reported below */
}
if (dl.status !== 0 || !mod?.Dir) fail(`go mod download ${MODULE} failed:\n${dl.stdout ?? ''}${dl.stderr ?? ''}`);

mkdirSync(path.dirname(binary), { recursive: true });
mkdirSync(outDir, { recursive: true });
const work = mkdtempSync(path.join(outDir, 'build-'));
const cleanup = () => rmSync(work, { recursive: true, force: true });
const buildArgs = ['build', '-buildvcs=false', '-trimpath'];
const ldflags = ['-s', '-w'];

if (!stock) {
  // Go refuses -overlay for module-cache files, so: a writable copy of the module, patched, and a temporary
  // -modfile that replaces the module with it. tools/ferretdb-launcher/go.mod itself stays untouched.
  const copy = path.join(work, `FerretDB@${mod.Version}`);
  cpSync(mod.Dir, copy, { recursive: true });
  makeWritable(copy);
  for (const patch of PATCHES) {
    const file = path.join(copy, patch.file);
    const text = readFileSync(file, 'utf8');
    const hits = text.split(patch.from).length - 1;
    if (hits !== 1) {
      cleanup();
      fail(
        `cannot apply the ${PATCH_NAME} to ${MODULE} ${mod.Version}: expected the line\n    ${patch.from}\n` +
          `exactly once in ${patch.file}, found it ${hits} times (did the FerretDB version change?). ` +
          'Update PATCHES in scripts/setup-db.mjs and docs/ferretdb.md, or build unpatched with GONGZHI_FERRETDB_STOCK=1.',
      );
    }
    writeFileSync(file, text.replace(patch.from, patch.to));
  }
  const modfile = path.join(work, 'go.mod');
  writeFileSync(modfile, `${readFileSync(path.join(srcDir, 'go.mod'), 'utf8')}\nreplace ${MODULE} => ${copy}\n`);
  cpSync(path.join(srcDir, 'go.sum'), path.join(work, 'go.sum'));
  buildArgs.push(`-modfile=${modfile}`);
  // The launcher prints which build it is: `ferretdb 1.24.2 (+_id index patch, update batch fix)`.
  ldflags.push('-X', `'main.patches=${PATCH_NAME}'`);
}

say(`building FerretDB launcher ${mod.Version} (${flavour}) with ${goVersion.stdout.trim()} (first build takes 1-3 minutes) ...`);
const started = Date.now();
// Build to a temporary name and rename: a running test never sees a half-written binary.
const tmp = `${binary}.${process.pid}.tmp`;
// Environment untouched (GOPATH, GOFLAGS, GOMODCACHE, GOCACHE) so the module and build caches are reused;
// -trimpath keeps the patched copy's temporary path out of the binary and the build cache keys.
const build = run([...buildArgs, `-ldflags=${ldflags.join(' ')}`, '-o', tmp, '.'], { stdio: 'inherit' });
cleanup();
if (build.error || build.status !== 0) {
  rmSync(tmp, { force: true });
  fail(`go build failed (exit ${build.status ?? build.error?.message}); see the output above.`);
}
renameSync(tmp, binary);
writeFileSync(stampFile, `${stamp}\n${flavour}\n`);
say(`built ${path.relative(root, binary)} (${flavour}) in ${((Date.now() - started) / 1000).toFixed(1)} s`);

// Files in GOMODCACHE are read-only (0444, directories 0555); the copy must be patchable and removable.
function makeWritable(p) {
  const st = statSync(p);
  chmodSync(p, st.isDirectory() ? 0o755 : 0o644);
  if (st.isDirectory()) for (const n of readdirSync(p)) makeWritable(path.join(p, n));
}
