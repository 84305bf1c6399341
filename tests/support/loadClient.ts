import http from 'node:http';
import jwt from 'jsonwebtoken';
import type { Json } from './json';

/**
 * A keep-alive JSON client for load and fault tests (loopback only), latency summaries and a bounded worker pool.
 * fetch() opens too many sockets under a burst and hides timings; this uses one http.Agent per client.
 */
export interface Res {
  status: number;
  body: Json;
  headers: http.IncomingHttpHeaders;
  ms: number;
  /** The request's path, ids as `:id` (24-hex ObjectIds and the query string's values), to group latencies by route. */
  route: string;
  error?: string;
}

export class LoadClient {
  readonly agent: http.Agent;
  private readonly base: URL;
  constructor(baseUrl: string, opts: { connections?: number; timeoutMs?: number } = {}) {
    this.base = new URL(baseUrl);
    this.agent = new http.Agent({ keepAlive: true, maxSockets: opts.connections ?? 64, maxFreeSockets: opts.connections ?? 64 });
    this.timeoutMs = opts.timeoutMs ?? 30_000;
  }
  private readonly timeoutMs: number;

  /** Never throws: a network failure is `{ status: 0, error }`. */
  request(method: string, path: string, init: { body?: unknown; token?: string; headers?: Record<string, string>; raw?: Buffer | string } = {}): Promise<Res> {
    const started = process.hrtime.bigint();
    const payload = init.raw !== undefined ? init.raw : init.body === undefined ? undefined : JSON.stringify(init.body);
    const headers: Record<string, string> = { accept: 'application/json', ...(init.headers ?? {}) };
    if (payload !== undefined) {
      headers['content-type'] ??= 'application/json';
      headers['content-length'] = String(Buffer.byteLength(payload));
    }
    if (init.token) headers.authorization = `Bearer ${init.token}`;
    return new Promise((resolve) => {
      const route = path.replace(/[0-9a-f]{24}/g, ':id').replace(/=[^&]*/g, '=');
      const done = (r: Omit<Res, 'ms' | 'route'>) => resolve({ ...r, route, ms: Number(process.hrtime.bigint() - started) / 1e6 });
      const req = http.request({ host: this.base.hostname, port: this.base.port, method, path, headers, agent: this.agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', (e) => done({ status: 0, body: undefined, headers: {}, error: e.message }));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let body: Json = text;
          try {
            body = text ? JSON.parse(text) : undefined;
          } catch {
            /* not JSON */
          }
          done({ status: res.statusCode ?? 0, body, headers: res.headers });
        });
      });
      req.setTimeout(this.timeoutMs, () => req.destroy(new Error('timeout')));
      req.on('error', (e: Json) => done({ status: 0, body: undefined, headers: {}, error: e.code ?? e.message }));
      req.end(payload);
    });
  }
  get = (path: string, token?: string) => this.request('GET', path, { token });
  post = (path: string, body: unknown, token?: string, headers?: Record<string, string>) => this.request('POST', path, { body, token, headers });
  close() {
    this.agent.destroy();
  }
}

export interface Summary {
  n: number;
  mean: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

/** Nearest-rank percentiles (ms). */
export function summarize(values: number[]): Summary {
  const v = [...values].sort((a, b) => a - b);
  const at = (p: number) => (v.length ? v[Math.min(v.length - 1, Math.max(0, Math.ceil((p / 100) * v.length) - 1))] : NaN);
  const round = (x: number) => Math.round(x * 100) / 100;
  return {
    n: v.length,
    mean: round(v.reduce((a, b) => a + b, 0) / Math.max(1, v.length)),
    p50: round(at(50)),
    p90: round(at(90)),
    p99: round(at(99)),
    max: round(v[v.length - 1] ?? NaN),
  };
}

/** Runs `fn` over `items` with at most `concurrency` in flight (closed loop). Bounded: one call per item. */
export async function runPool<T, R>(items: readonly T[], concurrency: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let i = 0;
  const worker = async () => {
    while (i < items.length) {
      const k = i++;
      out[k] = await fn(items[k], k);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return out;
}

/**
 * Real users' access tokens minted without 10,000 login round-trips. Every token needs a live session (`sid`): the
 * caller writes one `sessions` document per user with `_id` = the user's id (sessionDoc), which `sid` names.
 */
export function mintAccessToken(userId: string, secret: string, ttlSeconds = 3600): string {
  return jwt.sign({ typ: 'access', sid: userId }, secret, { algorithm: 'HS256', subject: userId, expiresIn: ttlSeconds });
}

/** The session mintAccessToken's token names (insert it into `sessions`). */
export function sessionDoc(userId: Json, ttlSeconds = 24 * 3600) {
  return { _id: userId, userId, status: 'active', expiresAt: new Date(Date.now() + ttlSeconds * 1000), createdAt: new Date() };
}
