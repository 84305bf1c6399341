import { startTestServer, type TestServer } from '../support/server';
import { seedWorld, dbDigest, type World } from '../abuse/fixtures';
import { operations, example, fillPath, type Operation } from '../abuse/openapi';
import type { Json } from '../support/json';

/**
 * Oversized JSON bodies and uploads, pathologically deep JSON and huge page sizes, on every operation of the
 * OpenAPI document that takes them: each rejected with a 4xx, the server stays up, nothing is written.
 */
const SECRET = 'abuse-limits-secret-0123456789';
let s: TestServer;
let world: World;
let ops: Operation[];
// Rate-limit counters are bumped by handlers that run before their own size checks; they are not user data.
const IGNORE = ['rate_counters'];

beforeAll(async () => {
  s = await startTestServer({ DB_PREFIX: 'abuse_lim', JOBS: 'false', JWT_SECRET: SECRET, UPLOAD_LIMIT_MB: '1', BODY_LIMIT: '256kb' });
  world = await seedWorld(SECRET);
  ops = operations((await s.api('/api/openapi.json')).body);
}, 60_000);
afterAll(async () => {
  await s?.stop();
});

const jsonOps = () => ops.filter((o) => o.body && ['post', 'put', 'patch'].includes(o.method));
const label = (o: Operation) => `${o.method} ${o.path}`;

async function rawPost(op: Operation, raw: string, token = world.tokens.admin) {
  return s.api(fillPath(op), { method: op.method.toUpperCase(), body: raw, token, headers: { 'content-type': 'application/json' } });
}

describe('oversized and deep JSON', () => {
  it('a body over BODY_LIMIT → 413 PAYLOAD_TOO_LARGE on every JSON operation', async () => {
    const before = await dbDigest(IGNORE);
    const bad: string[] = [];
    for (const op of jsonOps()) {
      const body = { ...example(op.body), padding: 'x'.repeat(300 * 1024) };
      const r = await rawPost(op, JSON.stringify(body));
      if (r.status !== 413 || r.body?.error?.code !== 'PAYLOAD_TOO_LARGE') bad.push(`${label(op)} → ${r.status} ${r.body?.error?.code}`);
    }
    expect(bad).toEqual([]);
    expect(await dbDigest(IGNORE)).toEqual(before);
  }, 120_000);

  it('deep JSON (objects, arrays, 100,000 levels) → 400, never 5xx, on every JSON operation', async () => {
    const before = await dbDigest(IGNORE);
    const bad: string[] = [];
    const deepObject = `${'{"a":'.repeat(40)}1${'}'.repeat(40)}`;
    const deepArray = `{"x":${'['.repeat(100_000)}${']'.repeat(100_000)}}`; // ~200 KB, under the body limit
    for (const op of jsonOps()) {
      for (const raw of [deepObject, deepArray]) {
        const r = await rawPost(op, raw);
        if (r.status !== 400 || !['JSON_TOO_DEEP', 'INVALID_JSON'].includes(r.body?.error?.code)) bad.push(`${label(op)} → ${r.status} ${r.body?.error?.code}`);
      }
    }
    expect(bad).toEqual([]);
    expect((await s.api('/healthz')).status).toBe(200);
    expect(await dbDigest(IGNORE)).toEqual(before);
  }, 120_000);

  it('malformed payloads (wrong content type, truncated, binary, huge numbers, duplicate keys) → 4xx', async () => {
    const bad: string[] = [];
    for (const op of jsonOps()) {
      const cases: [string, string][] = [
        ['{"a":', 'application/json'],
        ['\u0000\u0001\u0002', 'application/json'],
        [`{"n": 1${'0'.repeat(400)}}`, 'application/json'],
        ['{"__proto__": {"admin": true}}', 'application/json'],
        ['<xml/>', 'application/xml'],
        ['a=1&b=2', 'application/x-www-form-urlencoded'],
      ];
      for (const [raw, type] of cases) {
        const r = await s.api(fillPath(op), { method: op.method.toUpperCase(), body: raw, token: world.tokens.admin, headers: { 'content-type': type } });
        if (r.status < 400 || r.status >= 500) bad.push(`${label(op)} ${type} ${raw.slice(0, 20)} → ${r.status} ${r.body?.error?.code}`);
      }
    }
    expect(bad).toEqual([]);
  }, 120_000);
});

