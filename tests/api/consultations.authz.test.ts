// Every consultations route × every actor. Deny by default; 404 where the caller may not know the consultation
// exists (outside the complex and its scope, or a draft), 403 where they may see it but not do this.
import { Types } from 'mongoose';
import { startTestServer, type TestServer } from '../support/server';
import { flagDisputedBallots, listDisputedBallots } from '../../server/src/consultations/disputedBallots';
import { runAuthzMatrix, uncoveredRoutes, type AuthzCase, type Token } from '../support/authzMatrix';
import { cast, closeVote, openVote, paperBallot, person, PNG_1PX, seedAreas, seedDwellings, shortLeadTime, yes, type Person } from '../support/consultations';

let s: TestServer;
let d: string[];
const who = {} as Record<'resident' | 'tenant' | 'neighbour' | 'outsider' | 'committee' | 'committeeZ' | 'street' | 'county' | 'admin', Person>;
let actors: Record<string, Token>;
let openId: string, closedId: string, receipt: string;

const base = () => ({
  kind: 'whether',
  title: '加装电梯',
  complexCode: 'Q',
  electorate: { level: 'entrance', entranceCode: 'QB1U1' },
  covenant: { enabled: true, clauseText: '规约第十二条' },
});

beforeAll(async () => {
  s = await startTestServer({ DB_PREFIX: 'cons_authz' });
  const paths = await seedAreas();
  d = await seedDwellings(paths, [
    ...Array.from({ length: 8 }, (_, i) => ({ entrance: 'QB1U1', room: `${i + 1}01`, area: 9000 })),
    { entrance: 'QB1U2', room: '101', area: 9000 },
    { entrance: 'ZB1U1', room: '101', area: 9000 },
  ]);
  who.resident = await person({ owns: [d[0], d[4], d[5], d[6]] });
  who.tenant = await person({ tenantOf: [d[7]] });
  who.neighbour = await person({ owns: [d[8]] });
  who.outsider = await person({ owns: [d[9]] });
  who.committee = await person({ grants: [{ role: 'committee', scope: 'Q' }] });
  who.committeeZ = await person({ grants: [{ role: 'committee', scope: 'Z' }] });
  who.street = await person({ grants: [{ role: 'street_staff', scope: 'S' }] });
  who.county = await person({ grants: [{ role: 'county_official', scope: 'K' }] });
  who.admin = await person({ grants: [{ role: 'admin', scope: 'root' }] });
  actors = { anon: undefined, ...Object.fromEntries(Object.entries(who).map(([k, p]) => [k, p.token])) };
  await shortLeadTime(s, who.admin.token);
  openId = await openVote(s, who.committee.token, base());
  receipt = (await cast(s, who.resident.token, openId, d[0], yes())).body.receiptCode;
  closedId = await openVote(s, who.committee.token, base());
  await cast(s, who.resident.token, closedId, d[0], yes());
  await closeVote(s, who.committee.token, closedId);
}, 60_000);
afterAll(async () => {
  await s.stop();
});

const req = (path: string, token: Token, method = 'GET', body?: unknown) => s.api(path, { method, body, token });
const future = (h: number) => new Date(Date.now() + h * 3600e3).toISOString();
const freshDraft = async () =>
  (await req('/api/consultations', who.committee.token, 'POST', { ...base(), opensAt: future(1), closesAt: future(48) })).body.id as string;

const managers = ['committee', 'street', 'admin'];
const viewers = ['resident', 'tenant', 'neighbour', 'county', ...managers];
const hidden = { outsider: 404, committeeZ: 404 };
const seeButNotManage = { resident: 403, tenant: 403, neighbour: 403, county: 403, ...hidden };
const verifiers = ['resident', 'tenant', 'county', ...managers];
const notVerifier = { neighbour: 403, ...hidden };

