import mongoose from 'mongoose';
import { MongoClient } from 'mongodb';

// Fail fast when the database is away (503 instead of requests hanging in a buffer).
mongoose.set('bufferCommands', false);
mongoose.set('autoIndex', false);
mongoose.set('strictQuery', true);

let indexesReady = false;
let available = true;
let monitor: NodeJS.Timeout | undefined;
let lost: { promise: Promise<never>; reject: (e: Error) => void } | undefined;

/**
 * A promise that rejects the moment the monitor finds the database gone, so a request already waiting on a hung
 * database is answered 503 at once instead of at the socket timeout (its write may still land; idempotency keys make
 * the client's retry safe).
 */
export function databaseLost(): Promise<never> {
  if (!lost) {
    let reject!: (e: Error) => void;
    const promise = new Promise<never>((_, rej) => {
      reject = rej;
    });
    promise.catch(() => undefined);
    lost = { promise, reject };
  }
  return lost.promise;
}

function setAvailable(ok: boolean) {
  available = ok;
  if (!ok && lost) {
    lost.reject(new Error('database lost'));
    lost = undefined;
  }
}

/**
 * False while the database is not answering pings. Requests check it first so that a database that is gone or hung
 * (port open, nothing answers) costs callers a fast 503, not a wait for the socket timeout; it turns true again by
 * itself when pings succeed, without a restart.
 */
export function dbAvailable() {
  return available;
}

/**
 * Pings go over a connection of their own: when every pooled connection is busy with slow commands, a ping queued
 * behind them would look like a hung database. FerretDB answers a ping without touching its storage.
 */
let pinger: MongoClient | undefined;

async function ping(timeoutMs: number): Promise<boolean> {
  const db = mongoose.connection.db;
  if (mongoose.connection.readyState !== 1 || !db) return false;
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      (pinger ? pinger.db('admin') : db.admin()).command({ ping: 1 }),
      new Promise((_, rej) => {
        timer = setTimeout(() => rej(new Error('ping timeout')), timeoutMs);
      }),
    ]);
    return true;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

let lastAnswerAt = Date.now();
/** Any reply from the server proves it is alive, an error reply too; only network errors and timeouts don't. */
const isServerReply = (e: { failure?: unknown }) => !/Network|Timeout|PoolCleared|NotConnected/i.test(String((e.failure as Error)?.name ?? ''));

/**
 * The database counts as lost when a ping fails or hangs AND no command has completed lately: a dead or hung server
 * answers nothing, while a merely busy one keeps completing work and must not be reported as down. A tick that comes
 * late means our own event loop was blocked (replies sat unread), so it judges nothing. Pings run in the background.
 */
function startMonitor() {
  stopMonitor();
  const client = mongoose.connection.getClient();
  client.on('commandSucceeded', () => {
    lastAnswerAt = Date.now();
  });
  client.on('commandFailed', (e) => {
    if (isServerReply(e)) lastAnswerAt = Date.now();
  });
  let pingStartedAt: number | undefined;
  let lastPingFailed = false;
  let lastTick = Date.now();
  // How long an answer may take before we call the database hung: 4× the usual ping time, at least 0.7 s. A quiet
  // database answers a ping in milliseconds (a SIGSTOPped one is caught in about a second); on a machine at load
  // average 15 pings take hundreds of ms, and a fixed 0.7 s turned that into a wall of 503s.
  let pingMs = 50;
  const patience = () => Math.min(10_000, Math.max(700, 4 * pingMs));
  monitor = setInterval(() => {
    const now = Date.now();
    const stalled = now - lastTick > 500;
    lastTick = now;
    if (pingStartedAt === undefined) {
      pingStartedAt = now;
      void ping(10_000).then((ok) => {
        const end = Date.now();
        if (ok) pingMs = 0.8 * pingMs + 0.2 * (end - now);
        pingStartedAt = undefined;
        lastPingFailed = !ok;
        if (ok) lastAnswerAt = end;
      });
    }
    if (stalled) return;
    const hung = pingStartedAt !== undefined && now - pingStartedAt > patience();
    const recentAnswer = now - lastAnswerAt < patience() + 300;
    setAvailable(recentAnswer || (!hung && !lastPingFailed));
  }, 200);
  monitor.unref();
}

function stopMonitor() {
  if (monitor) clearInterval(monitor);
  monitor = undefined;
  void pinger?.close().catch(() => undefined);
  pinger = undefined;
}

export async function connectDb(uri: string, dbName: string) {
  indexesReady = false;
  await mongoose.connect(uri, {
    dbName,
    serverSelectionTimeoutMS: 3000,
    // Also the driver's heartbeat timeout: at 3 s a starved FerretDB's slow `hello` marked the server unknown and
    // cleared the pool, failing every command in flight. A dead one refuses at once; a hung one the monitor catches.
    connectTimeoutMS: 10_000,
    // Long: a slow command on a busy database is not an outage; the monitor above answers 503 for a hung one.
    socketTimeoutMS: 120_000,
    maxPoolSize: 50,
    retryWrites: false, // FerretDB has no retryable writes; idempotency keys do this job instead
    monitorCommands: true, // feeds the liveness monitor below
  });
  available = true;
  await buildIndexes();
  startMonitor();
  pinger = new MongoClient(uri, { maxPoolSize: 1, serverSelectionTimeoutMS: 1000, connectTimeoutMS: 1000, retryWrites: false });
}

/** Builds the indexes every model declares: the uniqueness rules of the domain live there. */
export async function buildIndexes() {
  for (const name of mongoose.modelNames()) {
    await mongoose.model(name).createIndexes();
  }
  indexesReady = true;
}

export async function dbReady(): Promise<{ ok: boolean; reason?: string }> {
  if (mongoose.connection.readyState !== 1 || !mongoose.connection.db) return { ok: false, reason: 'DB_DISCONNECTED' };
  if (!(await ping(1500))) return { ok: false, reason: 'DB_UNREACHABLE' };
  if (!indexesReady) return { ok: false, reason: 'INDEXES_BUILDING' };
  return { ok: true };
}

export async function disconnectDb() {
  stopMonitor();
  await mongoose.disconnect();
}
