// The authorization matrix for every identity/roster route: each role inside and outside its scope, exact statuses.
import fs from 'node:fs';
import path from 'node:path';
import { PRIVACY_VERSION } from '@gongzhi/shared';
import { startTestServer, type TestServer } from '../support/server';
import { startFakeWechat, type FakeWechat } from '../support/fakeWechat';
import { runAuthzMatrix, uncoveredRoutes, type AuthzCase, type Token } from '../support/authzMatrix';
import { bind, createUser, pendingProxy, seedAreaTree, T, wechatEnvOf } from '../support/identity';
import { fakePhone, gridRows, importFile, PNG_1PX, postFile, toXlsx } from '../support/rosterFiles';
import { Dwelling } from '../../server/src/roster/model';
import { alertOwners } from '../../server/src/roster/alerts';
import { UserAlerts } from '../../server/src/identity/alerts/model';
import type { Json } from '../support/json';

let s: TestServer;
let wx: FakeWechat;
const actors: Record<string, Token> = {};
let ownerId = '';
let ownerDwelling = '';
let dwellings: string[] = [];
let rosterFile: Buffer;

const ACTORS: [string, { role: Json; scope: string }[]][] = [
  ['resident', []],
  ['owner', []],
  ['committeeIn', [{ role: 'committee', scope: T.complex }]],
  ['committeeOut', [{ role: 'committee', scope: T.complex2 }]],
  ['communityIn', [{ role: 'community_worker', scope: T.community }]],
  ['communityOut', [{ role: 'community_worker', scope: T.community2 }]],
  ['streetIn', [{ role: 'street_staff', scope: T.street }]],
  ['streetOut', [{ role: 'street_staff', scope: T.street2 }]],
  ['countyIn', [{ role: 'county_official', scope: T.county }]],
  ['countyOut', [{ role: 'county_official', scope: T.county2 }]],
  ['prefectureIn', [{ role: 'prefecture_official', scope: T.prefecture }]],
  ['prefectureOut', [{ role: 'prefecture_official', scope: T.prefecture2 }]],
  ['regionIn', [{ role: 'region_official', scope: T.region }]],
  ['regionOut', [{ role: 'region_official', scope: T.region2 }]],
  ['admin', [{ role: 'admin', scope: 'root' }]],
];

beforeAll(async () => {
  wx = await startFakeWechat();
  s = await startTestServer({ DB_PREFIX: 'authz_identity', JOBS: 'false', ...wechatEnvOf(wx) });
  await seedAreaTree();
  actors.anon = undefined;
  for (const [name, grants] of ACTORS) {
    const u = await createUser({ name, grants });
    actors[name] = u.token;
    if (name === 'owner') ownerId = u.id;
  }
  const admin = actors.admin!;
  rosterFile = await toXlsx(gridRows({ buildings: 3, floors: 5, seed: 3000 }));
  expect((await importFile(s, admin, T.complex, rosterFile)).status).toBe(200);
  dwellings = (await Dwelling.find({ complexCode: T.complex }).sort({ buildingCode: 1, room: 1 }).lean()).map((d) => String(d._id));
  ownerDwelling = dwellings[0];
  await bind(ownerId, ownerDwelling, 'owner');
});
afterAll(async () => {
  await s.stop();
  await wx.stop();
});

const api = (method: string, p: string, token: Token, body?: unknown) => s.api(p, { method, token, body });
const REVIEW = ['committeeIn', 'communityIn', 'streetIn', 'admin'];
const MANAGE = ['communityIn', 'streetIn', 'admin'];
let nextDwelling = 1;
let nextCode = 0;
const freshUser = async () => (await createUser()).id;

const grantCase = (role: string, scope: string, allow: string[]): AuthzCase<{ userId: string }> => ({
  route: 'POST /api/grants',
  label: `${role}@${scope}`,
  allow,
  setup: async () => ({ userId: await freshUser() }),
  call: (t, c) => api('POST', '/api/grants', t, { userId: c.userId, role, scope }),
});

