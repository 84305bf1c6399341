import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { MongoClient } from 'mongodb';

/**
 * A database for development and tests when MONGODB_URI is not given. In order of preference:
 * 1. our FerretDB launcher (.tools/ferretdb/ferretdb-launcher, built by `npm run setup:db` from tools/ferretdb-launcher),
 * 2. a `ferretdb` (v1, SQLite handler) or `mongod` binary on PATH,
 * 3. mongodb-memory-server, if someone installed it (it is not a dependency).
 * Data lives in `dataDir` so it survives restarts; the child process dies with us.
 * How it listens: in production (NODE_ENV=production) only on a Unix socket in `<dataDir>/sock/` (directory 0700),
 * because FerretDB v1 on SQLite has no authentication: a TCP port would let any local user read and write everything.
 * In development and tests on a loopback TCP port, unless EMBEDDED_DB_LISTEN=unix.
 * Storage: SQLite files in `dataDir` (default), or EMBEDDED_DB_ENGINE=postgresql: a private PostgreSQL in
 * `<dataDir>/pg` started by the launcher (see docs/ferretdb.md for when that pays off).
 */
export type EmbeddedDbKind = 'ferretdb' | 'mongod' | 'memory-server';

export interface EmbeddedDb {
  uri: string;
  /** `unix`: the URI names a socket file, no TCP port is open. */
  listen: 'tcp' | 'unix';
  /** The database process (undefined for mongodb-memory-server). */
  pid?: number;
  kind: EmbeddedDbKind;
  dataDir: string;
  stop(): Promise<void>;
}

export interface EmbeddedDbOptions {
  /** Default `<repo>/.data/db`. */
  dataDir?: string;
  log?: (message: string) => void;
  /** How long to wait for the first successful ping. */
  readyTimeoutMs?: number;
  /** Default: `unix` when NODE_ENV=production or EMBEDDED_DB_LISTEN=unix, else `tcp`. */
  listen?: 'tcp' | 'unix';
  /** Default: EMBEDDED_DB_ENGINE, else `sqlite`. */
  engine?: Engine;
}

type Engine = 'sqlite' | 'postgresql';

/** Production never listens on TCP: there is no password to protect that port. */
function listenMode(opts: EmbeddedDbOptions): 'tcp' | 'unix' {
  const production = process.env.NODE_ENV === 'production';
  const wanted = opts.listen ?? (process.env.EMBEDDED_DB_LISTEN as 'tcp' | 'unix' | undefined) ?? (production ? 'unix' : 'tcp');
  if (wanted !== 'tcp' && wanted !== 'unix') throw new Error(`EMBEDDED_DB_LISTEN must be tcp or unix, not ${wanted}`);
  if (production && wanted === 'tcp') {
    throw new Error(
      'the embedded database has no authentication and may not listen on TCP in production: ' +
        'leave EMBEDDED_DB_LISTEN unset (Unix socket in DATA_DIR), or set MONGODB_URI to a MongoDB with credentials',
    );
  }
  if (wanted === 'unix' && isWindows) throw new Error('Unix sockets are not supported here: set MONGODB_URI');
  return wanted;
}

/**
 * `<dataDir>/sock/ferretdb.sock`, in a directory only we may enter (0700; the data dir too). Socket paths are limited
 * to ~104 bytes, so a long data dir falls back to a fresh 0700 directory under the system temp dir.
 */
function socketPath(dataDir: string, engine: Engine): string {
  fs.chmodSync(dataDir, engine === 'postgresql' ? 0o711 : 0o700); // 0711: see the PostgreSQL note below
  let dir = path.join(dataDir, 'sock');
  if (path.join(dir, 'ferretdb.sock').length > 100) dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gz-db-'));
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  fs.chmodSync(dir, 0o700);
  const file = path.join(dir, 'ferretdb.sock');
  // A socket left by a killed run blocks the new listener; a live one answers below and we refuse to share it.
  fs.rmSync(file, { force: true });
  return file;
}

const isWindows = process.platform === 'win32';

