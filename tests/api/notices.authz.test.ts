// Every notices route × every actor, for notices addressed to complex X. Deny by default; 404 where the caller
// may not know the notice exists (outside its audience and scope), 403 where they may see it but not do this.
import { startTestServer, type TestServer } from '../support/server';
import { startFakeWechat, type FakeWechat } from '../support/fakeWechat';
import { makePerson, PNG_BYTES, seedAreasAndDwellings, upload, wechatEnv, type Person } from '../support/notices';
import { runAuthzMatrix, uncoveredRoutes, type AuthzCase, type Token } from '../support/authzMatrix';
import { NoticeObjection } from '../../server/src/notices/records';
import type { Json } from '../support/json';

let s: TestServer;
let wx: FakeWechat;
const who = {} as Record<'resident' | 'outsider' | 'committeeX' | 'committeeY' | 'community' | 'street' | 'county' | 'admin', Person>;
let actors: Record<string, Token>;

beforeAll(async () => {
  wx = await startFakeWechat();
  s = await startTestServer({ DB_PREFIX: 'notices_authz', ...wechatEnv(wx) });
  const d = await seedAreasAndDwellings();
  who.resident = await makePerson({ name: 'res', dwellings: [d.x101] });
  who.outsider = await makePerson({ name: 'out', dwellings: [d.y101] });
  who.committeeX = await makePerson({ name: 'cx', grants: [{ role: 'committee', scope: 'X' }] });
  who.committeeY = await makePerson({ name: 'cy', grants: [{ role: 'committee', scope: 'Y' }] });
  who.community = await makePerson({ name: 'cw', grants: [{ role: 'community_worker', scope: 'C1' }] });
  who.street = await makePerson({ name: 'st', grants: [{ role: 'street_staff', scope: 'S1' }] });
  who.county = await makePerson({ name: 'co', grants: [{ role: 'county_official', scope: 'K1' }] });
  who.admin = await makePerson({ name: 'ad', grants: [{ role: 'admin', scope: 'root' }] });
  actors = { anon: undefined, ...Object.fromEntries(Object.entries(who).map(([k, p]) => [k, p.token])) };
});
afterAll(async () => {
  await s.stop();
  await wx.stop();
});

const req = (path: string, token: Token, method = 'GET', body?: unknown) => s.api(path, { method, body, token });
async function freshNotice(): Promise<string> {
  const r = await s.api('/api/notices', {
    token: who.committeeX.token,
    body: { kind: 'plan_publicity', audience: { type: 'area', code: 'X' }, title: '公示', body: '<p>内容</p>' },
  });
  if (r.status !== 201) throw new Error(`create failed ${r.status}`);
  return r.body.id;
}
async function freshObjection() {
  const id = await freshNotice();
  const o = await NoticeObjection.create({ noticeId: id, userId: who.resident.id, text: '意见', status: 'open' });
  return { id, oid: String(o._id) };
}
const png = { bytes: PNG_BYTES, name: 'a.png', type: 'image/png' };

// Seeing a notice of X: its audience, publishers whose scope covers X, officials above. Managing it: publishers only.
const viewers = ['resident', 'committeeX', 'community', 'street', 'county'];
const managers = ['committeeX', 'community', 'street'];
const hidden = { outsider: 404, committeeY: 404, admin: 404 };
const seeButNotManage = { resident: 403, county: 403, ...hidden };

