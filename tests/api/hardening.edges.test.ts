// Issue 14, finding 5: the smaller holes — proxy-aware login limit, malformed input always a 4xx in the error shape,
// a `null` WeChat reply handled, CSP WebSockets only to configured origins, distinct secrets.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { startTestServer, type TestServer } from '../support/server';
import { loadConfig } from '../../server/src/platform/config';

let s: TestServer;
let proxied: TestServer;
let nullWechat: http.Server;

beforeAll(async () => {
  // A WeChat that answers every call with the JSON literal `null`.
  nullWechat = http.createServer((_req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end('null');
  });
  await new Promise<void>((r) => nullWechat.listen(0, '127.0.0.1', () => r()));
  const wx = `http://127.0.0.1:${(nullWechat.address() as AddressInfo).port}`;
  s = await startTestServer({ DB_PREFIX: 'hardening_edges', WECHAT_API_BASE: wx, CORS_ORIGINS: 'https://gz.example.org' });
  proxied = await startTestServer({ DB_PREFIX: 'hardening_edges_proxy', TRUST_PROXY: '1' });
});
afterAll(async () => {
  await s?.stop();
  await proxied?.stop();
  await new Promise((r) => nullWechat.close(r));
});

const login = (server: TestServer, forwardedFor: string) =>
  server.api('/api/auth/wechat', { body: { code: 'not-a-real-code' }, headers: { 'x-forwarded-for': forwardedFor } });

it('a `null` reply from WeChat is a WeChat error for the user, not a 500 (before the limit tests use up the bucket)', async () => {
  const r = await s.api('/api/auth/wechat', { body: { code: 'any-code' } });
  expect([502, 503]).toContain(r.status);
  expect(r.body.error.code).toMatch(/^WECHAT_/);
});

it('behind one trusted proxy, the login limit is per client address, not one bucket for everyone', async () => {
  let last;
  for (let i = 0; i < 31; i++) last = await login(proxied, '203.0.113.7');
  expect(last!.status).toBe(429);
  expect((await login(proxied, '203.0.113.8')).status).not.toBe(429); // another client behind the same proxy
});

it('without TRUST_PROXY a forged X-Forwarded-For does not buy a fresh bucket', async () => {
  for (let i = 0; i < 30; i++) await login(s, `198.51.100.${i}`);
  const r = await login(s, '198.51.100.250');
  expect(r.status).toBe(429);
});

it('a wrong Content-Encoding is a 4xx in the error shape, never a 500', async () => {
  const headers = { 'content-type': 'application/json' };
  const notGzip = await fetch(`${s.url}/api/auth/refresh`, {
    method: 'POST',
    headers: { ...headers, 'content-encoding': 'gzip' },
    body: '{"refreshToken":"x"}',
  });
  expect(notGzip.status).toBeGreaterThanOrEqual(400);
  expect(notGzip.status).toBeLessThan(500);
  expect((await notGzip.json()).error.code).toEqual(expect.any(String));
  const unknown = await fetch(`${s.url}/api/auth/refresh`, { method: 'POST', headers: { ...headers, 'content-encoding': 'zstd-bogus' }, body: '{}' });
  expect(unknown.status).toBe(415);
  expect((await unknown.json()).error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  const truncated = gzipSync(Buffer.from('{"refreshToken":"xxxxxxxxxxxxxxxxxxxxxxxx"}')).subarray(0, 20);
  const cut = await fetch(`${s.url}/api/auth/refresh`, {
    method: 'POST',
    headers: { ...headers, 'content-encoding': 'gzip' },
    body: new Uint8Array(truncated),
  });
  expect(cut.status).toBeGreaterThanOrEqual(400);
  expect(cut.status).toBeLessThan(500);
});

it('CSP lets the page open WebSockets only to its own and the configured origins', async () => {
  const csp = (await fetch(`${s.url}/healthz`)).headers.get('content-security-policy')!;
  const connect = csp
    .split(';')
    .map((d) => d.trim())
    .find((d) => d.startsWith('connect-src'))!;
  const sources = connect.split(/\s+/).slice(1);
  expect(sources).not.toContain('ws:');
  expect(sources).not.toContain('wss:');
  expect(sources).toEqual(expect.arrayContaining(["'self'", 'https://gz.example.org', 'wss://gz.example.org']));
});

it('the configuration refuses a JWT_SECRET equal to PII_SECRET', () => {
  const same = 'a-long-enough-shared-secret-value';
  expect(() => loadConfig({ NODE_ENV: 'development', JWT_SECRET: same, PII_SECRET: same })).toThrow(/JWT_SECRET/);
  expect(() => loadConfig({ NODE_ENV: 'development', TRUST_PROXY: '-1' })).toThrow(/TRUST_PROXY/);
});