/** The monorepo root: the nearest ancestor of this file whose package.json declares workspaces. */
export function resolveRepoRoot(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
      if (Array.isArray(pkg.workspaces)) return dir;
    } catch {
      /* no package.json here */
    }
    if (path.dirname(dir) === dir) return process.cwd();
  }
}

export async function startEmbeddedDb(opts: EmbeddedDbOptions = {}): Promise<EmbeddedDb> {
  const root = resolveRepoRoot();
  const dataDir = path.resolve(opts.dataDir ?? path.join(root, '.data/db'));
  const log = opts.log ?? (() => undefined);
  const readyTimeoutMs = opts.readyTimeoutMs ?? 30_000;
  const mode = listenMode(opts);
  const engine = (opts.engine ?? process.env.EMBEDDED_DB_ENGINE ?? 'sqlite') as Engine;
  if (engine !== 'sqlite' && engine !== 'postgresql') throw new Error(`EMBEDDED_DB_ENGINE must be sqlite or postgresql, not ${engine}`);
  fs.mkdirSync(dataDir, { recursive: true });
  const sock = mode === 'unix' ? socketPath(dataDir, engine) : undefined;
  const storage = engine === 'postgresql' ? ['-handler', 'postgresql', '-pg-data', path.join(dataDir, 'pg')] : [];
  // PostgreSQL runs as user postgres when we are root: it must pass through the data dir to its own `pg/` (0700).
  if (engine === 'postgresql' && process.getuid?.() === 0) fs.chmodSync(dataDir, 0o711);

  const launcher = path.join(root, '.tools/ferretdb', `ferretdb-launcher${isWindows ? '.exe' : ''}`);
  const setupScript = path.join(root, 'scripts/setup-db.mjs');
  if (!fs.existsSync(launcher) && fs.existsSync(setupScript)) {
    log('FerretDB launcher not built yet: running scripts/setup-db.mjs');
    await runSetupScript(setupScript, root, log);
  }

  const failures: string[] = [];
  const candidates: Array<{ kind: EmbeddedDbKind; name: string; start: (port: number) => Promise<EmbeddedDb> }> = [];
  const at = (port: number): Listen => (sock ? { mode: 'unix', sock } : { mode: 'tcp', port });
  if (fs.existsSync(launcher)) {
    candidates.push({
      kind: 'ferretdb',
      name: path.relative(root, launcher),
      // -watch-stdin: the launcher exits when our end of its stdin closes, even if we are SIGKILLed.
      start: (port) =>
        startChild(
          'ferretdb',
          launcher,
          [...(sock ? ['-listen', '', '-unix', sock] : ['-listen', `127.0.0.1:${port}`]), '-data', dataDir, '-watch-stdin', ...storage],
          at(port),
          dataDir,
          log,
          readyTimeoutMs,
          true,
        ),
    });
  } else {
    failures.push(`${path.relative(root, launcher)}: not built (install Go ≥ 1.24 and run \`npm run setup:db\`)`);
  }
  // The fallbacks below store in SQLite or mongod files: not when PostgreSQL was asked for.
  const ferretdb = engine === 'sqlite' ? findOnPath('ferretdb') : undefined;
  if (ferretdb) {
    candidates.push({
      kind: 'ferretdb',
      name: ferretdb,
      // FerretDB v1 flags; v2 needs PostgreSQL+DocumentDB and will fail here, which falls through.
      start: (port) =>
        startChild(
          'ferretdb',
          ferretdb,
          [
            ...(sock ? ['--listen-addr=', `--listen-unix=${sock}`] : [`--listen-addr=127.0.0.1:${port}`]),
            '--handler=sqlite',
            `--sqlite-url=file:${dataDir.split(path.sep).join('/')}/`,
            `--state-dir=${dataDir}`,
            '--debug-addr=-',
            '--telemetry=disable',
            '--log-level=error',
          ],
          at(port),
          dataDir,
          log,
          readyTimeoutMs,
          false,
        ),
    });
  }
  // mongod and mongodb-memory-server always open a TCP port: not in Unix-socket mode.
  const mongod = sock || engine !== 'sqlite' ? undefined : findOnPath('mongod');
  if (mongod) {
    // Own subdirectory: mongod's files must not mix with FerretDB's SQLite files.
    const dir = path.join(dataDir, 'mongod');
    candidates.push({
      kind: 'mongod',
      name: mongod,
      start: (port) => {
        fs.mkdirSync(dir, { recursive: true });
        return startChild(
          'mongod',
          mongod,
          ['--bind_ip', '127.0.0.1', '--port', String(port), '--dbpath', dir, '--quiet'],
          at(port),
          dir,
          log,
          readyTimeoutMs,
          false,
        );
      },
    });
  }
  if (!ferretdb && !mongod) failures.push('no `ferretdb` or `mongod` on PATH');

  for (const c of candidates) {
    // A port picked free can be taken before the child binds it: retry with a new one.
    for (let attempt = 1; attempt <= 3; attempt++) {
      try {
        const db = await c.start(await freePort());
        log(`embedded database: ${c.kind} (${c.name}${engine === 'postgresql' ? ', PostgreSQL storage' : ''}) at ${db.uri}, data in ${db.dataDir}`);
        return db;
      } catch (e) {
        const msg = (e as Error).message;
        if (attempt === 3 || !/address already in use|bind/i.test(msg)) {
          failures.push(`${c.name}: ${msg}`);
          log(`embedded database: ${c.name} failed: ${msg}`);
          break;
        }
      }
    }
  }

  if (!sock && engine === 'sqlite') {
    try {
      return await startMemoryServer(path.join(dataDir, 'memory-server'), log);
    } catch (e) {
      failures.push(`mongodb-memory-server: ${(e as Error).message}`);
    }
  }
  throw new Error(
    'No database available. Set MONGODB_URI, or install Go ≥ 1.24 and run `npm run setup:db` (builds FerretDB), ' +
      'or put `ferretdb`/`mongod` on PATH, or `npm install --no-save mongodb-memory-server`.\n  - ' +
      failures.join('\n  - '),
  );
}