describe('uploads', () => {
  const uploadOps = () => ops.filter((o) => o.multipart);
  const form = (size: number, name = 'file', type = 'image/png', filename = 'a.png', count = 1) => {
    const f = new FormData();
    // A real PNG signature, then padding: the size check, not the type check, must refuse it.
    const png = Buffer.alloc(size);
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(png);
    for (let i = 0; i < count; i++) f.append(name, new Blob([png], { type }), filename);
    return f;
  };
  const send = async (op: Operation, body: FormData) => {
    const res = await fetch(s.url + fillPath(op, pathIds(op)), {
      method: op.method.toUpperCase(),
      body,
      headers: { authorization: `Bearer ${world.tokens.admin}` },
    });
    const text = await res.text();
    let parsed: Json = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      /* not JSON */
    }
    return { status: res.status, body: parsed };
  };
  const pathIds = (op: Operation) =>
    Object.fromEntries(op.params.filter((p) => p.in === 'path').map((p) => [p.name, /complex/i.test(p.name) ? 'ABUSE-A' : world.dwellings.a[0]]));

  it('the OpenAPI document lists the upload operations', () => {
    if (uploadOps().length === 0) console.warn('no multipart operations in the OpenAPI document yet');
  });

  it('a file over UPLOAD_LIMIT_MB → 413 and nothing stored', async () => {
    const before = await dbDigest(IGNORE);
    const bad: string[] = [];
    for (const op of uploadOps()) {
      const r = await send(op, form(1.5 * 1024 * 1024));
      if (r.status !== 413) bad.push(`${label(op)} → ${r.status} ${r.body?.error?.code}`);
    }
    expect(bad).toEqual([]);
    expect(await dbDigest(IGNORE)).toEqual(before);
  }, 60_000);

  it('too many files, or an executable renamed .png → 4xx and nothing stored', async () => {
    const before = await dbDigest(IGNORE);
    const bad: string[] = [];
    for (const op of uploadOps()) {
      const many = await send(op, form(100, 'file', 'image/png', 'a.png', 12));
      if (many.status < 400 || many.status >= 500) bad.push(`${label(op)} 12 files → ${many.status}`);
      const elf = new FormData();
      elf.append('file', new Blob([Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46]), Buffer.alloc(200)])], { type: 'image/png' }), 'evil.png');
      const r = await send(op, elf);
      if (r.status < 400 || r.status >= 500) bad.push(`${label(op)} ELF as png → ${r.status}`);
    }
    expect(bad).toEqual([]);
    expect(await dbDigest(IGNORE)).toEqual(before);
  }, 60_000);
});

describe('page sizes', () => {
  const PAGE = /^(limit|pageSize|page_size|perPage|size|take|first|count)$/;
  it('a huge or negative page size → 400 on every list operation that takes one', async () => {
    const bad: string[] = [];
    let checked = 0;
    for (const op of ops.filter((o) => o.method === 'get')) {
      for (const p of op.params.filter((x) => x.in === 'query' && PAGE.test(x.name))) {
        for (const v of ['100000', '1e9', '-1', '0', '99999999999999999999', 'NaN', 'Infinity', '1.5']) {
          checked++;
          const r = await s.api(`${fillPath(op)}?${p.name}=${v}`, { token: world.tokens.admin });
          if (r.status !== 400) bad.push(`${label(op)}?${p.name}=${v} → ${r.status} ${r.body?.error?.code}`);
        }
      }
    }
    expect(bad).toEqual([]);
    if (checked === 0) console.warn('no list operation with a page-size parameter in the OpenAPI document yet');
  }, 60_000);

  it('a page or offset far beyond the data → never 5xx', async () => {
    const bad: string[] = [];
    for (const op of ops.filter((o) => o.method === 'get')) {
      for (const p of op.params.filter((x) => x.in === 'query' && /^(page|offset|skip|cursor|before|after)$/.test(x.name))) {
        for (const v of ['999999999', '-5', 'zzzz']) {
          const r = await s.api(`${fillPath(op)}?${p.name}=${v}`, { token: world.tokens.admin });
          if (r.status >= 500) bad.push(`${label(op)}?${p.name}=${v} → ${r.status}`);
        }
      }
    }
    expect(bad).toEqual([]);
  }, 60_000);
});
