#!/usr/bin/env node
// Micro-benchmark of the embedded FerretDB (see docs/ferretdb.md). Not part of the build or the tests.
//   node tools/ferretdb-launcher/bench/bench.mjs [--bin PATH] [--params "<sqlite query string>"] [--n 10000] [--ops 200] [--many]
//   node tools/ferretdb-launcher/bench/bench.mjs --crash [--bin PATH] [--params ...]   (kill -9 durability check)
//   --pg postgres:///ferretdb?host=/sock/dir   FerretDB's PostgreSQL backend instead of SQLite (server CPU then
//   includes every `postgres` process on the machine)
// Or against any server: --uri mongodb://127.0.0.1:27017/
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MongoClient, ObjectId } from 'mongodb';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const arg = (name, def) => {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? def : process.argv[i + 1];
};
const flag = (name) => process.argv.includes(`--${name}`);
const bin = arg('bin', path.join(root, '.tools/ferretdb/ferretdb-launcher'));
const params = arg('params', undefined); // undefined: the launcher's default
const N = Number(arg('n', 10000));
const OPS = Number(arg('ops', 200));
const pg = arg('pg', undefined);

const freePort = () =>
  new Promise((res, rej) => {
    const s = net.createServer();
    s.on('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
  });

async function startLauncher(dataDir) {
  const port = await freePort();
  const args = ['-listen', `127.0.0.1:${port}`, '-data', dataDir];
  if (params !== undefined) args.push('-sqlite-params', params);
  if (pg) args.push('-handler', 'postgresql', '-postgresql-url', pg);
  const child = spawn(bin, args, { stdio: ['ignore', 'ignore', 'inherit'] });
  const uri = `mongodb://127.0.0.1:${port}/?directConnection=true`;
  for (let i = 0; i < 100; i++) {
    const c = new MongoClient(uri, { serverSelectionTimeoutMS: 300 });
    try {
      await c.connect();
      await c.db('admin').command({ ping: 1 });
      await c.close();
      return { child, uri };
    } catch {
      await c.close().catch(() => {});
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  child.kill('SIGKILL');
  throw new Error('launcher did not answer');
}
const stopLauncher = (child, signal = 'SIGTERM') =>
  new Promise((r) => {
    child.once('exit', r);
    child.kill(signal);
  });

// CPU time (ms) the server process has used: wall time is noisy on a shared machine, server CPU much less so.
let serverPid;
const procCpu = (pid) => {
  try {
    const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(f[11]) + Number(f[12])) * 1000) / 100; // utime + stime, in clock ticks (100 Hz)
  } catch {
    return 0;
  }
};
const pgPids = () =>
  fs
    .readdirSync('/proc')
    .filter((p) => /^\d+$/.test(p))
    .filter((p) => {
      try {
        return fs.readFileSync(`/proc/${p}/comm`, 'utf8').trim() === 'postgres';
      } catch {
        return false;
      }
    });
const cpuMs = () => {
  if (!serverPid) return NaN;
  return procCpu(serverPid) + (pg ? pgPids().reduce((sum, p) => sum + procCpu(p), 0) : 0);
};

async function timed(label, fn, count = 1) {
  const t = process.hrtime.bigint();
  const c = cpuMs();
  await fn();
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  const cpu = cpuMs() - c;
  const per = count > 1 ? `  ${(ms / count).toFixed(2).padStart(8)} ms/op` : ''.padEnd(17);
  console.log(
    `${label.padEnd(44)} ${ms.toFixed(0).padStart(7)} ms${per}${Number.isNaN(cpu) ? '' : `   server CPU ${cpu.toFixed(0)} ms${count > 1 ? ` (${(cpu / count).toFixed(2)}/op)` : ''}`}`,
  );
  return ms;
}

async function bench(uri) {
  const client = await MongoClient.connect(uri);
  const db = client.db('bench');
  await db.dropDatabase();
  const votes = db.collection('votes');
  await votes.createIndex({ consultationId: 1, dwellingId: 1 }, { unique: true });
  await votes.createIndex({ dwellingId: 1 });
  const consultationId = new ObjectId();
  const dwelling = (i) => `D${String(i).padStart(6, '0')}`;
  const docs = Array.from({ length: N }, (_, i) => ({ consultationId, dwellingId: dwelling(i), choice: i % 3, n: 0 }));
  await timed(`insertMany ${N} (one call)`, () => votes.insertMany(docs), N);
  await timed(
    `insertOne x${OPS} (one commit each)`,
    async () => {
      for (let i = 0; i < OPS; i++) await votes.insertOne({ consultationId, dwellingId: `X${i}`, choice: 0, n: 0 });
    },
    OPS,
  );
  const pick = Array.from({ length: OPS }, (_, i) => (i * 7919) % N);
  const ids = (await votes.find({}, { projection: { _id: 1, dwellingId: 1 } }).toArray()).reduce((m, d) => m.set(d.dwellingId, d._id), new Map());
  await timed(
    `findOne {_id} x${OPS}`,
    async () => {
      for (const i of pick) if (!(await votes.findOne({ _id: ids.get(dwelling(i)) }))) throw new Error('miss');
    },
    OPS,
  );
  await timed(
    `findOne {consultationId,dwellingId} x${OPS}`,
    async () => {
      for (const i of pick) if (!(await votes.findOne({ consultationId, dwellingId: dwelling(i) }))) throw new Error('miss');
    },
    OPS,
  );
  await timed(
    `findOne {dwellingId} x${OPS}`,
    async () => {
      for (const i of pick) if (!(await votes.findOne({ dwellingId: dwelling(i) }))) throw new Error('miss');
    },
    OPS,
  );
  await timed(
    `updateOne {_id} $inc x${OPS}`,
    async () => {
      for (const i of pick) if ((await votes.updateOne({ _id: ids.get(dwelling(i)) }, { $inc: { n: 1 } })).modifiedCount !== 1) throw new Error('miss');
    },
    OPS,
  );
  await timed(
    `updateOne {consultationId,dwellingId} x${OPS}`,
    async () => {
      for (const i of pick)
        if ((await votes.updateOne({ consultationId, dwellingId: dwelling(i) }, { $inc: { n: 1 } })).modifiedCount !== 1) throw new Error('miss');
    },
    OPS,
  );
  if (flag('many')) await timed(`updateMany ${N + OPS} docs`, () => votes.updateMany({ consultationId }, { $inc: { n: 1 } }), N + OPS);
  const plan = await votes.find({ consultationId, dwellingId: dwelling(1) }).explain();
  console.log('explain {consultationId,dwellingId}:', JSON.stringify(plan.queryPlanner ?? plan).slice(0, 300));
  const planId = await votes.find({ _id: ids.get(dwelling(1)) }).explain();
  console.log('explain {_id}:', JSON.stringify(planId.queryPlanner ?? planId).slice(0, 300));
  await client.close();
}

// kill -9 the server right after a stream of acknowledged writes, restart, check every acknowledged write is there.
async function crash() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fdb-crash-'));
  for (let round = 1; round <= 3; round++) {
    let { child, uri } = await startLauncher(dir);
    let client = await MongoClient.connect(uri);
    const coll = client.db('crash').collection('acks');
    if (round === 1) await coll.createIndex({ k: 1 }, { unique: true });
    const acked = [];
    let stop = false;
    const writer = (async () => {
      for (let i = 0; !stop; i++) {
        const k = `r${round}-${i}`;
        try {
          await coll.insertOne({ k, round });
          acked.push(k);
        } catch {
          break;
        }
      }
    })();
    await new Promise((r) => setTimeout(r, 1500));
    await stopLauncher(child, 'SIGKILL');
    stop = true;
    await writer;
    await client.close(true).catch(() => {});
    ({ child, uri } = await startLauncher(dir));
    client = await MongoClient.connect(uri);
    const found = new Set((await client.db('crash').collection('acks').find({ round }).toArray()).map((d) => d.k));
    const lost = acked.filter((k) => !found.has(k));
    console.log(`round ${round}: ${acked.length} acknowledged before kill -9, ${found.size} present after restart, lost ${lost.length}`);
    await client.close();
    await stopLauncher(child);
    if (lost.length) process.exitCode = 1;
  }
  fs.rmSync(dir, { recursive: true, force: true });
}

if (flag('crash')) await crash();
else if (arg('uri')) await bench(arg('uri'));
else {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fdb-bench-'));
  const { child, uri } = await startLauncher(dir);
  serverPid = child.pid;
  console.log(
    `# ${path.relative(root, bin) || bin}  ${pg ? `postgresql ${pg}` : `params=${params === undefined ? '(launcher default)' : JSON.stringify(params)}`}  data=${dir}`,
  );
  try {
    await bench(uri);
  } finally {
    await stopLauncher(child);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
