import { spawn } from 'node:child_process';
import path from 'node:path';
import { io as ioc } from 'socket.io-client';
import { loadConfig, ConfigError } from '../../server/src/platform/config';
import { startTestServer, type TestServer } from '../support/server';
import { waitFor } from '../support/consultations';
import { uniqueDbName } from '../support/db';
import type { Json } from '../support/json';

const root = path.resolve(__dirname, '../..');
let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(async () => {
  await s.stop();
});

describe('configuration', () => {
  it('names the bad variable in one line', () => {
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(/PORT="abc"/);
    expect(() => loadConfig({ MONGODB_URI: 'postgres://x' })).toThrow(/MONGODB_URI/);
  });
  it('refuses dev login in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', DEV_LOGIN: 'true', JWT_SECRET: 'x'.repeat(32), PII_SECRET: 'y'.repeat(32) })).toThrow(/DEV_LOGIN/);
  });
  it('the process exits 1 with that line', async () => {
    const child = spawn(path.join(root, 'node_modules/.bin/tsx'), ['server/src/main.ts'], { cwd: root, env: { ...process.env, PORT: 'not-a-port' } });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    const code = await new Promise((r) => child.on('exit', r));
    expect(code).toBe(1);
    expect(err.trim().split('\n')).toHaveLength(1);
    expect(err).toMatch(/PORT/);
  });
});

describe('health and docs', () => {
  it('answers healthz and readyz', async () => {
    expect((await s.api('/healthz')).body).toEqual({ status: 'ok' });
    const ready = await s.api('/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body.status).toBe('ready');
    // The start-up loads (the open votes' logs) list themselves while they run and are gone once done.
    expect(Array.isArray(ready.body.warming)).toBe(true);
    await waitFor(async () => (await s.api('/readyz')).body.warming.length === 0, 'start-up loads done');
  });
  it('serves a generated OpenAPI 3.1 document and a docs page', async () => {
    const doc = (await s.api('/api/openapi.json')).body;
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toContain('/readyz');
    const page = await s.api('/api/docs');
    expect(page.status).toBe(200);
    expect(String(page.body)).toContain('swagger-ui-bundle.js');
    expect((await fetch(`${s.url}/api/docs/swagger-ui-bundle.js`)).status).toBe(200);
  });
  it('sets security headers', async () => {
    const r = await s.api('/healthz');
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    expect(r.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(r.headers.get('x-request-id')).toBeTruthy();
  });
});

describe('one error shape', () => {
  const shape = (b: Json) => {
    expect(b.error).toEqual(expect.objectContaining({ code: expect.any(String), message: expect.any(String) }));
    expect(b.error.message).toMatch(/[\u4e00-\u9fff]/);
  };
  it('unknown route → 404 ROUTE_NOT_FOUND', async () => {
    const r = await s.api('/api/nope');
    expect(r.status).toBe(404);
    expect(r.body.error.code).toBe('ROUTE_NOT_FOUND');
    shape(r.body);
  });
  it('malformed JSON → 400 INVALID_JSON', async () => {
    const r = await s.api('/api/test/echo', { method: 'POST', body: '{"text": "a",', headers: { 'content-type': 'application/json' } });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('INVALID_JSON');
    shape(r.body);
  });
  it('oversized body → 413 PAYLOAD_TOO_LARGE', async () => {
    const r = await s.api('/api/test/echo', { body: { text: 'x'.repeat(300 * 1024) } });
    expect(r.status).toBe(413);
    expect(r.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    shape(r.body);
  });
  it('schema violation → 400 VALIDATION_FAILED with details', async () => {
    const r = await s.api('/api/test/echo', { body: { text: 5 } });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('VALIDATION_FAILED');
    expect(r.body.error.details.issues[0].path).toEqual(['text']);
  });
  it('operator injection and deep JSON are refused', async () => {
    const inj = await s.api('/api/test/echo', { body: { text: { $gt: '' } } });
    expect(inj.status).toBe(400);
    expect(inj.body.error.code).toBe('INVALID_KEY');
    let deep: Json = { text: 'x' };
    for (let i = 0; i < 40; i++) deep = { a: deep };
    const d = await s.api('/api/test/echo', { body: deep });
    expect(d.status).toBe(400);
    expect(d.body.error.code).toBe('JSON_TOO_DEEP');
  });
  it('a forged token → 401 TOKEN_INVALID', async () => {
    const r = await s.api('/api/test/echo', { body: { text: 'a' }, token: 'eyJhbGciOiJIUzI1NiJ9.e30.bad' });
    expect(r.status).toBe(401);
    expect(r.body.error.code).toBe('TOKEN_INVALID');
  });
});

describe('realtime', () => {
  it('refuses a socket without a token quickly', async () => {
    const started = Date.now();
    const sock = ioc(s.url, { path: '/socket.io', transports: ['websocket'], reconnection: false });
    const err: Json = await new Promise((r) => sock.on('connect_error', r));
    sock.close();
    expect(err.message).toBe('UNAUTHORIZED');
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

describe('graceful shutdown', () => {
  it('SIGTERM lets a slow request finish, then exits 0', async () => {
    const child = spawn(path.join(root, 'node_modules/.bin/tsx'), ['server/src/main.ts'], {
      cwd: root,
      env: { ...process.env, NODE_ENV: 'test', PORT: '0', HOST: '127.0.0.1', MONGODB_DB: uniqueDbName('shutdown'), LOG_LEVEL: 'silent', JOBS: 'false' },
    });
    let out = '';
    const url: string = await new Promise((resolve, reject) => {
      child.stdout.on('data', (d) => {
        out += d;
        const m = /running at (http:\/\/[^\s]+)/.exec(out);
        if (m) resolve(m[1]);
      });
      child.on('exit', () => reject(new Error(`exited early: ${out}`)));
    });
    const slow = fetch(`${url}/api/test/slow?ms=1500`).then(async (r) => ({ status: r.status, body: await r.json() }));
    await new Promise((r) => setTimeout(r, 300));
    child.kill('SIGTERM');
    const exit = new Promise((r) => child.on('exit', r));
    expect(await slow).toEqual({ status: 200, body: { sleptMs: 1500 } });
    expect(await exit).toBe(0);
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
  }, 30000);
});
