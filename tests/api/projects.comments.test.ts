// The project's discussion thread: the committee, community and street staff of the complex write; officials read;
// residents (even of that complex) and other complexes' staff do not. Authorization matrix over every actor, then
// what the thread shows: each author's own words, name and role, oldest first, paged by `_id`.
import { runAuthzMatrix, uncoveredRoutes, type AuthzCase, type Token } from '../support/authzMatrix';
import { startTestServer, type TestServer } from '../support/server';
import { PAGE } from '../../server/src/projects/comments';
import { person, seedWorld, type Person, type World } from './projects.helpers';
import type { Json } from '../support/json';

let s: TestServer;
let w: World;
const who = {} as Record<'resident' | 'outsider' | 'committeeX' | 'committeeY' | 'community' | 'street' | 'county' | 'countyK2' | 'admin', Person>;
let actors: Record<string, Token>;
let P: string;
const req = (path: string, token: Token, method = 'GET', body?: unknown) => s.api(path, { method, body, token });

beforeAll(async () => {
  s = await startTestServer({ DB_PREFIX: 'projects_comments' });
  w = await seedWorld();
  who.resident = await person('居民', { dwellings: [w.X[2]] });
  who.outsider = await person('外小区居民', { dwellings: [w.Y[0]] });
  who.committeeX = await person('格桑', { grants: [{ role: 'committee', scope: 'X' }] });
  who.committeeY = await person('cy', { grants: [{ role: 'committee', scope: 'Y' }] });
  who.community = await person('cw', { grants: [{ role: 'community_worker', scope: 'C1' }] });
  who.street = await person('李明', { grants: [{ role: 'street_staff', scope: 'S1' }] });
  who.county = await person('王强', { grants: [{ role: 'county_official', scope: 'K1' }] });
  who.countyK2 = await person('k2', { grants: [{ role: 'county_official', scope: 'K2' }] });
  who.admin = await person('ad', { grants: [{ role: 'admin', scope: 'root' }] });
  actors = { anon: undefined, ...Object.fromEntries(Object.entries(who).map(([k, p]) => [k, p.token])) };
  P = (await req('/api/projects', who.street.token, 'POST', { complexCode: 'X', year: 2026 })).body.id;
});
afterAll(async () => {
  await s.stop();
});

// Residents can see the project (so 403), other complexes' people cannot (so the same 404 as a missing project).
const hidden = { outsider: 404, committeeY: 404, countyK2: 404 };
const CASES: AuthzCase[] = [
  {
    route: 'GET /api/projects/:id/comments',
    call: (t) => req(`/api/projects/${P}/comments`, t),
    allow: ['committeeX', 'community', 'street', 'county', 'admin'],
    expect: { ...hidden, resident: 403 },
  },
  {
    route: 'POST /api/projects/:id/comments',
    call: (t) => req(`/api/projects/${P}/comments`, t, 'POST', { text: '同意' }),
    allow: ['committeeX', 'community', 'street'],
    expect: { ...hidden, resident: 403 },
  },
];

describe('who may read and write the thread', () => {
  it('every route of the thread has a row', async () => {
    expect(uncoveredRoutes((await s.api('/api/openapi.json')).body, ['project-comments'], CASES)).toEqual([]);
  });
  it('every actor gets exactly the expected status', async () => {
    const r = await runAuthzMatrix(actors, CASES);
    if (r.mismatches.length) console.log(r.table);
    expect(r.mismatches).toEqual([]);
  }, 60_000);
});

describe('what the thread shows', () => {
  let Q: string;
  beforeAll(async () => {
    Q = (await req('/api/projects', who.street.token, 'POST', { complexCode: 'X', year: 2027 })).body.id;
  });

  it('each comment with its author, role and own words (Tibetan kept as typed); officials read but may not write', async () => {
    expect((await req(`/api/projects/${Q}/comments`, who.committeeX.token, 'POST', { text: '  一楼住户希望先修雨污管网  ' })).status).toBe(201);
    expect((await req(`/api/projects/${Q}/comments`, who.street.token, 'POST', { text: 'ཆུ་ལམ་སྔོན་ལ་བཟོ་བཅོས་བྱེད།' })).status).toBe(201);
    const r = await req(`/api/projects/${Q}/comments`, who.county.token);
    expect(r.body.comments.map((c: Json) => [c.byName, c.role, c.text])).toEqual([
      ['格桑', 'committee', '一楼住户希望先修雨污管网'],
      ['李明', 'street_staff', 'ཆུ་ལམ་སྔོན་ལ་བཟོ་བཅོས་བྱེད།'],
    ]);
    expect([r.body.canComment, (await req(`/api/projects/${Q}/comments`, who.street.token)).body.canComment]).toEqual([false, true]);
  });

  it('bad text is a 400 with a Chinese message, and nothing is added', async () => {
    for (const text of ['   ', 'x'.repeat(1001), 'a\u0000b']) {
      const r = await req(`/api/projects/${Q}/comments`, who.street.token, 'POST', { text });
      expect([r.status, r.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
    }
    expect((await req(`/api/projects/${Q}/comments`, who.street.token)).body.comments).toHaveLength(2);
  });

  it('many at once lose nothing; the newest page comes first, older pages by number', async () => {
    const R = (await req('/api/projects', who.street.token, 'POST', { complexCode: 'X', year: 2028 })).body.id;
    const n = PAGE + 3;
    const post = (i: number) => req(`/api/projects/${R}/comments`, i % 2 ? who.street.token : who.committeeX.token, 'POST', { text: `意见 ${i}` });
    const burst = await Promise.all(Array.from({ length: 10 }, (_, i) => post(i)));
    expect(burst.map((r) => r.status)).toEqual(Array(10).fill(201));
    for (let i = 10; i < n; i++) expect((await post(i)).status).toBe(201);
    const last = (await req(`/api/projects/${R}/comments`, who.community.token)).body;
    expect([last.page, last.pages, last.comments.length]).toEqual([1, 2, 3]);
    const first = (await req(`/api/projects/${R}/comments?page=0`, who.community.token)).body;
    const texts = [...first.comments, ...last.comments].map((c: Json) => c.text);
    expect(new Set(texts).size).toBe(n);
  }, 60_000);
});
