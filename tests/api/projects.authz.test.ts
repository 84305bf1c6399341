// Every projects / pledges / ratings / evaluation route × every actor. Deny by default: 404 where the caller may not
// know the object exists (not their complex, not their area), 403 where they see it but may not do this.
import { startTestServer, type TestServer } from '../support/server';
import { startFakeWechat, type FakeWechat } from '../support/fakeWechat';
import { PNG_BYTES, upload, wechatEnv } from '../support/notices';
import { runAuthzMatrix, uncoveredRoutes, type AuthzCase, type Token } from '../support/authzMatrix';
import { closedConsultation, fetchBinary, person, seedWorld, type Person, type World } from './projects.helpers';
import { decidedHowVote } from '../support/decidedVote';

let s: TestServer;
let wx: FakeWechat;
let w: World;
const who = {} as Record<
  'resident' | 'tenant' | 'outsider' | 'committeeX' | 'committeeY' | 'community' | 'street' | 'county' | 'prefecture' | 'countyK2' | 'admin',
  Person
>;
let actors: Record<string, Token>;
let P: string, Q: string, R: string, consultation: string;
let year = 2040;

const req = (path: string, token: Token, method = 'GET', body?: unknown) => s.api(path, { method, body, token });
const bin = async (path: string, token: Token) => ({ status: (await fetchBinary(s, path, token ?? '')).status });
const st = () => who.street.token;
async function project(complexCode = 'X') {
  const r = await req('/api/projects', st(), 'POST', { complexCode, year: year++ });
  if (r.status !== 201) throw new Error(`create failed ${r.status}`);
  return r.body.id as string;
}
/** A project of X driven to `until` (construction or acceptance) with one item. */
async function driven(until: 'design' | 'construction' | 'acceptance') {
  const id = await project();
  const go = (to: string) => req(`/api/projects/${id}/transitions`, st(), 'POST', { to });
  await go('annual_plan');
  await go('design');
  const item = (await req(`/api/projects/${id}/items`, st(), 'PUT', { items: [{ category: 'basic', name: '屋面', quantity: 1, unit: '项', budgetFen: 100 }] }))
    .body.items[0].id;
  await req(`/api/projects/${id}/funding`, st(), 'PUT', { centralSubsidyFen: 100 });
  if (until === 'design') return { id, item };
  await decidedHowVote(id);
  await go('publicity');
  await go('construction');
  if (until === 'construction') return { id, item };
  await req(`/api/projects/${id}/acceptance`, st(), 'PUT', { date: '2025-01-01', passed: true, participants: [{ unit: '住建局', role: '主管' }] });
  await go('acceptance');
  return { id, item };
}
async function pledge(status: 'pledged' | 'confirmed') {
  const r = await req(`/api/projects/${P}/pledges`, who.resident.token, 'POST', { kind: 'money', dwellingId: w.X[2], amountFen: 100 });
  if (status === 'confirmed') await req(`/api/pledges/${r.body.id}/confirm`, who.committeeX.token, 'POST', {});
  return r.body.id as string;
}

beforeAll(async () => {
  wx = await startFakeWechat();
  s = await startTestServer({ DB_PREFIX: 'projects_authz', ...wechatEnv(wx) });
  w = await seedWorld();
  who.resident = await person('res', { dwellings: [w.X[2]] });
  who.tenant = await person('ten', { dwellings: [w.X[4]], relation: 'tenant' });
  who.outsider = await person('out', { dwellings: [w.Y[0]] });
  who.committeeX = await person('cx', { grants: [{ role: 'committee', scope: 'X' }] });
  who.committeeY = await person('cy', { grants: [{ role: 'committee', scope: 'Y' }] });
  who.community = await person('cw', { grants: [{ role: 'community_worker', scope: 'C1' }] });
  who.street = await person('st', { grants: [{ role: 'street_staff', scope: 'S1' }] });
  who.county = await person('co', { grants: [{ role: 'county_official', scope: 'K1' }] });
  who.prefecture = await person('pr', { grants: [{ role: 'prefecture_official', scope: 'P1' }] });
  who.countyK2 = await person('k2', { grants: [{ role: 'county_official', scope: 'K2' }] });
  who.admin = await person('ad', { grants: [{ role: 'admin', scope: 'root' }] });
  actors = { anon: undefined, ...Object.fromEntries(Object.entries(who).map(([k, p]) => [k, p.token])) };
  P = (await driven('design')).id;
  Q = (await driven('construction')).id;
  R = (await driven('acceptance')).id;
  consultation = await closedConsultation({ kind: 'whether', complexCode: 'X', dwellings: w.X, choices: ['approve', null, null, null, null, null] });
});
afterAll(async () => {
  await s.stop();
  await wx.stop();
});

