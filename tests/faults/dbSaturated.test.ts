import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MongoClient, ObjectId } from 'mongodb';
import { spawnServer, sleep, waitFor, type ServerProcess } from '../support/faultDb';
import { LoadClient, mintAccessToken, sessionDoc, type Res } from '../support/loadClient';
import type { Json } from '../support/json';

/**
 * Busy is not down (issue 18), the load side. The server runs on its embedded FerretDB, which is saturated: several
 * clients scan a large collection without stopping (filters other than `{_id}` decode every document in Go), and the
 * database is starved of CPU the way a machine at load average 10+ starves it (its threads reniced and pinned to one
 * core beside a busy-looping process), so pings and point reads take up to seconds. The database keeps completing
 * work, so a resident's ordinary requests must be answered — slowly — never `503 DB_UNAVAILABLE`, and /readyz must
 * not take the instance out of service. A stopped database (SIGSTOP) must still be a fast 503 on the same server.
 */
const SECRET = 'fault-saturated-secret-0123456789';
const DB = 'gz_fault_saturated';
const DOCS = 5000;
const SCANNERS = 4;
const LOAD_MS = 12_000;
const linux = process.platform === 'linux' && fs.existsSync('/proc/self/stat');
const run = linux ? describe : describe.skip;

let dataDir: string;
let server: ServerProcess;
let client: LoadClient;
let mongo: MongoClient;
let dbPid: number;
let token: string;

/** The embedded database: the child process of our server that runs the FerretDB launcher. */
function databaseChild(pid: number): number | undefined {
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid && /ferretdb/.test(fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8'))) return Number(entry);
    } catch {
      /* gone */
    }
  }
  return undefined;
}

/** Starves a process of CPU: every thread niced and pinned to core 0, where a busy loop runs at normal priority. */
function starve(pid: number): ChildProcess {
  for (const tid of fs.readdirSync(`/proc/${pid}/task`)) execFileSync('renice', ['-n', '8', '-p', tid], { stdio: 'ignore' });
  execFileSync('taskset', ['-a', '-p', '-c', '0', String(pid)], { stdio: 'ignore' });
  const spinner = spawn(process.execPath, ['-e', 'for(;;){}'], { stdio: 'ignore' });
  execFileSync('taskset', ['-p', '-c', '0', String(spinner.pid)], { stdio: 'ignore' });
  return spinner;
}

beforeAll(async () => {
  if (!linux) return;
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gz-saturated-'));
  // No MONGODB_URI: the server starts (and owns) its embedded FerretDB in DATA_DIR/db.
  server = await spawnServer({ MONGODB_URI: undefined, MONGODB_DB: DB, DATA_DIR: dataDir, JWT_SECRET: SECRET, JOBS: 'false' });
  const uri = server.stdout.map((l) => /embedded ferretdb at (mongodb:\/\/\S+)/.exec(l)?.[1]).find(Boolean);
  expect(uri).toBeDefined();
  dbPid = databaseChild(server.pid)!;
  expect(dbPid).toBeGreaterThan(0);
  mongo = new MongoClient(uri!, { maxPoolSize: SCANNERS + 2 });
  const db = mongo.db(DB);
  const userId = new ObjectId();
  await db.collection('users').insertOne({ _id: userId, displayName: '繁忙测试', grants: [], grantsVersion: 0, lang: 'zh', subscribe: { notices: false } });
  await db.collection('sessions').insertOne(sessionDoc(userId) as Json);
  token = mintAccessToken(userId.toHexString(), SECRET);
  const big = db.collection<{ _id: string; k: number; text: string }>('big');
  for (let i = 0; i < DOCS; i += 2000) {
    await big.insertMany(Array.from({ length: Math.min(2000, DOCS - i) }, (_, j) => ({ _id: `d${i + j}`, k: (i + j) % 97, text: '住户'.repeat(60) })));
  }
  client = new LoadClient(server.url, { connections: 4, timeoutMs: 60_000 });
}, 120_000);

afterAll(async () => {
  client?.close();
  await mongo?.close().catch(() => undefined);
  if (dbPid) spawn('kill', ['-CONT', String(dbPid)]);
  await server?.kill('SIGTERM');
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

/** A DB-backed request that works while the database is up: GridFS lookup of an unknown file → 404. */
const missingFile = `/api/files/${new ObjectId().toHexString()}`;

run('saturated embedded database', () => {
  it('while long scans saturate a CPU-starved database, ordinary requests are answered (slowly), never 503', async () => {
    expect((await client.get('/api/me', token)).status).toBe(200);
    const spinner = starve(dbPid);
    const end = Date.now() + LOAD_MS;
    let scans = 0;
    try {
      const scanners = Array.from({ length: SCANNERS }, async () => {
        while (Date.now() < end) {
          await mongo.db(DB).collection('big').find({ k: -1 }).toArray(); // matches nothing: a whole-collection scan
          if (Date.now() < end) scans++;
        }
      });
      const answers: Res[] = [];
      const resident = (async () => {
        await sleep(1000); // let the scans pile up first
        while (Date.now() < end) {
          for (const p of ['/api/me', missingFile, '/readyz']) answers.push(await client.get(p, token));
        }
      })();
      await resident;
      // Scans still running are left to the database (the server's shutdown stops it); the count is what finished.
      void Promise.allSettled(scanners);
      const slowest = Math.max(...answers.map((r) => r.ms));
      console.log(`saturated: ${answers.length} requests answered (slowest ${Math.round(slowest)} ms), ${scans} scans finished`);
      const statuses = answers.map((r) => `${r.status}${r.body?.error?.code ? ` ${r.body.error.code}` : ''}`);
      expect(statuses.filter((s) => !/^(200|404)\b/.test(s))).toEqual([]);
      expect(answers.length).toBeGreaterThanOrEqual(6); // the database kept completing work…
      expect(slowest).toBeGreaterThan(300); // …while saturated: even point reads waited
    } finally {
      spinner.kill('SIGKILL');
    }
  }, 60_000);

  it('a stopped embedded database (SIGSTOP) is still a fast 503, and the same server recovers', async () => {
    process.kill(dbPid, 'SIGSTOP');
    try {
      await sleep(500);
      const r = await client.get('/api/me', token);
      expect({ status: r.status, code: r.body?.error?.code }).toEqual({ status: 503, code: 'DB_UNAVAILABLE' });
      expect(r.ms).toBeLessThan(2000);
    } finally {
      process.kill(dbPid, 'SIGCONT');
    }
    await waitFor('requests answered again', async () => (await client.get('/api/me', token)).status === 200, 20_000, 200);
  }, 40_000);
});
