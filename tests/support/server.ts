import mongoose from 'mongoose';
import { loadConfig } from '../../server/src/platform/config';
import { startGongzhi, type Running } from '../../server/src/app';
import { uniqueDbName } from './db';
import type { Json } from './json';

export interface TestServer extends Running {
  dbName: string;
  /** fetch against the server with JSON in and out. */
  api: (
    path: string,
    init?: { method?: string; body?: unknown; token?: string; headers?: Record<string, string> },
  ) => Promise<{ status: number; body: Json; headers: Headers }>;
}

/**
 * Starts the real HTTP server (Koa + socket.io + jobs) on a free port with its own database,
 * against the FerretDB that globalSetup started (or MONGODB_URI). `stop()` drops the database.
 */
export async function startTestServer(env: Record<string, string> = {}): Promise<TestServer> {
  const uri = process.env.MONGODB_URI;
  if (!uri) throw new Error('MONGODB_URI is not set: run through jest (globalSetup starts FerretDB)');
  const dbName = uniqueDbName(env.DB_PREFIX ?? 'api');
  const config = loadConfig({
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: '0',
    MONGODB_DB: dbName,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    H5_DIR: 'miniprogram/dist/h5',
    ...env,
  });
  const running = await startGongzhi(config, uri);
  if (config.SEED_DEMO) {
    // As main.ts does for `npm start` (idempotent: helpers that seed again change nothing).
    const { seedDemo } = await import('../../server/src/demo/seed');
    await seedDemo();
  }
  const api: TestServer['api'] = async (path, init = {}) => {
    const headers: Record<string, string> = { ...(init.headers ?? {}) };
    if (init.body !== undefined && !headers['content-type']) headers['content-type'] = 'application/json';
    if (init.token) headers.authorization = `Bearer ${init.token}`;
    const res = await fetch(running.url + path, {
      method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
      headers,
      body: init.body === undefined ? undefined : typeof init.body === 'string' ? init.body : JSON.stringify(init.body),
    });
    const text = await res.text();
    let body: Json = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      /* not JSON */
    }
    return { status: res.status, body, headers: res.headers };
  };
  return {
    ...running,
    dbName,
    api,
    stop: async () => {
      const db = mongoose.connection.readyState === 1 ? mongoose.connection.db : undefined;
      if (db) await db.dropDatabase().catch(() => undefined);
      await running.stop();
    },
  };
}
