import { Worker } from 'node:worker_threads';
import { AppError } from './errors';

/*
 * Heavy parsing (a roster XLSX) runs in a worker thread, so the event loop keeps answering /healthz and votes, and
 * a hostile file meets the worker's own heap cap instead of the server's. At most MAX_RUNNING at once and a short
 * queue: beyond that the caller gets 503 with Retry-After rather than a growing backlog.
 */
const MAX_RUNNING = 2;
const MAX_QUEUED = 4;
let running = 0;
const queue: (() => void)[] = [];

const TSX_API = require.resolve('tsx/cjs/api');
/** Worker entry: registers tsx (the server is TypeScript run by tsx), loads the module and runs one export. */
const BOOT = `
const { parentPort, workerData } = require('node:worker_threads');
require(${JSON.stringify(TSX_API)}).register();
Promise.resolve().then(() => require(workerData.file)[workerData.fn](...workerData.args))
  .then((value) => parentPort.postMessage({ value }))
  .catch((e) => parentPort.postMessage({ error: { status: e && e.status, code: e && e.code, message: String(e && e.message), details: e && e.details } }));
`;

async function slot(): Promise<void> {
  if (running < MAX_RUNNING) { running++; return; }
  if (queue.length >= MAX_QUEUED) throw new AppError(503, 'SERVER_BUSY', '服务器正忙，请稍后重试', undefined, { 'Retry-After': '5' });
  await new Promise<void>((resolve) => queue.push(resolve));
}
function free() {
  const next = queue.shift();
  if (next) next(); else running--;
}

/** Runs `file`'s exported `fn(...args)` in a worker thread; AppErrors thrown there come back as AppErrors. */
export async function runInWorker<T>(file: string, fn: string, args: unknown[], opts: { timeoutMs?: number; heapMb?: number } = {}): Promise<T> {
  await slot();
  try {
    return await new Promise<T>((resolve, reject) => {
      const w = new Worker(BOOT, { eval: true, workerData: { file, fn, args }, resourceLimits: { maxOldGenerationSizeMb: opts.heapMb ?? 512 } });
      const timer = setTimeout(() => {
        void w.terminate();
        reject(new AppError(422, 'FILE_TOO_COMPLEX', '文件处理超时，请拆分后上传'));
      }, opts.timeoutMs ?? 60_000);
      const done = () => { clearTimeout(timer); void w.terminate(); };
      w.once('message', (m: { value?: T; error?: { status?: number; code?: string; message: string; details?: unknown } }) => {
        done();
        if (!m.error) return resolve(m.value as T);
        const e = m.error;
        reject(e.status && e.code ? new AppError(e.status, e.code, e.message, e.details) : new Error(e.message));
      });
      w.once('error', (e: any) => {
        done();
        // Out of its heap: the file was too much for the worker, which is the client's file, not a server fault.
        if (e?.code === 'ERR_WORKER_OUT_OF_MEMORY') reject(new AppError(413, 'FILE_TOO_COMPLEX', '文件过大或过于复杂，请拆分后上传'));
        else reject(e);
      });
    });
  } finally {
    free();
  }
}
