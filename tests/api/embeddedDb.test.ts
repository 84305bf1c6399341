import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import { startEmbeddedDb, resolveRepoRoot, type EmbeddedDb } from '../../server/src/platform/embeddedDb';

// Its own data dir and its own server process, independent of the one globalSetup started.
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gz-embedded-test-'));
const FIRST_START_MS = 10 * 60_000; // may include the first `go build` of the launcher

const pledgeSchema = new mongoose.Schema({ key: { type: String, required: true, unique: true }, fen: Number, group: String });

const pledgeModel = (conn: mongoose.Connection) => conn.model('Pledge', pledgeSchema);

async function withConnection<T>(db: EmbeddedDb, fn: (m: ReturnType<typeof pledgeModel>) => Promise<T>): Promise<T> {
  const conn = await mongoose.createConnection(db.uri, { dbName: 'gz_embedded', autoIndex: false, retryWrites: false }).asPromise();
  try {
    const model = pledgeModel(conn);
    await model.createIndexes();
    return await fn(model);
  } finally {
    await conn.close();
  }
}

afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

describe('embedded database', () => {
  it(
    'keeps data across a stop and start with the same data dir, and the unique index holds',
    async () => {
      const first = await startEmbeddedDb({ dataDir });
      expect(first.dataDir.startsWith(dataDir)).toBe(true);
      try {
        await withConnection(first, async (Pledge) => {
          await Pledge.create({ key: 'a', fen: 100, group: 'x' });
          await Pledge.create({ key: 'b', fen: 250, group: 'x' });
          await expect(Pledge.create({ key: 'a', fen: 1 })).rejects.toMatchObject({ code: 11000 });
          const bumped = await Pledge.findOneAndUpdate({ key: 'a' }, { $inc: { fen: 5 } }, { returnDocument: 'after' });
          expect(bumped?.fen).toBe(105);
        });
      } finally {
        await first.stop();
      }
      // The server is really gone: nothing answers on its address.
      await expect(mongoose.createConnection(first.uri, { serverSelectionTimeoutMS: 500 }).asPromise()).rejects.toThrow();

      const second = await startEmbeddedDb({ dataDir });
      try {
        expect(second.kind).toBe(first.kind);
        await withConnection(second, async (Pledge) => {
          const docs = await Pledge.find({}, { _id: 0, key: 1, fen: 1 }).sort({ key: 1 }).lean();
          expect(docs).toEqual([
            { key: 'a', fen: 105 },
            { key: 'b', fen: 250 },
          ]);
          await expect(Pledge.create({ key: 'b', fen: 1 })).rejects.toMatchObject({ code: 11000 });
          const totals = await Pledge.aggregate([{ $group: { _id: '$group', fen: { $sum: '$fen' } } }]);
          expect(totals).toEqual([{ _id: 'x', fen: 355 }]);
        });
      } finally {
        await second.stop();
      }
    },
    FIRST_START_MS,
  );

  it(
    'the database process dies with its parent, even when the parent is killed',
    async () => {
      const root = resolveRepoRoot();
      const script = `require('./server/src/platform/embeddedDb').startEmbeddedDb({ dataDir: ${JSON.stringify(path.join(dataDir, 'orphan'))} })
      .then((db) => { console.log(JSON.stringify({ uri: db.uri, kind: db.kind })); setInterval(() => undefined, 1000); })`;
      // Plain node with tsx's require hook: the `tsx` CLI would put a relaying process between us and the owner.
      const parent = spawn(process.execPath, ['--require', 'tsx/cjs', '-e', script], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
      const started = await new Promise<{ uri: string; kind: string }>((resolve, reject) => {
        let out = '';
        parent.stdout!.on('data', (d) => {
          out += d;
          const line = out.split('\n').find((l) => l.startsWith('{'));
          if (line) resolve(JSON.parse(line));
        });
        parent.on('exit', (code) => reject(new Error(`parent exited early (${code})`)));
      });
      const parentGone = new Promise((r) => parent.on('exit', r));
      parent.kill('SIGKILL');
      await parentGone;

      // The launcher watches its stdin pipe; other kinds only get the parent's 'exit' hook, which SIGKILL skips.
      if (started.kind !== 'ferretdb') return;
      let answered = true;
      for (let i = 0; i < 50 && answered; i++) {
        await new Promise((r) => setTimeout(r, 100));
        answered = await mongoose
          .createConnection(started.uri, { serverSelectionTimeoutMS: 300 })
          .asPromise()
          .then(
            (c) => c.close().then(() => true),
            () => false,
          );
      }
      expect(answered).toBe(false);
    },
    FIRST_START_MS,
  );
});

/** TCP ports the process `pid` listens on (Linux /proc): its socket inodes matched against LISTEN rows. */
function tcpListenPorts(pid: number): number[] {
  const inodes = new Set<string>();
  for (const fd of fs.readdirSync(`/proc/${pid}/fd`)) {
    const m = /^socket:\[(\d+)\]$/.exec(fs.readlinkSync(`/proc/${pid}/fd/${fd}`));
    if (m) inodes.add(m[1]);
  }
  const ports: number[] = [];
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    for (const row of fs.readFileSync(table, 'utf8').split('\n').slice(1)) {
      const f = row.trim().split(/\s+/);
      if (f[3] === '0A' && inodes.has(f[9])) ports.push(parseInt(f[1].split(':').pop()!, 16));
    }
  }
  return ports;
}

(process.platform === 'linux' ? describe : describe.skip)('embedded database in production mode', () => {
  const prodDir = path.join(dataDir, 'prod');
  const env = { ...process.env };
  afterEach(() => {
    for (const k of ['NODE_ENV', 'EMBEDDED_DB_LISTEN'])
      if (env[k] === undefined) delete process.env[k];
      else process.env[k] = env[k];
  });

  it(
    'listens only on a Unix socket inside the data dir, closed to other users, and prints no port',
    async () => {
      // Control: in development the same launcher does open a loopback port, so the check below can fail.
      const dev = await startEmbeddedDb({ dataDir: path.join(dataDir, 'dev') });
      try {
        if (dev.kind === 'ferretdb') expect(tcpListenPorts(dev.pid!)).toHaveLength(1);
      } finally {
        await dev.stop();
      }

      process.env.NODE_ENV = 'production';
      const logs: string[] = [];
      const db = await startEmbeddedDb({ dataDir: prodDir, log: (m) => logs.push(m) });
      try {
        expect(db.listen).toBe('unix');
        expect(tcpListenPorts(db.pid!)).toEqual([]);
        const sock = decodeURIComponent(/^mongodb:\/\/([^/]+)\//.exec(db.uri)![1]);
        expect(sock.startsWith(`${prodDir}${path.sep}`)).toBe(true);
        expect(fs.statSync(path.dirname(sock)).mode & 0o777).toBe(0o700);
        expect(fs.statSync(prodDir).mode & 0o777).toBe(0o700);
        expect(logs.join('\n')).not.toMatch(/127\.0\.0\.1|localhost|:\d{2,5}\b/);
        await withConnection(db, async (Pledge) => {
          await Pledge.create({ key: 'p', fen: 1 });
          expect(await Pledge.countDocuments()).toBe(1);
        });
      } finally {
        await db.stop();
      }
    },
    FIRST_START_MS,
  );

  it('refuses to open a TCP port in production even when asked', async () => {
    process.env.NODE_ENV = 'production';
    process.env.EMBEDDED_DB_LISTEN = 'tcp';
    await expect(startEmbeddedDb({ dataDir: prodDir })).rejects.toThrow(/may not listen on TCP in production/);
  });
});
