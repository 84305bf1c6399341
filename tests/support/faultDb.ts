import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { MongoClient } from 'mongodb';

/**
 * Processes a fault test owns and may kill: a FerretDB launcher on its own data dir and port (so kill -9 and a
 * restart on the same dir/port are possible), and the real server (`main.ts`) as a child process.
 * The jest-wide FerretDB from globalSetup is never touched.
 */
export const ROOT = path.resolve(__dirname, '../..');
const LAUNCHER = path.join(ROOT, '.tools/ferretdb/ferretdb-launcher');

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function pingOnce(uri: string, timeoutMs: number): Promise<boolean> {
  const client = new MongoClient(uri, { serverSelectionTimeoutMS: timeoutMs, connectTimeoutMS: timeoutMs, directConnection: true });
  try {
    await client.connect();
    await client.db('admin').command({ ping: 1 });
    return true;
  } catch {
    return false;
  } finally {
    await client.close().catch(() => undefined);
  }
}

export interface FaultDb {
  uri: string;
  port: number;
  dataDir: string;
  readonly pid: number | undefined;
  /** SIGKILL: no shutdown, no flush beyond what SQLite already committed. */
  kill9(): Promise<void>;
  /** SIGSTOP / SIGCONT: the port stays open but nothing answers (a hung database, not a refused one). */
  freeze(): void;
  thaw(): void;
  /** Starts the launcher again on the same data dir and port. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/** Starts the FerretDB launcher (built by `npm run setup:db`) on a temp (or given) data dir and a free loopback port. */
export async function startFaultDb(opts: { dataDir?: string; port?: number } = {}): Promise<FaultDb> {
  if (!fs.existsSync(LAUNCHER)) throw new Error(`${LAUNCHER} is missing: run npm run setup:db`);
  const dataDir = opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'gz-fault-db-'));
  const ownsDir = !opts.dataDir;
  const port = opts.port ?? (await freePort());
  const uri = `mongodb://127.0.0.1:${port}/`;
  // EMBEDDED_DB_ENGINE=postgresql: the same suites and bench on FerretDB's PostgreSQL backend (a private PostgreSQL
  // in <dataDir>/pg, run as user postgres when we are root, so the data dir must let it pass).
  const pg = process.env.EMBEDDED_DB_ENGINE === 'postgresql';
  const storage = pg ? ['-handler', 'postgresql', '-pg-data', path.join(dataDir, 'pg')] : [];
  if (pg && process.getuid?.() === 0) fs.chmodSync(dataDir, 0o711);
  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();
  const tail: string[] = [];

  const launch = async () => {
    // -watch-stdin: the launcher dies with us even if jest is killed; we keep its stdin open.
    const c = spawn(LAUNCHER, ['-listen', `127.0.0.1:${port}`, '-data', dataDir, '-watch-stdin', ...storage], { stdio: ['pipe', 'ignore', 'pipe'] });
    child = c;
    c.stderr!.on('data', (d: Buffer) => {
      tail.push(...d.toString().split('\n').filter(Boolean));
      tail.splice(0, Math.max(0, tail.length - 20));
    });
    exited = new Promise((r) => c.once('exit', () => r()));
    const deadline = Date.now() + (pg ? 90_000 : 30_000);
    for (;;) {
      if (c.exitCode !== null || c.signalCode !== null) throw new Error(`ferretdb exited: ${tail.join(' | ')}`);
      if (await pingOnce(uri, 500)) return;
      if (Date.now() > deadline) throw new Error(`ferretdb did not answer on ${port}: ${tail.join(' | ')}`);
      await sleep(100);
    }
  };
  const kill = async (signal: NodeJS.Signals) => {
    const c = child;
    if (!c || c.exitCode !== null || c.signalCode !== null) return;
    if (c.signalCode === null) {
      try {
        process.kill(c.pid!, 'SIGCONT');
      } catch {
        /* gone */
      }
    }
    c.kill(signal);
    await exited;
  };
  const onExit = () => {
    try {
      child?.kill('SIGKILL');
    } catch {
      /* gone */
    }
  };
  process.on('exit', onExit);

  await launch();
  return {
    uri,
    port,
    dataDir,
    get pid() {
      return child?.pid;
    },
    kill9: () => kill('SIGKILL'),
    freeze: () => {
      if (child?.pid) process.kill(child.pid, 'SIGSTOP');
    },
    thaw: () => {
      if (child?.pid) process.kill(child.pid, 'SIGCONT');
    },
    restart: async () => {
      await kill('SIGKILL');
      await launch();
    },
    stop: async () => {
      process.removeListener('exit', onExit);
      await kill('SIGTERM');
      if (ownsDir) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface ServerProcess {
  url: string;
  port: number;
  pid: number;
  /** Every stdout line (pino JSON lines and the plain start lines). */
  stdout: string[];
  stderr: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * The real server process (`node --import tsx server/src/main.ts`, no tsx wrapper process, so a SIGKILL
 * hits the server itself). Resolves once it prints its "running at" line. An env value `undefined` removes that
 * variable (e.g. `MONGODB_URI: undefined`: the server starts its own embedded database).
 */
export async function spawnServer(env: Record<string, string | undefined>, opts: { startTimeoutMs?: number } = {}): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'warn',
      SEED_DEMO: 'false',
      DEV_LOGIN: 'true',
      H5_DIR: path.join(os.tmpdir(), 'gz-no-h5'),
      SHUTDOWN_GRACE_MS: '2000',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stdout: string[] = [];
  const stderr: string[] = [];
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => child.once('exit', (code, signal) => r({ code, signal })));
  const onExit = () => {
    try {
      child.kill('SIGKILL');
    } catch {
      /* gone */
    }
  };
  process.on('exit', onExit);
  exited.then(() => process.removeListener('exit', onExit));
  const lines = (into: string[]) => {
    let partial = '';
    return (d: Buffer) => {
      const parts = (partial + d.toString()).split('\n');
      partial = parts.pop() ?? '';
      into.push(...parts);
    };
  };
  child.stdout!.on('data', lines(stdout));
  child.stderr!.on('data', lines(stderr));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start: ${stderr.slice(-5).join(' | ')}`)), opts.startTimeoutMs ?? 60_000);
    const check = () => {
      const m = stdout.map((l) => /running at (http:\/\/\S+)/.exec(l)).find(Boolean);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout!.on('data', check);
    exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${signal ?? code}) before start: ${stderr.slice(-8).join(' | ')}`));
    });
  });
  return {
    url,
    port: Number(new URL(url).port),
    pid: child.pid!,
    stdout,
    stderr,
    exited,
    kill: async (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}

/** Polls `fn` until it returns truthy, or throws after `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  fn: () => Promise<T | undefined | false> | T | undefined | false,
  timeoutMs = 20_000,
  everyMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v as T;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
    await sleep(everyMs);
  }
}