// Seeing a project of X: its residents (any relation) and every grant covering X (officials read-only), admins.
const viewers = ['resident', 'tenant', 'committeeX', 'community', 'street', 'county', 'prefecture', 'admin'];
const hidden = { outsider: 404, committeeY: 404, countyK2: 404 };
const planners = ['community', 'street'];
const managers = ['committeeX', 'community', 'street'];
const grantViewers = ['committeeX', 'community', 'street', 'county', 'prefecture', 'admin'];
const areaK1 = ['county', 'prefecture', 'admin'];
const png = { bytes: PNG_BYTES, name: 'a.png', type: 'image/png' };
const own = (a: string) => (a === 'tenant' ? w.X[4] : w.X[2]);
const settings = {
  weights: { consultation: 1, planning: 1, results: 1, satisfaction: 1 },
  bands: { excellentAbove: 95, goodFrom: 85, qualifiedFrom: 75 },
  planPublicityDays: 7,
  ratingWindowDays: 30,
};
const scoped = (path: string): AuthzCase => ({
  route: `GET ${path.split('?')[0]}`,
  call: (t) => (path.includes('.xlsx') ? bin(path, t) : req(path, t)),
  allow: areaK1,
  deny: 404,
});

const CASES: AuthzCase[] = [
  { route: 'GET /api/projects', call: (t) => req('/api/projects', t), allow: 'authenticated' },
  { route: 'POST /api/projects', call: (t) => req('/api/projects', t, 'POST', { complexCode: 'X', year: year++ }), allow: planners },
  { route: 'GET /api/projects/:id', call: (t) => req(`/api/projects/${P}`, t), allow: viewers, deny: 404 },
  {
    route: 'PUT /api/projects/:id/items',
    call: (t) => req(`/api/projects/${P}/items`, t, 'PUT', { items: [{ category: 'basic', name: '屋面', quantity: 1, unit: '项', budgetFen: 100 }] }),
    allow: planners,
    expect: hidden,
  },
  {
    route: 'PUT /api/projects/:id/funding',
    call: (t) => req(`/api/projects/${P}/funding`, t, 'PUT', { centralSubsidyFen: 100 }),
    allow: planners,
    expect: hidden,
  },
  {
    route: 'POST /api/projects/:id/transitions',
    setup: () => project(),
    call: (t, id) => req(`/api/projects/${id}/transitions`, t, 'POST', { to: 'annual_plan' }),
    allow: planners,
    expect: hidden,
  },
  { route: 'POST /api/projects/:id/files', call: (t) => upload(s, `/api/projects/${Q}/files`, t ?? '', png), allow: managers, expect: hidden },
  {
    route: 'POST /api/projects/:id/progress',
    setup: () => driven('construction'),
    call: (t, p) => req(`/api/projects/${p.id}/progress`, t, 'POST', { items: [{ itemId: p.item, percent: 50 }] }),
    allow: managers,
    expect: hidden,
  },
  { route: 'GET /api/projects/:id/progress', call: (t) => req(`/api/projects/${Q}/progress`, t), allow: viewers, deny: 404 },
  {
    route: 'PUT /api/projects/:id/acceptance',
    call: (t) => req(`/api/projects/${Q}/acceptance`, t, 'PUT', { date: '2025-01-01', passed: false, participants: [{ unit: '住建局', role: '主管' }] }),
    allow: planners,
    expect: hidden,
  },
  { route: 'GET /api/projects/:id/export.xlsx', call: (t) => bin(`/api/projects/${P}/export.xlsx`, t), allow: grantViewers, expect: hidden },
  {
    route: 'POST /api/projects/:id/links',
    call: (t) => req(`/api/projects/${P}/links`, t, 'POST', { kind: 'consultation', targetId: consultation }),
    allow: planners,
    expect: hidden,
  },

  {
    route: 'POST /api/projects/:id/pledges',
    call: (t, _c, a) => req(`/api/projects/${P}/pledges`, t, 'POST', { kind: 'money', dwellingId: own(a), amountFen: 100 }),
    allow: ['resident', 'tenant'],
    expect: hidden,
  },
  { route: 'GET /api/projects/:id/pledges', call: (t) => req(`/api/projects/${P}/pledges`, t), allow: viewers, deny: 404 },
  // A pledge is seen by its pledger and the managers of the complex; officials read the ledger, not single pledges.
  {
    route: 'POST /api/pledges/:id/confirm',
    setup: () => pledge('pledged'),
    call: (t, id) => req(`/api/pledges/${id}/confirm`, t, 'POST', {}),
    allow: managers,
    deny: 404,
    expect: { resident: 403 },
  },
  {
    route: 'POST /api/pledges/:id/fulfil',
    setup: () => pledge('confirmed'),
    call: (t, id) => req(`/api/pledges/${id}/fulfil`, t, 'POST', {}),
    allow: managers,
    deny: 404,
    expect: { resident: 403 },
  },
  {
    route: 'POST /api/pledges/:id/cancel',
    setup: () => pledge('pledged'),
    call: (t, id) => req(`/api/pledges/${id}/cancel`, t, 'POST', { reason: '不需要了' }),
    allow: [...managers, 'resident'],
    deny: 404,
  },
  { route: 'GET /api/projects/:id/ledger', call: (t) => req(`/api/projects/${P}/ledger`, t), allow: viewers, deny: 404 },
  { route: 'GET /api/projects/:id/pledges/export.xlsx', call: (t) => bin(`/api/projects/${P}/pledges/export.xlsx`, t), allow: managers, expect: hidden },
  {
    route: 'PUT /api/projects/:id/elevators/:entranceCode',
    call: (t) => req(`/api/projects/${P}/elevators/XU1`, t, 'PUT', { totalFen: 1000 }),
    allow: managers,
    expect: hidden,
  },
  { route: 'GET /api/projects/:id/elevators/:entranceCode', call: (t) => req(`/api/projects/${P}/elevators/XU1`, t), allow: viewers, deny: 404 },
  { route: 'GET /api/projects/:id/elevators/mine', call: (t) => req(`/api/projects/${P}/elevators/mine`, t), allow: viewers, deny: 404 },

  {
    route: 'PUT /api/projects/:id/ratings',
    call: (t, _c, a) => req(`/api/projects/${R}/ratings`, t, 'PUT', { dwellingId: own(a), overall: 4 }),
    allow: ['resident', 'tenant'],
    expect: hidden,
  },
  {
    route: 'POST /api/projects/:id/ratings/photos',
    call: (t) => upload(s, `/api/projects/${R}/ratings/photos`, t ?? '', png),
    allow: ['resident', 'tenant'],
    expect: hidden,
  },
  { route: 'GET /api/projects/:id/ratings/mine', call: (t) => req(`/api/projects/${R}/ratings/mine`, t), allow: viewers, deny: 404 },
  { route: 'GET /api/projects/:id/ratings/summary', call: (t) => req(`/api/projects/${R}/ratings/summary`, t), allow: viewers, deny: 404 },
  { route: 'GET /api/projects/:id/ratings/export.xlsx', call: (t) => bin(`/api/projects/${R}/ratings/export.xlsx`, t), allow: grantViewers, expect: hidden },

  { route: 'GET /api/evaluation/settings', call: (t) => req('/api/evaluation/settings', t), allow: [...grantViewers, 'committeeY', 'countyK2'] },
  { route: 'PUT /api/evaluation/settings', call: (t) => req('/api/evaluation/settings', t, 'PUT', settings), allow: ['admin'] },
  { route: 'GET /api/evaluation/projects/:id', call: (t) => req(`/api/evaluation/projects/${R}`, t), allow: viewers, deny: 404 },
  { route: 'GET /api/evaluation/projects/:id/export.xlsx', call: (t) => bin(`/api/evaluation/projects/${R}/export.xlsx`, t), allow: viewers, deny: 404 },
  scoped('/api/evaluation/rollup?scope=K1&level=county'),
  scoped('/api/evaluation/rollup/export.xlsx?scope=K1&level=county'),
  scoped('/api/evaluation/ranking?scope=K1'),
  scoped('/api/evaluation/dashboard?scope=K1'),
  scoped('/api/evaluation/ranking/export.xlsx?scope=K1'),
  scoped('/api/evaluation/candidates?scope=K1'),
  scoped('/api/evaluation/candidates/export.xlsx?scope=K1'),
  scoped('/api/evaluation/export.xlsx?scope=K1'),
  scoped('/api/evaluation/report?scope=K1'),
];

describe('authorization matrix: projects, pledges, ratings, evaluation', () => {
  it('every route of these domains has a row', async () => {
    const doc = (await s.api('/api/openapi.json')).body;
    expect(uncoveredRoutes(doc, ['projects', 'pledges', 'ratings', 'evaluation'], CASES)).toEqual([]);
  });

  it('every actor gets exactly the expected status', async () => {
    const r = await runAuthzMatrix(actors, CASES);
    if (r.mismatches.length || process.env.SHOW_MATRIX) console.log(r.table);
    expect(r.mismatches).toEqual([]);
  }, 300_000);
});
