import mongoose from 'mongoose';
import { MongoClient } from 'mongodb';
import { listenerPid, ProcessWatch } from './dbProcess';
import { watchSlowCommands } from './dbSlowLog';

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

/** The local database process, when we can see it. */
let watch: ProcessWatch | undefined;

/** With nothing answered for this long, even a database burning CPU counts as down (a livelock, not work). */
const BUSY_SILENCE_MS = 60_000;

/**
 * Busy is not down (issue 18). The database counts as lost when:
 * - its process, when we can see it (a local database: /proc, see dbProcess.ts), is stopped (SIGSTOP) or gone: at once;
 * - else, unless that process is burning CPU (working through slow scans, however long they take), when a ping has
 *   failed or gone unanswered past its patience AND no reply of any kind came for a while. Patience adapts to the
 *   observed ping time (4×, 0.7–10 s), the quiet window also to how long commands take (scans of seconds are normal
 *   on FerretDB), so a dead or hung remote server is caught in about a second when idle, later when slow.
 * A tick that comes late means our own event loop was blocked (replies sat unread), so it judges nothing.
 */
function startMonitor(uri: string) {
  stopMonitor();
  const client = mongoose.connection.getClient();
  let commandMs = 20;
  client.on('commandSucceeded', (e) => {
    lastAnswerAt = Date.now();
    commandMs = 0.9 * commandMs + 0.1 * Math.min(e.duration, 60_000);
  });
  client.on('commandFailed', (e) => {
    if (isServerReply(e)) lastAnswerAt = Date.now();
  });
  watch = watchProcess(uri);
  let lookedUpAt = Date.now();
  let lookupEveryMs = 2000;
  let pingStartedAt: number | undefined;
  let lastPingFailed = false;
  let lastTick = Date.now();
  let pingMs = 50;
  const patience = () => Math.min(10_000, Math.max(700, 4 * pingMs));
  const quietWindow = () => patience() + 300 + Math.min(20_000, 2 * commandMs);
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
    let proc = watch?.sample(now);
    // A restarted database has a new pid: look again while ours is gone or unknown (a /proc walk of ~20 ms, so
    // every 2 s, backing off to 30 s while nothing is found, e.g. a server run by a user we may not inspect).
    if ((proc === 'gone' || !watch) && now - lookedUpAt > lookupEveryMs) {
      lookedUpAt = now;
      const found = watchProcess(uri);
      lookupEveryMs = found ? 2000 : Math.min(30_000, 2 * lookupEveryMs);
      if (found && found.pid !== watch?.pid) {
        watch = found;
        proc = found.sample(now);
      }
    }
    if (proc === 'stopped' || proc === 'gone') return setAvailable(false);
    if (stalled) return;
    const silence = now - lastAnswerAt;
    if (proc === 'busy') return setAvailable(silence < BUSY_SILENCE_MS);
    const hung = pingStartedAt !== undefined && now - pingStartedAt > patience();
    setAvailable(silence < quietWindow() || (!hung && !lastPingFailed));
  }, 200);
  monitor.unref();
}

function watchProcess(uri: string): ProcessWatch | undefined {
  const pid = listenerPid(uri);
  return pid ? new ProcessWatch(pid) : undefined;
}

function stopMonitor() {
  if (monitor) clearInterval(monitor);
  monitor = undefined;
  void pinger?.close().catch(() => undefined);
  pinger = undefined;
  watch = undefined;
}

export async function connectDb(uri: string, dbName: string, opts: { slowMs?: number } = {}) {
  indexesReady = false;
  await mongoose.connect(uri, {
    dbName,
    serverSelectionTimeoutMS: 3000,
    // Also the driver's heartbeat and handshake timeout: when a starved FerretDB's `hello` outlasts it, the driver
    // marks the server unknown and clears the pool, failing every command in flight. A dead one refuses at once; a
    // hung one the monitor catches, so this only has to outlast a slow answer.
    connectTimeoutMS: 30_000,
    // A backstop for a reply lost on the network, not a judgement of slowness: scans on a saturated FerretDB took
    // over 2 minutes at 10,000 dwellings. The monitor above answers 503 for a hung database.
    socketTimeoutMS: 600_000,
    maxPoolSize: 50,
    retryWrites: false, // FerretDB has no retryable writes; idempotency keys do this job instead
    monitorCommands: true, // feeds the liveness monitor below
  });
  available = true;
  watchSlowCommands(mongoose.connection.getClient(), opts.slowMs ?? 0);
  await buildIndexes();
  startMonitor(uri);
  // Its own timeouts stay out of the way (a 1 s one turned a slow `hello` into failed pings); the monitor's patience decides.
  pinger = new MongoClient(uri, { maxPoolSize: 1, serverSelectionTimeoutMS: 10_000, connectTimeoutMS: 30_000, retryWrites: false });
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
  // The monitor's judgement, not a ping of our own: a busy database is ready, it is just slow. A stopped or vanished
  // process is seen here at once, before the monitor's next tick.
  const proc = watch?.sample();
  if (!available || proc === 'gone' || proc === 'stopped') return { ok: false, reason: 'DB_UNREACHABLE' };
  if (!indexesReady) return { ok: false, reason: 'INDEXES_BUILDING' };
  return { ok: true };
}

export async function disconnectDb() {
  stopMonitor();
  await mongoose.disconnect();
}