const CASES: AuthzCase[] = [
  {
    route: 'POST /api/auth/wechat',
    allow: 'all',
    call: (t, _c, a) => s.api('/api/auth/wechat', { token: t, body: { code: wx.issueCode(`openid-${a}-${Date.now()}`) } }),
  },
  {
    route: 'POST /api/auth/refresh',
    allow: 'all',
    setup: async () => createUser(),
    call: (t, c) => api('POST', '/api/auth/refresh', t, { refreshToken: c.refreshToken }),
  },
  {
    route: 'POST /api/auth/logout',
    allow: 'all',
    setup: async () => createUser(),
    call: (t, c) => api('POST', '/api/auth/logout', t, { refreshToken: c.refreshToken }),
  },
  { route: 'GET /api/auth/dev-users', allow: [], deny: 404, anonymous: 404, call: (t) => api('GET', '/api/auth/dev-users', t) },
  { route: 'POST /api/auth/dev-login', allow: [], deny: 404, anonymous: 404, call: async (t) => api('POST', '/api/auth/dev-login', t, { userId: ownerId }) },
  { route: 'GET /api/me', allow: 'authenticated', call: (t) => api('GET', '/api/me', t) },
  { route: 'PATCH /api/me', allow: 'authenticated', call: (t) => api('PATCH', '/api/me', t, { lang: 'zh' }) },
  { route: 'POST /api/me/privacy', allow: 'authenticated', call: (t) => api('POST', '/api/me/privacy', t, { version: PRIVACY_VERSION }) },
  grantCase('committee', T.complex, ['streetIn', 'admin']),
  grantCase('community_worker', T.community, ['streetIn', 'admin']),
  grantCase('street_staff', T.street, ['countyIn', 'admin']),
  grantCase('county_official', T.county, ['prefectureIn', 'admin']),
  grantCase('prefecture_official', T.prefecture, ['regionIn', 'admin']),
  grantCase('region_official', T.region, ['admin']),
  grantCase('admin', 'root', ['admin']),
  {
    route: 'POST /api/grants/revoke',
    allow: ['streetIn', 'admin'],
    setup: async () => ({ userId: (await createUser({ grants: [{ role: 'committee', scope: T.complex }] })).id }),
    call: (t, c) => api('POST', '/api/grants/revoke', t, { userId: c.userId, role: 'committee', scope: T.complex, reason: '换届' }),
  },
  {
    route: 'GET /api/areas/:code/grants',
    allow: ['streetIn', 'countyIn', 'prefectureIn', 'regionIn', 'admin'],
    call: (t) => api('GET', `/api/areas/${T.complex}/grants`, t),
  },
  { route: 'GET /api/areas/:code', allow: 'authenticated', call: (t) => api('GET', `/api/areas/${T.complex}`, t) },
  { route: 'GET /api/areas/:code/children', allow: 'authenticated', call: (t) => api('GET', `/api/areas/${T.complex}/children`, t) },
  { route: 'GET /api/areas/:code/rooms', allow: 'authenticated', call: (t) => api('GET', `/api/areas/${T.complex}-B1-U1/rooms`, t) },
  { route: 'GET /api/complexes', allow: 'authenticated', call: (t) => api('GET', `/api/complexes?under=${T.street}`, t) },
  {
    route: 'POST /api/areas',
    allow: ['communityIn', 'streetIn', 'admin'],
    call: (t) =>
      api('POST', '/api/areas', t, {
        parentCode: T.community,
        code: `${T.community}9${String(nextCode++).padStart(2, '0')}`,
        level: 'complex',
        name: '新小区',
      }),
  },
  { route: 'GET /api/roster/template', allow: 'authenticated', call: (t) => api('GET', '/api/roster/template', t) },
  {
    route: 'POST /api/roster/:complexCode/import',
    allow: MANAGE,
    call: (t) => postFile(s, `/api/roster/${T.complex}/import?dryRun=true`, { token: t, file: { bytes: rosterFile, name: 'r.xlsx' } }),
  },
  { route: 'GET /api/roster/:complexCode/export', allow: MANAGE, call: (t) => api('GET', `/api/roster/${T.complex}/export`, t) },
  { route: 'GET /api/roster/:complexCode/dwellings', allow: REVIEW, call: (t) => api('GET', `/api/roster/${T.complex}/dwellings`, t) },
  { route: 'GET /api/roster/:complexCode/imports', allow: MANAGE, call: (t) => api('GET', `/api/roster/${T.complex}/imports`, t) },
  {
    route: 'POST /api/claims',
    allow: 'authenticated',
    call: (t) => api('POST', '/api/claims', t, { dwellingId: dwellings[nextDwelling++], relation: 'tenant' }),
  },
  { route: 'GET /api/complexes/:complexCode/claims', allow: REVIEW, call: (t) => api('GET', `/api/complexes/${T.complex}/claims`, t) },
  {
    route: 'POST /api/claims/:id/decision',
    allow: REVIEW,
    deny: 404,
    setup: async () => ({ id: await bind(await freshUser(), dwellings[20], 'owner', 'pending') }),
    call: (t, c) => api('POST', `/api/claims/${c.id}/decision`, t, { approve: false, reason: '不符' }),
  },
  {
    route: 'POST /api/bindings/:id/revoke',
    allow: REVIEW,
    deny: 404,
    setup: async () => ({ id: await bind(await freshUser(), dwellings[21], 'tenant', 'active') }),
    call: (t, c) => api('POST', `/api/bindings/${c.id}/revoke`, t, { reason: '已搬离' }),
  },
  { route: 'GET /api/complexes/:complexCode/residents', allow: REVIEW, call: (t) => api('GET', `/api/complexes/${T.complex}/residents`, t) },
  {
    route: 'POST /api/proxies',
    allow: ['owner', ...REVIEW],
    setup: async () => ({ proxyUserId: await freshUser() }),
    call: (t, c) =>
      postFile(s, '/api/proxies', { token: t, fields: { dwellingId: ownerDwelling, proxyUserId: c.proxyUserId }, file: { bytes: PNG_1PX, name: 'w.png' } }),
  },
  // Each caller sees only their own entrustments (contents: tests/api/roster.myProxies.test.ts).
  { route: 'GET /api/me/proxies', allow: 'authenticated', call: (t) => api('GET', '/api/me/proxies', t) },
  // Only the dwelling's owner picks a proxy among its household; everyone else, staff included, gets the 404.
  { route: 'GET /api/dwellings/:id/household', allow: ['owner'], deny: 404, call: (t) => api('GET', `/api/dwellings/${ownerDwelling}/household`, t) },
  { route: 'GET /api/complexes/:complexCode/proxies', allow: REVIEW, call: (t) => api('GET', `/api/complexes/${T.complex}/proxies`, t) },
  {
    route: 'POST /api/proxies/:id/decision',
    allow: REVIEW,
    deny: 404,
    setup: async () => ({ id: await pendingProxy(ownerDwelling, await freshUser(), ownerId) }),
    call: (t, c) => api('POST', `/api/proxies/${c.id}/decision`, t, { approve: true }),
  },
  {
    route: 'POST /api/proxies/:id/revoke',
    allow: ['owner', ...REVIEW],
    deny: 404,
    setup: async () => ({ id: await pendingProxy(ownerDwelling, await freshUser(), ownerId) }),
    call: (t, c) => api('POST', `/api/proxies/${c.id}/revoke`, t, { reason: '撤回' }),
  },
  // Full values of one roster owner: roster readers only (unknown to the rest: 404), rate-limited and audited.
  {
    route: 'POST /api/roster/dwellings/:id/owners/:index/reveal',
    allow: REVIEW,
    deny: 404,
    call: (t) => api('POST', `/api/roster/dwellings/${dwellings[5]}/owners/0/reveal`, t, { reason: '核对认领申请' }),
  },
  { route: 'GET /api/me/alerts', allow: 'authenticated', call: (t) => api('GET', '/api/me/alerts', t) },
  // Only the owner an alert went to may answer it; for anyone else the alert does not exist.
  ...(['dispute', 'dismiss'] as const).map((action): AuthzCase<{ id: string }> => ({
    route: `POST /api/alerts/:id/${action}`,
    allow: ['owner'],
    deny: 404,
    setup: async () => {
      const proxyUserId = await freshUser();
      const subjectId = await pendingProxy(ownerDwelling, proxyUserId, proxyUserId);
      await alertOwners({ dwellingId: ownerDwelling, subjectType: 'proxy', subjectId, subjectUserId: proxyUserId, relation: 'proxy', actorId: proxyUserId });
      return { id: (await UserAlerts.findById(ownerId).lean())!.items[0].id };
    },
    call: (t, c) => api('POST', `/api/alerts/${c.id}/${action}`, t, {}),
  })),
  // Last: every caller binds by the roster phone of one dwelling (co-owners by the same phone are possible).
  {
    route: 'POST /api/claims/phone',
    allow: 'authenticated',
    call: (t) => api('POST', '/api/claims/phone', t, { dwellingId: dwellings[29], phoneCode: wx.issuePhoneCode(fakePhone(3029)) }),
  },
];

describe('identity and roster authorization matrix', () => {
  it('covers every identity/roster route', async () => {
    const doc = (await s.api('/api/openapi.json')).body;
    expect(uncoveredRoutes(doc, ['identity', 'areas', 'roster', 'claims', 'proxies'], CASES)).toEqual([]);
  });

  it('gives exactly the expected status to every role inside and outside its scope', async () => {
    const result = await runAuthzMatrix(actors, CASES);
    const dir = path.resolve(__dirname, '../artifacts');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'authz-identity.txt'), `${result.table}\n`);
    expect(result.mismatches).toEqual([]);
    expect(result.cells.length).toBe(CASES.length * Object.keys(actors).length);
  }, 300_000);
});