function runSetupScript(script: string, cwd: string, log: (m: string) => void): Promise<void> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    const forward = (d: Buffer) =>
      d
        .toString()
        .split('\n')
        .filter(Boolean)
        .forEach((l) => log(l));
    child.stdout!.on('data', forward);
    child.stderr!.on('data', forward);
    // A failed build is reported by the script; the fallbacks below still get their chance.
    child.on('error', (e) => {
      log(`setup-db: ${e.message}`);
      resolve();
    });
    child.on('exit', () => resolve());
  });
}

function findOnPath(name: string): string | undefined {
  const exts = isWindows ? (process.env.PATHEXT ?? '.EXE').split(';') : [''];
  for (const dir of (process.env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    for (const ext of exts) {
      const file = path.join(dir, name + ext);
      try {
        fs.accessSync(file, fs.constants.X_OK);
        if (fs.statSync(file).isFile()) return file;
      } catch {
        /* not here */
      }
    }
  }
  return undefined;
}

function freePort(): Promise<number> {
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

type Listen = { mode: 'tcp'; port: number } | { mode: 'unix'; sock: string };

async function startChild(
  kind: EmbeddedDbKind,
  bin: string,
  args: string[],
  listen: Listen,
  dataDir: string,
  log: (m: string) => void,
  readyTimeoutMs: number,
  forwardStderr: boolean,
): Promise<EmbeddedDb> {
  const child = spawn(bin, args, { stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true });
  const tail: string[] = [];
  const keep = (d: Buffer, forward: boolean) => {
    for (const line of d.toString().split('\n').filter(Boolean)) {
      tail.push(line);
      if (tail.length > 20) tail.shift();
      if (forward) log(`[${kind}] ${line}`);
    }
  };
  child.stdout!.on('data', (d: Buffer) => keep(d, false));
  child.stderr!.on('data', (d: Buffer) => keep(d, forwardStderr));
  const exited = new Promise<string>((resolve) => {
    child.on('error', (e) => resolve(e.message));
    child.on('exit', (code, signal) => resolve(`exited (${signal ?? code})`));
  });

  // Kill the child when this process exits ('exit' handlers may only do synchronous work: send the signal, not wait).
  const killOnExit = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  };
  process.on('exit', killOnExit);
  // Neither the child nor its pipes keep our event loop alive (jest, CLI tools exit normally).
  child.unref();
  for (const s of [child.stdin, child.stdout, child.stderr]) (s as unknown as net.Socket | null)?.unref?.();

  const uri = listen.mode === 'unix' ? `mongodb://${encodeURIComponent(listen.sock)}/` : `mongodb://127.0.0.1:${listen.port}/`;
  const stop = () => stopChild(child, exited, killOnExit);
  let dead = false;
  const failure = await Promise.race([
    waitForPing(uri, readyTimeoutMs, () => dead),
    exited.then((why) => {
      dead = true;
      return why;
    }),
  ]);
  if (failure) {
    await stop();
    throw new Error(`${failure}${tail.length ? `: ${tail.slice(-5).join(' | ')}` : ''}`);
  }
  // The directory is what guards the socket; the file's own mode is a second lock.
  if (listen.mode === 'unix') fs.chmodSync(listen.sock, 0o600);
  return { uri, kind, dataDir, stop, listen: listen.mode, pid: child.pid };
}

async function stopChild(child: ChildProcess, exited: Promise<string>, killOnExit: () => void): Promise<void> {
  process.removeListener('exit', killOnExit);
  if (child.exitCode !== null || child.signalCode !== null) return;
  // Hold the event loop open until the child is gone, or `await stop()` at the end of a script never returns.
  child.ref();
  child.kill('SIGTERM');
  child.stdin?.end();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((r) => {
    timer = setTimeout(() => r('timeout'), 5000);
  });
  if ((await Promise.race([exited, timeout])) === 'timeout') {
    child.kill('SIGKILL');
    await exited;
  }
  clearTimeout(timer);
}

/** Resolves undefined once the server answers a ping, or a reason when time runs out. */
async function waitForPing(uri: string, timeoutMs: number, dead: () => boolean): Promise<string | undefined> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline && !dead()) {
    const client = new MongoClient(uri, { serverSelectionTimeoutMS: 500, connectTimeoutMS: 500, directConnection: true });
    try {
      await client.connect();
      await client.db('admin').command({ ping: 1 });
      return undefined;
    } catch (e) {
      last = (e as Error).message;
    } finally {
      await client.close().catch(() => undefined);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return `no answer to ping within ${timeoutMs} ms (${last})`;
}

/** The part of mongodb-memory-server used here (it is optional, so its own types may be absent). */
interface MemoryServerModule {
  MongoMemoryServer: {
    create(opts: { instance: { ip: string; port: number; dbPath: string; storageEngine: string } }): Promise<{
      getUri(): string;
      stop(opts: { doCleanup: boolean }): Promise<unknown>;
    }>;
  };
}
const MEMORY_SERVER = 'mongodb-memory-server';

async function startMemoryServer(dbPath: string, log: (m: string) => void): Promise<EmbeddedDb> {
  let mod: MemoryServerModule;
  try {
    // Optional and deliberately not a dependency: loaded at run time only if someone installed it.
    mod = (await import(MEMORY_SERVER)) as MemoryServerModule;
  } catch {
    throw new Error('not installed (optional; it also downloads a mongod binary on first use)');
  }
  fs.mkdirSync(dbPath, { recursive: true });
  const server = await mod.MongoMemoryServer.create({
    instance: { ip: '127.0.0.1', port: await freePort(), dbPath, storageEngine: 'wiredTiger' },
  });
  const uri: string = server.getUri();
  log(`embedded database: mongodb-memory-server at ${uri}, data in ${dbPath}`);
  return {
    uri,
    kind: 'memory-server',
    listen: 'tcp',
    dataDir: dbPath,
    stop: async () => {
      await server.stop({ doCleanup: false });
    },
  };
}