const CASES: AuthzCase[] = [
  { route: 'GET /api/consultation-templates', call: (t) => req('/api/consultation-templates', t), allow: 'authenticated' },
  { route: 'GET /api/consultation-settings', call: (t) => req('/api/consultation-settings', t), allow: 'authenticated' },
  {
    route: 'PUT /api/consultation-settings',
    call: (t) => req('/api/consultation-settings', t, 'PUT', { minLeadTimeHours: 0, defaultLeadTimeHours: 0 }),
    allow: ['admin'],
  },
  {
    route: 'POST /api/consultations',
    call: (t) => req('/api/consultations', t, 'POST', { ...base(), opensAt: future(1), closesAt: future(48) }),
    allow: managers,
  },
  { route: 'GET /api/consultations', call: (t) => req('/api/consultations', t), allow: 'authenticated' },
  { route: 'GET /api/consultations/:id', call: (t) => req(`/api/consultations/${openId}`, t), allow: viewers, deny: 404 },
  { route: 'GET /api/consultations/:id', label: 'draft', setup: freshDraft, call: (t, id) => req(`/api/consultations/${id}`, t), allow: managers, deny: 404 },
  {
    route: 'PATCH /api/consultations/:id',
    setup: freshDraft,
    call: (t, id) => req(`/api/consultations/${id}`, t, 'PATCH', { title: '改名' }),
    allow: managers,
    deny: 404,
  },
  {
    route: 'DELETE /api/consultations/:id',
    setup: freshDraft,
    call: (t, id) => req(`/api/consultations/${id}`, t, 'DELETE'),
    allow: managers,
    allowStatus: 204,
    deny: 404,
  },
  {
    route: 'POST /api/consultations/:id/schedule',
    setup: freshDraft,
    call: (t, id) => req(`/api/consultations/${id}/schedule`, t, 'POST'),
    allow: managers,
    deny: 404,
  },
  {
    route: 'POST /api/consultations/:id/close',
    setup: async (actor) => (managers.includes(actor) ? openVote(s, who.committee.token, base()) : openId),
    call: (t, id) => req(`/api/consultations/${id}/close`, t, 'POST', { reason: '提前结束' }),
    allow: managers,
    expect: seeButNotManage,
  },
  {
    route: 'GET /api/consultations/:id/participation',
    call: (t) => req(`/api/consultations/${openId}/participation`, t),
    allow: managers,
    expect: seeButNotManage,
  },
  {
    route: 'POST /api/consultations/:id/reminders',
    call: (t) => req(`/api/consultations/${openId}/reminders`, t, 'POST', {}),
    allow: managers,
    allowStatus: 202,
    expect: seeButNotManage,
  },
  { route: 'GET /api/consultations/:id/deliveries', call: (t) => req(`/api/consultations/${openId}/deliveries`, t), allow: managers, expect: seeButNotManage },
  {
    route: 'POST /api/consultations/:id/deliveries',
    call: (t) => req(`/api/consultations/${openId}/deliveries`, t, 'POST', { dwellingIds: [d[1]] }),
    allow: managers,
    expect: seeButNotManage,
  },
  { route: 'POST /api/consultations/:id/ballots', call: (t) => cast(s, t as string, openId, d[0], yes()), allow: ['resident'], expect: { ...hidden } },
  { route: 'GET /api/consultations/:id/my-ballots', call: (t) => req(`/api/consultations/${openId}/my-ballots`, t), allow: viewers, deny: 404 },
  {
    route: 'POST /api/consultations/:id/paper-ballots',
    setup: async (actor) => d[1 + Math.max(0, managers.indexOf(actor))],
    call: (t, dw) => (t ? paperBallot(s, t, openId, dw, yes()) : s.api(`/api/consultations/${openId}/paper-ballots`, { method: 'POST' })),
    allow: managers,
    expect: seeButNotManage,
  },
  { route: 'GET /api/consultations/:id/conflicts', call: (t) => req(`/api/consultations/${openId}/conflicts`, t), allow: managers, expect: seeButNotManage },
  {
    route: 'POST /api/consultations/:id/conflicts/:seq/resolve',
    setup: async (actor) => {
      if (!managers.includes(actor)) return 999;
      const dw = d[4 + managers.indexOf(actor)];
      await cast(s, who.resident.token, openId, dw, yes());
      // Entered by someone else: whoever entered a paper ballot may not resolve its conflict (issue 12).
      return (await paperBallot(s, actor === 'committee' ? who.street.token : who.committee.token, openId, dw, yes(), PNG_1PX)).body.seq;
    },
    call: (t, seq) => req(`/api/consultations/${openId}/conflicts/${seq}/resolve`, t, 'POST', { keep: 'electronic', reason: '以电子票为准' }),
    allow: managers,
    expect: seeButNotManage,
  },
  { route: 'GET /api/consultations/:id/ballots', call: (t) => req(`/api/consultations/${closedId}/ballots`, t), allow: managers, expect: seeButNotManage },
  {
    route: 'GET /api/consultations/:id/ballots',
    label: 'while open',
    call: (t) => req(`/api/consultations/${openId}/ballots`, t),
    allow: [],
    expect: seeButNotManage,
  },
  { route: 'GET /api/consultations/:id/log', call: (t) => req(`/api/consultations/${closedId}/log`, t), allow: managers, expect: seeButNotManage },
  { route: 'GET /api/consultations/:id/tally', call: (t) => req(`/api/consultations/${openId}/tally`, t), allow: viewers, deny: 404 },
  { route: 'GET /api/consultations/:id/log/verify', call: (t) => req(`/api/consultations/${openId}/log/verify`, t), allow: verifiers, expect: notVerifier },
  {
    route: 'GET /api/consultations/:id/receipts/:code',
    call: (t) => req(`/api/consultations/${openId}/receipts/${receipt}`, t),
    allow: verifiers,
    expect: notVerifier,
  },
  {
    route: 'POST /api/consultations/:id/close-override',
    call: (t) => req(`/api/consultations/${openId}/close-override`, t, 'POST', { reason: '业主已搬离无法联系，按电子票计' }),
    allow: managers,
    expect: seeButNotManage,
  },
  { route: 'GET /api/consultations/:id/alarms', call: (t) => req(`/api/consultations/${openId}/alarms`, t), allow: managers, expect: seeButNotManage },
  { route: 'GET /api/consultations/:id/log/sealed', call: (t) => req(`/api/consultations/${closedId}/log/sealed`, t), allow: verifiers, expect: notVerifier },
  { route: 'GET /api/consultations/:id/recount', call: (t) => req(`/api/consultations/${closedId}/recount`, t), allow: verifiers, expect: notVerifier },
  // Last (it flags the resident's ballots on d[0]): each manager resolves a fresh disputed ballot — the resident votes
  // again and the dwelling's owner disputes it ("不是我"), as answering an owner alert does.
  {
    route: 'POST /api/consultations/:id/disputed-ballots/:seq/resolve',
    setup: async (actor) => {
      if (!managers.includes(actor)) return 999;
      await cast(s, who.resident.token, openId, d[0], yes());
      await flagDisputedBallots({ actorId: who.resident.id, dwellingId: d[0], disputeRef: `authz:${actor}`, disputedBy: new Types.ObjectId().toHexString() });
      return Math.max(...(await listDisputedBallots(openId)).map((f) => f.seq));
    },
    call: (t, seq) => req(`/api/consultations/${openId}/disputed-ballots/${seq}/resolve`, t, 'POST', { decision: 'uphold', reason: '业主申诉不是本人' }),
    allow: managers,
    expect: seeButNotManage,
  },
];

it('every consultations route is in the matrix', async () => {
  const openapi = (await s.api('/api/openapi.json')).body;
  expect(uncoveredRoutes(openapi, ['consultations'], CASES)).toEqual([]);
});

it('each actor gets exactly the expected status on every route', async () => {
  const r = await runAuthzMatrix(actors, CASES);
  if (r.mismatches.length) process.stdout.write(`${r.table}\n`);
  expect(r.mismatches).toEqual([]);
}, 120_000);
