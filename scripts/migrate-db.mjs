#!/usr/bin/env node
// Copies every database, collection, index and document from one MongoDB-compatible server to another through the
// wire protocol (FerretDB SQLite → FerretDB PostgreSQL, or into a real MongoDB). Stop the Gongzhi server first.
//   node scripts/migrate-db.mjs --to postgresql [--data .data/db]   embedded SQLite data → embedded PostgreSQL in <data>/pg
//   node scripts/migrate-db.mjs --to sqlite [--data .data/db]       and back
//   node scripts/migrate-db.mjs --from-uri mongodb://… --to-uri mongodb://…
// Refuses a target collection that already holds documents (--force to add to it). Ends with a count check.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MongoClient } from 'mongodb';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name) => {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? undefined : process.argv[i + 1];
};
const force = process.argv.includes('--force');
const say = (m) => process.stdout.write(`[migrate-db] ${m}\n`);
const BATCH = 1000;

/** The launcher on a Unix socket in a private temp dir: no port is opened even for a migration. */
async function launch(dataDir, engine, sockDir) {
  const bin = path.join(root, '.tools/ferretdb/ferretdb-launcher');
  if (!fs.existsSync(bin)) throw new Error(`${bin} missing: run npm run setup:db`);
  const sock = path.join(sockDir, `${engine}.sock`);
  const args = ['-listen', '', '-unix', sock, '-data', dataDir, '-watch-stdin'];
  if (engine === 'postgresql') args.push('-handler', 'postgresql', '-pg-data', path.join(dataDir, 'pg'));
  const child = spawn(bin, args, { stdio: ['pipe', 'ignore', 'inherit'] });
  const uri = `mongodb://${encodeURIComponent(sock)}/`;
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`${engine} launcher exited (${child.exitCode})`);
    const c = new MongoClient(uri, { serverSelectionTimeoutMS: 300 });
    try {
      await c.connect();
      await c.db('admin').command({ ping: 1 });
      return { uri, child };
    } catch {
      /* not yet */
    } finally {
      await c.close().catch(() => {});
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`${engine} launcher did not answer`);
}

async function copy(fromUri, toUri) {
  const from = await MongoClient.connect(fromUri);
  const to = await MongoClient.connect(toUri);
  let problems = 0;
  try {
    const { databases } = await from.db('admin').admin().listDatabases();
    for (const { name: dbName } of databases) {
      if (['admin', 'local', 'config'].includes(dbName)) continue;
      const src = from.db(dbName);
      const dst = to.db(dbName);
      for (const { name, type } of await src.listCollections().toArray()) {
        if (type !== 'collection' || name.startsWith('system.')) continue;
        const target = dst.collection(name);
        if (!force && (await target.estimatedDocumentCount()) > 0) throw new Error(`${dbName}.${name} already holds documents in the target (--force to add)`);
        // Indexes first: the unique ones then reject anything the source should not have held either.
        const indexes = (await src.collection(name).listIndexes().toArray()).filter((ix) => ix.name !== '_id_');
        if (indexes.length) {
          await dst.command({
            createIndexes: name,
            indexes: indexes.map(({ key, name: n, unique, sparse }) => ({ key, name: n, ...(unique ? { unique } : {}), ...(sparse ? { sparse } : {}) })),
          });
        } else {
          await dst.createCollection(name).catch((e) => {
            if (e.codeName !== 'NamespaceExists') throw e;
          });
        }
        let n = 0;
        let batch = [];
        // In `_id` order, so a FerretDB source reads in pages instead of one long cursor over the whole collection.
        for await (const doc of src.collection(name).find({}).sort({ _id: 1 })) {
          batch.push(doc);
          if (batch.length === BATCH) {
            await target.insertMany(batch, { ordered: false });
            n += batch.length;
            batch = [];
          }
        }
        if (batch.length) {
          await target.insertMany(batch, { ordered: false });
          n += batch.length;
        }
        const [a, b] = await Promise.all([src.collection(name).countDocuments(), target.countDocuments()]);
        if (a !== b) {
          problems++;
          say(`MISMATCH ${dbName}.${name}: source ${a}, target ${b}`);
        } else say(`${dbName}.${name}: ${n} documents, ${indexes.length} indexes`);
      }
    }
  } finally {
    await from.close();
    await to.close();
  }
  if (problems) throw new Error(`${problems} collections differ after the copy`);
}

const started = Date.now();
const stops = [];
try {
  if (arg('from-uri') && arg('to-uri')) {
    await copy(arg('from-uri'), arg('to-uri'));
  } else {
    const to = arg('to');
    if (to !== 'postgresql' && to !== 'sqlite') throw new Error('give --to postgresql|sqlite, or --from-uri and --to-uri');
    const dataDir = path.resolve(arg('data') ?? path.join(process.env.DATA_DIR ?? path.join(root, '.data'), 'db'));
    // PostgreSQL runs as user postgres when we are root: it must pass through the data dir to its own `pg/` (0700).
    if (process.getuid?.() === 0) fs.chmodSync(dataDir, 0o711);
    const sockDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gz-migrate-')); // 0700
    stops.push(() => fs.rmSync(sockDir, { recursive: true, force: true }));
    const src = await launch(dataDir, to === 'postgresql' ? 'sqlite' : 'postgresql', sockDir);
    stops.push(() => src.child.stdin.end());
    const dst = await launch(dataDir, to, sockDir);
    stops.push(() => dst.child.stdin.end());
    await copy(src.uri, dst.uri);
    say(`done: start the server with EMBEDDED_DB_ENGINE=${to} (the old files stay in ${dataDir}; delete them once satisfied)`);
  }
  say(`finished in ${((Date.now() - started) / 1000).toFixed(1)} s`);
} catch (e) {
  say(`failed: ${e.message}`);
  process.exitCode = 1;
} finally {
  for (const stop of stops.reverse()) stop();
}