const CASES: AuthzCase[] = [
  { route: 'GET /api/notices', call: (t) => req('/api/notices', t), allow: 'authenticated' },
  { route: 'GET /api/notices/managed', call: (t) => req('/api/notices/managed', t), allow: 'authenticated' },
  { route: 'GET /api/notices/rooms', call: (t) => req('/api/notices/rooms', t), allow: 'authenticated' },
  { route: 'GET /api/notices/settings', call: (t) => req('/api/notices/settings', t), allow: 'authenticated' },
  {
    route: 'PUT /api/notices/settings',
    call: (t) => req('/api/notices/settings', t, 'PUT', { planPublicityMinDays: 7, defaultDisplayDays: 7 }),
    allow: ['admin'],
  },
  { route: 'POST /api/notices/attachments', call: (t) => upload(s, '/api/notices/attachments', t ?? '', png), allow: [...managers, 'committeeY'] }, // any publisher
  {
    route: 'POST /api/notices',
    label: 'to complex X',
    call: (t) => req('/api/notices', t, 'POST', { kind: 'general', audience: { type: 'area', code: 'X' }, title: '通知', body: '正文' }),
    allow: managers,
  },
  {
    route: 'POST /api/notices',
    label: 'to street S1',
    call: (t) => req('/api/notices', t, 'POST', { kind: 'general', audience: { type: 'area', code: 'S1' }, title: '通知', body: '正文' }),
    allow: ['street'],
  },
  { route: 'GET /api/notices/:id', call: (t) => req(`/api/notices/${shared}`, t), allow: viewers, deny: 404 },
  { route: 'GET /api/notices/:id/versions', call: (t) => req(`/api/notices/${shared}/versions`, t), allow: viewers, deny: 404 },
  { route: 'POST /api/notices/:id/read', call: (t) => req(`/api/notices/${shared}/read`, t, 'POST'), allow: viewers, deny: 404 },
  { route: 'GET /api/notices/:id/objections', call: (t) => req(`/api/notices/${shared}/objections`, t), allow: viewers, deny: 404 },
  { route: 'GET /api/notices/:id/stats', call: (t) => req(`/api/notices/${shared}/stats`, t), allow: managers, expect: seeButNotManage },
  { route: 'GET /api/notices/:id/unread', call: (t) => req(`/api/notices/${shared}/unread`, t), allow: managers, expect: seeButNotManage },
  { route: 'GET /api/notices/:id/deliveries', call: (t) => req(`/api/notices/${shared}/deliveries`, t), allow: managers, expect: seeButNotManage },
  {
    route: 'POST /api/notices/:id/amendments',
    setup: freshNotice,
    call: (t, id) => req(`/api/notices/${id}/amendments`, t, 'POST', { reason: '更正', title: '公示（更正）' }),
    allow: managers,
    expect: seeButNotManage,
  },
  {
    route: 'POST /api/notices/:id/withdrawal',
    setup: freshNotice,
    call: (t, id) => req(`/api/notices/${id}/withdrawal`, t, 'POST', { reason: '撤回' }),
    allow: managers,
    expect: seeButNotManage,
  },
  {
    route: 'POST /api/notices/:id/reminders',
    setup: freshNotice,
    call: (t, id) => req(`/api/notices/${id}/reminders`, t, 'POST'),
    allow: managers,
    expect: seeButNotManage,
  },
  // Only residents in the audience object; staff who can see it get 403, everyone else 404.
  {
    route: 'POST /api/notices/:id/objections',
    setup: freshNotice,
    call: (t, id) => req(`/api/notices/${id}/objections`, t, 'POST', { text: '意见' }),
    allow: ['resident'],
    expect: { committeeX: 403, community: 403, street: 403, county: 403, ...hidden },
  },
  {
    route: 'POST /api/notices/:id/objection-photos',
    call: (t) => upload(s, `/api/notices/${shared}/objection-photos`, t ?? '', png),
    allow: ['resident'],
    expect: { committeeX: 403, community: 403, street: 403, county: 403, ...hidden },
  },
  // An objection: its author and the notice's managers see it; the others who see the notice get its 404.
  {
    route: 'POST /api/notices/:id/objections/:objectionId/response',
    setup: freshObjection,
    call: (t, c) => req(`/api/notices/${c.id}/objections/${c.oid}/response`, t, 'POST', { text: '答复' }),
    allow: managers,
    expect: { resident: 403, county: 404, ...hidden },
  },
  {
    route: 'POST /api/notices/:id/objections/:objectionId/close',
    setup: freshObjection,
    call: (t, c) => req(`/api/notices/${c.id}/objections/${c.oid}/close`, t, 'POST'),
    allow: [...managers, 'resident'],
    expect: { county: 404, ...hidden },
  },
];
let shared = '';

describe('notice authorization matrix', () => {
  it('every route × every actor gets exactly the expected status', async () => {
    shared = await freshNotice();
    const result = await runAuthzMatrix(actors, CASES);
    if (result.mismatches.length) console.log(result.table);
    expect(result.mismatches).toEqual([]);
  });

  it('covers every notices route', async () => {
    const doc = (await s.api('/api/openapi.json')).body;
    expect(uncoveredRoutes(doc, ['notices'], CASES)).toEqual([]);
  });

  it('an unknown notice is the same 404 as one outside your scope', async () => {
    const r = await req('/api/notices/0123456789abcdef01234567', who.street.token);
    expect(r.body.error).toMatchObject({ code: 'NOTICE_NOT_FOUND' });
    expect((await req(`/api/notices/${shared}`, who.outsider.token)).body.error).toEqual(r.body.error);
  });

  it("socket.io area rooms: own dwellings' areas and areas inside a grant; nothing else", async () => {
    const { mayJoin } = await import('../../server/src/platform/realtime');
    const u = (p: Person, grants: Json[] = []) => ({ id: p.id, grants });
    expect(await mayJoin(u(who.resident), 'area:XB1U1')).toBe(true);
    expect(await mayJoin(u(who.resident), 'area:S1')).toBe(true);
    expect(await mayJoin(u(who.resident), 'area:XB2')).toBe(false);
    expect(await mayJoin(u(who.resident), 'area:Y')).toBe(false);
    expect(await mayJoin(u(who.committeeX, [{ role: 'committee', scope: 'X' }]), 'area:XB2')).toBe(true);
    expect(await mayJoin(u(who.committeeX, [{ role: 'committee', scope: 'X' }]), 'area:Y')).toBe(false);
    expect(await mayJoin(u(who.street, [{ role: 'street_staff', scope: 'S1' }]), 'area:YB1U1')).toBe(true);
    expect(await mayJoin(u(who.street, [{ role: 'street_staff', scope: 'S1' }]), 'area:NOPE')).toBe(false);
  });
});
