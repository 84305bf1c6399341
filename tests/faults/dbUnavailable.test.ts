import { MongoClient, ObjectId } from 'mongodb';
import { startFaultDb, spawnServer, waitFor, type FaultDb, type ServerProcess } from '../support/faultDb';
import { LoadClient, mintAccessToken, sessionDoc } from '../support/loadClient';
import type { Json } from '../support/json';

/**
 * (c) Database unreachable: requests fail fast with 503 DB_UNAVAILABLE, /readyz says so, and the same server
 * process recovers when the database is back — for a database that is gone (kill -9, connection refused) and for
 * one that hangs (SIGSTOP: the port is open, nothing answers).
 */
const SECRET = 'fault-test-secret-0123456789';
const DB = 'gz_fault_unavailable';
let db: FaultDb;
let server: ServerProcess;
let client: LoadClient;
let token: string;
const missingFile = `/api/files/${new ObjectId().toHexString()}`;

beforeAll(async () => {
  db = await startFaultDb();
  // A real user, so identity's resolver (which reads the user on every request) accepts the token.
  const m = new MongoClient(db.uri);
  const userId = new ObjectId();
  await m
    .db(DB)
    .collection('users')
    .insertOne({ _id: userId, displayName: '故障测试', grants: [], grantsVersion: 0, lang: 'zh', subscribe: { notices: false } });
  await m
    .db(DB)
    .collection('sessions')
    .insertOne(sessionDoc(userId) as Json);
  await m.close();
  token = mintAccessToken(userId.toHexString(), SECRET);
  server = await spawnServer({ MONGODB_URI: db.uri, MONGODB_DB: DB, JWT_SECRET: SECRET });
  client = new LoadClient(server.url, { connections: 16, timeoutMs: 30_000 });
}, 90_000);

afterAll(async () => {
  client?.close();
  await server?.kill('SIGTERM');
  await db?.stop();
});

/** A DB-backed request that works while the database is up: GridFS lookup of an unknown file → 404. */
const probe = () => client.get(missingFile, token);

async function expectFastOutage(label: string) {
  // Several in parallel and a few rounds: none may hang, each is a clean 503 with the stable code.
  for (let round = 0; round < 3; round++) {
    const results = await Promise.all([probe(), probe(), probe(), client.get('/readyz')]);
    for (const r of results.slice(0, 3)) {
      // On a miss, the server's own log line for that request says what it threw.
      const logged =
        r.status === 503
          ? undefined
          : server.stdout
              .filter((l) => /request failed/.test(l) && !/"type":"AppError"/.test(l))
              .slice(-1)[0]
              ?.slice(0, 600);
      expect({ label, status: r.status, code: r.body?.error?.code, logged }).toEqual({ label, status: 503, code: 'DB_UNAVAILABLE', logged: undefined });
      expect(r.ms).toBeLessThan(2000);
      expect(r.body.error.message).toMatch(/[\u4e00-\u9fff]/);
    }
    const ready = results[3];
    expect(ready.status).toBe(503);
    expect(['DB_DISCONNECTED', 'DB_UNREACHABLE']).toContain(ready.body.error.code);
    expect(ready.ms).toBeLessThan(2000);
  }
  expect((await client.get('/healthz')).status).toBe(200); // the process itself is alive
}

async function expectRecovery() {
  const started = Date.now();
  await waitFor('readyz 200 after the database came back', async () => (await client.get('/readyz')).status === 200, 30_000, 200);
  await waitFor('DB-backed request works again', async () => (await probe()).status === 404, 10_000, 100);
  return Date.now() - started;
}

describe('database unreachable', () => {
  it('answers normally while the database is up', async () => {
    expect((await client.get('/readyz')).status).toBe(200);
    const r = await probe();
    expect(r.status).toBe(404);
  });

  it('killed database (connection refused): fast 503 DB_UNAVAILABLE, readyz 503, recovery without restart', async () => {
    await db.kill9();
    await expectFastOutage('killed');
    await db.restart();
    const ms = await expectRecovery();
    expect(ms).toBeLessThan(30_000);
    expect(server.stderr.join('\n')).not.toMatch(/Unhandled|uncaught/i);
  }, 90_000);

  it('hung database (SIGSTOP): still fast 503, then recovery when it answers again', async () => {
    db.freeze();
    try {
      await expectFastOutage('frozen');
    } finally {
      db.thaw();
    }
    await expectRecovery();
  }, 90_000);

  it('the server process never restarted', async () => {
    expect(await Promise.race([server.exited.then(() => 'exited'), new Promise((r) => setTimeout(() => r('alive'), 50))])).toBe('alive');
  });
});
