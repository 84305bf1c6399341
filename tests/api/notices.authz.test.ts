// Who may do what with a notice addressed to complex X. Deny by default; 404 where the caller may not know it exists.
import { startTestServer, type TestServer } from '../support/server';
import { startFakeWechat, type FakeWechat } from '../support/fakeWechat';
import { makePerson, PNG_BYTES, seedAreasAndDwellings, upload, wechatEnv, type Person } from '../support/notices';

let s: TestServer;
let wx: FakeWechat;
type Actor = 'anon' | 'resident' | 'outsider' | 'committeeX' | 'committeeY' | 'community' | 'street' | 'county' | 'admin';
const who = {} as Record<Exclude<Actor, 'anon'>, Person>;
let noticeId: string;

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
  who.admin = await makePerson({ name: 'ad', grants: [{ role: 'admin', scope: 'R' }] });
  const r = await s.api('/api/notices', { token: who.committeeX.token, body: { kind: 'plan_publicity', audience: { type: 'area', code: 'X' }, title: '公示', body: '<p>内容</p>' } });
  expect(r.status).toBe(201);
  noticeId = r.body.id;
});
afterAll(async () => { await s.stop(); await wx.stop(); });

const call = (actor: Actor, method: string, path: string, body?: unknown) =>
  s.api(path, { method, body, token: actor === 'anon' ? undefined : who[actor].token });

type Row = [string, string, (() => string), unknown, Partial<Record<Actor, number>>];
const n = () => `/api/notices/${noticeId}`;
const MATRIX: Row[] = [
  ['GET', 'detail', n, undefined, { anon: 401, resident: 200, outsider: 404, committeeX: 200, committeeY: 404, community: 200, street: 200, county: 200, admin: 404 }],
  ['GET', 'versions', () => `${n()}/versions`, undefined, { anon: 401, resident: 200, outsider: 404, committeeY: 404, county: 200 }],
  ['GET', 'stats', () => `${n()}/stats`, undefined, { anon: 401, resident: 403, outsider: 404, committeeX: 200, committeeY: 404, community: 200, street: 200, county: 403, admin: 404 }],
  ['GET', 'unread', () => `${n()}/unread`, undefined, { anon: 401, resident: 403, outsider: 404, committeeX: 200, committeeY: 404, county: 403 }],
  ['POST', 'read', () => `${n()}/read`, undefined, { anon: 401, resident: 200, outsider: 404, committeeY: 404, street: 200 }],
  ['GET', 'objections', () => `${n()}/objections`, undefined, { anon: 401, resident: 200, outsider: 404, committeeY: 404, street: 200 }],
  ['POST', 'object', () => `${n()}/objections`, { text: '意见' }, { anon: 401, outsider: 404, committeeX: 403, committeeY: 404, street: 403, county: 403, resident: 201 }],
  ['POST', 'amend', () => `${n()}/amendments`, { reason: '更正', title: '公示（更正）' }, { anon: 401, resident: 403, outsider: 404, committeeY: 404, county: 403, admin: 404, community: 201 }],
  ['POST', 'remind', () => `${n()}/reminders`, undefined, { anon: 401, resident: 403, outsider: 404, committeeY: 404, county: 403, street: 202 }],
  ['POST', 'create in X', () => '/api/notices', { kind: 'general', audience: { type: 'area', code: 'X' }, title: '通知', body: '正文' },
    { anon: 401, resident: 403, outsider: 403, committeeY: 403, county: 403, admin: 403, committeeX: 201, community: 201, street: 201 }],
  ['POST', 'create in S1', () => '/api/notices', { kind: 'general', audience: { type: 'area', code: 'S1' }, title: '通知', body: '正文' },
    { committeeX: 403, community: 403, street: 201 }],
  ['PUT', 'settings', () => '/api/notices/settings', { planPublicityMinDays: 7, defaultDisplayDays: 7 }, { anon: 401, resident: 403, street: 403, admin: 200 }],
  ['POST', 'withdraw', () => `${n()}/withdrawal`, { reason: '撤回' }, { anon: 401, resident: 403, outsider: 404, committeeY: 404, county: 403, committeeX: 200 }],
];

describe('notice authorization matrix', () => {
  for (const [method, name, path, body, expected] of MATRIX) {
    it(`${method} ${name}`, async () => {
      const got: Partial<Record<Actor, number>> = {};
      // Denials first, so a state-changing success (withdraw, amend) comes last.
      const order = (Object.keys(expected) as Actor[]).sort((a, b) => Number(expected[a]! < 300) - Number(expected[b]! < 300));
      for (const actor of order) got[actor] = (await call(actor, method, path(), body)).status;
      expect(got).toEqual(expected);
    });
  }

  it('an unknown notice is the same 404 for everyone', async () => {
    const r = await call('street', 'GET', '/api/notices/0123456789abcdef01234567');
    expect(r.body.error).toMatchObject({ code: 'NOTICE_NOT_FOUND' });
    expect((await call('outsider', 'GET', n())).body.error).toEqual(r.body.error);
  });

  it('only publishers upload attachments; only audience residents upload objection photos', async () => {
    const png = { bytes: PNG_BYTES, name: 'a.png', type: 'image/png' };
    expect((await upload(s, '/api/notices/attachments', who.resident.token, png)).status).toBe(403);
    expect((await upload(s, '/api/notices/attachments', who.committeeX.token, png)).status).toBe(201);
    const other = await s.api('/api/notices', { token: who.street.token, body: { kind: 'plan_publicity', audience: { type: 'area', code: 'X' }, title: '公示二', body: '正文' } });
    expect((await upload(s, `/api/notices/${other.body.id}/objection-photos`, who.street.token, png)).status).toBe(403);
    expect((await upload(s, `/api/notices/${other.body.id}/objection-photos`, who.outsider.token, png)).status).toBe(404);
    expect((await upload(s, `/api/notices/${other.body.id}/objection-photos`, who.resident.token, png)).status).toBe(201);
  });

  it('socket.io area rooms: own dwellings\' areas and areas inside a grant; nothing else', async () => {
    const { mayJoin } = await import('../../server/src/platform/realtime');
    const u = (p: Person, grants: any[] = []) => ({ id: p.id, grants });
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
