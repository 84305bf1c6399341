// Least disclosure (issue 12): every route of the OpenAPI document, walked as people who are NOT an owner of the
// seeded dwellings, must never answer with the owners' names or phone digits. Staff see masked names by default;
// full values of one owner come only from the audited, rate-limited reveal.
import { startTestServer, type TestServer } from '../support/server';
import { startFakeWechat, type FakeWechat } from '../support/fakeWechat';
import { agreePrivacy, bindOwnerByPhone, createUser, findDwelling, seedAreaTree, T, wechatEnvOf, wechatLogin } from '../support/identity';
import { fakePhone, importFile, row, toXlsx } from '../support/rosterFiles';
import { AuditLog } from '../../server/src/identity/audit';
import type { Json } from '../support/json';

let s: TestServer;
let wx: FakeWechat;
const OWNERS = [
  { room: '101', name: '旺久顿珠', phone: fakePhone(8101) },
  { room: '102', name: '索朗卓嘎', phone: fakePhone(8102) },
];
const ids: Record<string, string> = {};
const actors: Record<string, string> = {};
let committeeToken = '';
let entranceCode = '';

async function resident(openid: string) {
  const t = await wechatLogin(s, wx, openid);
  await agreePrivacy(s, t.accessToken);
  return { id: t.user.id, token: t.accessToken };
}

beforeAll(async () => {
  wx = await startFakeWechat();
  s = await startTestServer({ DB_PREFIX: 'id_disclosure', JOBS: 'false', ...wechatEnvOf(wx) });
  await seedAreaTree();
  const street = await createUser({ name: '街道', grants: [{ role: 'street_staff', scope: T.street }] });
  const reviewer = await createUser({ name: '审核人', grants: [{ role: 'community_worker', scope: T.community }] });
  const committee = await createUser({ name: '业委会', grants: [{ role: 'committee', scope: T.complex }] });
  committeeToken = committee.token;
  const rows = OWNERS.map((o) => row({ 楼栋: '1', 单元: '1', 房号: o.room, 楼层: 1, '专有面积(㎡)': 75.5, 业主姓名: o.name, 业主手机号: o.phone }));
  expect((await importFile(s, street.token, T.complex, await toXlsx(rows))).status).toBe(200);
  for (const o of OWNERS) {
    const d = await findDwelling(T.complex, '1', '1', o.room);
    ids[o.room] = String(d._id);
    entranceCode = d.entranceCode;
    await bindOwnerByPhone(s, wx, (await resident(`o-owner-${o.room}`)).token, ids[o.room], o.phone);
  }
  const tenant = await resident('o-tenant');
  const t = await s.api('/api/claims', { token: tenant.token, body: { dwellingId: ids['101'], relation: 'tenant' } });
  ids.tenantClaim = t.body.id;
  const rejected = await resident('o-rejected');
  const r = await s.api('/api/claims', {
    token: rejected.token,
    body: { dwellingId: ids['102'], relation: 'owner', ownerName: OWNERS[1].name, last4: OWNERS[1].phone.slice(-4) },
  });
  ids.rejectedClaim = r.body.id;
  expect((await s.api(`/api/claims/${r.body.id}/decision`, { token: reviewer.token, body: { approve: false, reason: '请到社区核实' } })).status).toBe(200);
  Object.assign(actors, {
    tenantPending: tenant.token,
    rejectedClaimant: rejected.token,
    plainUser: (await resident('o-plain')).token,
    committee: committee.token,
  });
});
afterAll(async () => {
  await s?.stop();
  await wx?.stop();
});

/** What a response must not contain for this actor: names (masked too unless staff), phone digits in any form. */
function leaksIn(text: string, staff: boolean): string[] {
  const bad = OWNERS.flatMap((o) => [o.name, o.phone, `****${o.phone.slice(-4)}`, ...(staff ? [] : [`${o.name[0]}***`])]);
  return bad.filter((b) => text.includes(b));
}

const CANDIDATES = (): Record<string, string[]> => ({
  complexCode: [T.complex],
  code: [T.complex, entranceCode],
  id: [ids['101'], ids.rejectedClaim],
  index: ['0'],
});

it("no route answers a non-owner with the owners' names or phone digits", async () => {
  const doc = (await s.api('/api/openapi.json')).body;
  const found: string[] = [];
  let calls = 0;
  let answered = 0;
  for (const [p, ops] of Object.entries<Record<string, unknown>>(doc.paths)) {
    if (p.startsWith('/api/test/')) continue;
    for (const method of Object.keys(ops).filter((m) => m === 'get' || m === 'post')) {
      // Every combination of candidate values for the path's parameters (unknown ones get a harmless placeholder).
      let paths = [p];
      for (const name of [...p.matchAll(/\{(\w+)\}/g)].map((m) => m[1])) {
        const values = CANDIDATES()[name] ?? ['1'];
        paths = paths.flatMap((x) => values.map((v) => x.replace(`{${name}}`, encodeURIComponent(v))));
      }
      for (const url of paths)
        for (const [actor, token] of Object.entries(actors)) {
          const r = await s.api(url, { method: method.toUpperCase(), token, ...(method === 'post' ? { body: {} } : {}) });
          calls++;
          if (r.status < 300) answered++;
          const leaks = leaksIn(typeof r.body === 'string' ? r.body : JSON.stringify(r.body ?? ''), actor === 'committee');
          if (leaks.length) found.push(`${method.toUpperCase()} ${url} as ${actor}: ${leaks.join(', ')}`);
        }
    }
  }
  expect(calls).toBeGreaterThan(200);
  expect(answered).toBeGreaterThan(60); // the walk reached real data, not only refusals
  expect(found).toEqual([]);
}, 120_000);

it("staff see masked names by default; one owner's full values are an explicit, audited, rate-limited reveal", async () => {
  const roster = await s.api(`/api/roster/${T.complex}/dwellings`, { token: committeeToken });
  expect(roster.body.items.map((d: Json) => d.owners[0].name).sort()).toEqual(['旺***', '索***']);
  const url = `/api/roster/dwellings/${ids['101']}/owners/0/reveal`;
  expect((await s.api(url, { token: committeeToken, body: {} })).status).toBe(400); // a reason is required
  const r = await s.api(url, { token: committeeToken, body: { reason: '核对认领申请' } });
  expect(r.status).toBe(200);
  expect(r.body).toEqual({ name: OWNERS[0].name, phoneMasked: `${OWNERS[0].phone.slice(0, 3)}****${OWNERS[0].phone.slice(-4)}`, idMasked: null });
  expect(await AuditLog.findOne({ action: 'roster.reveal', targetId: ids['101'], reason: '核对认领申请' }).lean()).toBeTruthy();
  expect((await s.api(url, { token: actors.plainUser, body: { reason: '好奇' } })).status).toBe(404);
  const statuses: number[] = [];
  for (let i = 0; i < 20; i++) statuses.push((await s.api(url, { token: committeeToken, body: { reason: `核对 ${i}` } })).status);
  expect(statuses.filter((x) => x === 429).length).toBeGreaterThan(0); // 20 an hour per staff member
});
