import { Worker } from 'node:worker_threads';
import { AppError, thrownLike } from './errors';

/*
 * Heavy parsing (a roster XLSX) runs in worker threads, so the event loop keeps answering /healthz and votes, and
 * a hostile file meets the worker's own heap cap instead of the server's. Workers are kept warm (starting one costs
 * seconds: tsx and ExcelJS load), at most MAX_WORKERS, each running one job at a time, with a short queue: beyond it
 * the caller gets 503 with Retry-After rather than a growing backlog. A worker that times out or runs out of heap
 * is thrown away.
 */
const MAX_WORKERS = 2;
const MAX_QUEUED = 4;
const HEAP_MB = 512;

const TSX_API = require.resolve('tsx/cjs/api');
const BOOT = `
const { parentPort } = require('node:worker_threads');
require(${JSON.stringify(TSX_API)}).register();
parentPort.on('message', ({ file, fn, args }) => {
  Promise.resolve().then(() => require(file)[fn](...args))
    .then((value) => parentPort.postMessage({ value }))
    .catch((e) => parentPort.postMessage({ error: { status: e && e.status, code: e && e.code, message: String(e && e.message), details: e && e.details } }));
});
`;

interface Job {
  file: string;
  fn: string;
  args: unknown[];
  timeoutMs: number;
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
}
const idle: Worker[] = [];
let workers = 0;
const queue: Job[] = [];

function spawnWorker(): Worker {
  workers++;
  const w = new Worker(BOOT, { eval: true, resourceLimits: { maxOldGenerationSizeMb: HEAP_MB } });
  w.unref(); // an idle worker never keeps the process alive
  w.once('exit', () => {
    workers--;
    const i = idle.indexOf(w);
    if (i >= 0) idle.splice(i, 1);
  });
  return w;
}

function run(w: Worker, job: Job) {
  w.ref();
  let settled = false;
  const finish = (keep: boolean) => {
    settled = true;
    clearTimeout(timer);
    w.removeAllListeners('message');
    w.removeAllListeners('error');
    if (keep) {
      w.unref();
      release(w);
    } else void w.terminate().then(() => pump());
  };
  const timer = setTimeout(() => {
    if (settled) return;
    finish(false);
    job.reject(new AppError(422, 'FILE_TOO_COMPLEX', '文件处理超时，请拆分后上传'));
  }, job.timeoutMs);
  w.on('message', (m: { value?: unknown; error?: { status?: number; code?: string; message: string; details?: unknown } }) => {
    if (settled) return;
    finish(true);
    if (!m.error) return job.resolve(m.value);
    const e = m.error;
    job.reject(e.status && e.code ? new AppError(e.status, e.code, e.message, e.details) : new Error(e.message));
  });
  w.on('error', (e) => {
    if (settled) return;
    finish(false);
    // Out of its heap: the file was too much for the worker — the client's file, not a server fault.
    job.reject(thrownLike(e).code === 'ERR_WORKER_OUT_OF_MEMORY' ? new AppError(413, 'FILE_TOO_COMPLEX', '文件过大或过于复杂，请拆分后上传') : e);
  });
  w.postMessage({ file: job.file, fn: job.fn, args: job.args });
}

function release(w: Worker) {
  const next = queue.shift();
  if (next) run(w, next);
  else idle.push(w);
}

function pump() {
  while (queue.length > 0 && (idle.length > 0 || workers < MAX_WORKERS)) run(idle.pop() ?? spawnWorker(), queue.shift()!);
}

/** Runs `file`'s exported `fn(...args)` in a worker thread; AppErrors thrown there come back as AppErrors. */
export function runInWorker<T>(file: string, fn: string, args: unknown[], opts: { timeoutMs?: number } = {}): Promise<T> {
  if (queue.length >= MAX_QUEUED) {
    return Promise.reject(new AppError(503, 'SERVER_BUSY', '服务器正忙，请稍后重试', undefined, { 'Retry-After': '5' }));
  }
  return new Promise<T>((resolve, reject) => {
    queue.push({ file, fn, args, timeoutMs: opts.timeoutMs ?? 60_000, resolve: resolve as (v: unknown) => void, reject });
    pump();
  });
}

/** Ends the warm workers (server shutdown, tests). */
export async function closeWorkers() {
  await Promise.all(idle.splice(0).map((w) => w.terminate()));
}
