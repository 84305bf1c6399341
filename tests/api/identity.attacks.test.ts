// Issue 12: the three ways one person could vote for homes that are not theirs, replayed through the HTTP API as an
// attacker would (tokens only). Each must fail, leave nothing bound, and the real owner must be told.
import { startTestServer, type TestServer } from '../support/server';
import { startFakeWechat, type FakeWechat } from '../support/fakeWechat';
import { agreePrivacy, bindOwnerByPhone, createUser, findDwelling, seedAreaTree, T, wechatEnvOf, wechatLogin, type TestUser } from '../support/identity';
import { fakePhone, importFile, PNG_1PX, postFile, row, toXlsx } from '../support/rosterFiles';
import type { Json } from '../support/json';

let s: TestServer;
let wx: FakeWechat;
let admin: TestUser;
const ids: Record<string, string> = {};
const OWNERS = {
  '101': { name: '扎西次仁', phone: fakePhone(7101) },
  '102': { name: '卓玛', phone: fakePhone(7102) },
  '201': { name: '次仁央宗', phone: fakePhone(7201) },
};
const owner: Record<string, { id: string; token: string }> = {};

async function resident(openid: string) {
  const t = await wechatLogin(s, wx, openid);
  await agreePrivacy(s, t.accessToken);
  return { id: t.user.id, token: t.accessToken };
}
async function committeeMember(openid: string) {
  const u = await resident(openid);
  expect((await s.api('/api/grants', { token: admin.token, body: { userId: u.id, role: 'committee', scope: T.complex } })).status).toBe(201);
  return u;
}
// Everything below goes through the HTTP API only, as a client of a running server would (no database reads).
const activeOn = async (dwellingId: string) =>
  (await s.api(`/api/roster/${T.complex}/dwellings`, { token: admin.token })).body.items.find((d: Json) => d.dwellingId === dwellingId)
    .activeBindings as number;
const proxyStatus = async (id: string) =>
  (await s.api(`/api/complexes/${T.complex}/proxies`, { token: admin.token })).body.items.find((p: Json) => p.id === id).status as string;
/** Everything the attacker could learn the auto-bind secret from. */
function expectNoOwnerSecrets(body: unknown) {
  const text = JSON.stringify(body);
  for (const o of Object.values(OWNERS)) {
    expect(text).not.toContain(o.name);
    expect(text).not.toContain(o.name[0] + '*');
    expect(text).not.toContain(o.phone.slice(-4));
  }
}

beforeAll(async () => {
  wx = await startFakeWechat();
  s = await startTestServer({ DB_PREFIX: 'id_attacks', JOBS: 'false', ...wechatEnvOf(wx) });
  await seedAreaTree();
  admin = await createUser({ name: '管理员', grants: [{ role: 'admin', scope: 'root' }] });
  const street = await createUser({ name: '街道', grants: [{ role: 'street_staff', scope: T.street }] });
  const rows = Object.entries(OWNERS).map(([room, o]) =>
    row({ 楼栋: '1', 单元: '1', 房号: room, 楼层: Number(room[0]), '专有面积(㎡)': 80, 业主姓名: o.name, 业主手机号: o.phone }),
  );
  expect((await importFile(s, street.token, T.complex, await toXlsx(rows))).status).toBe(200);
  for (const room of Object.keys(OWNERS)) ids[room] = String((await findDwelling(T.complex, '1', '1', room))._id);
  for (const room of ['101', '102']) {
    owner[room] = await resident(`o-owner-${room}`);
    await bindOwnerByPhone(s, wx, owner[room].token, ids[room], OWNERS[room as '101'].phone);
  }
});
afterAll(async () => {
  await s?.stop();
  await wx?.stop();
});

it('attack 1: a pending tenant claim reveals nothing, and name + last 4 no longer binds anyone', async () => {
  const attacker = await resident('o-attacker-1');
  const tenant = await s.api('/api/claims', { token: attacker.token, body: { dwellingId: ids['101'], relation: 'tenant' } });
  expect(tenant.status).toBe(201);
  expect(tenant.body).toEqual(expect.objectContaining({ status: 'pending', reviewReason: 'non_owner' }));
  const me = await s.api('/api/me', { token: attacker.token });
  expect(me.body.bindings[0].dwelling).toEqual(expect.objectContaining({ room: '101', owners: [] }));
  expectNoOwnerSecrets(me.body);
  const withdrawn = await s.api(`/api/bindings/${tenant.body.id}/revoke`, { token: attacker.token, body: { reason: '不租了' } });
  expect(withdrawn.status).toBe(200);
  expectNoOwnerSecrets(withdrawn.body);

  // Even knowing the secret (here: the roster's own values), the claim only waits for review.
  const guess = await s.api('/api/claims', {
    token: attacker.token,
    body: { dwellingId: ids['101'], relation: 'owner', ownerName: OWNERS['101'].name, last4: OWNERS['101'].phone.slice(-4) },
  });
  expect(guess.status).toBe(201);
  expect(guess.body).toEqual(expect.objectContaining({ status: 'pending', strength: null, reviewReason: 'owner_review' }));
  expect(await activeOn(ids['101'])).toBe(1); // the real owner only
  const after = await s.api('/api/me', { token: attacker.token });
  expect(after.body.bindings.map((b: Json) => b.status)).toEqual(['pending']);
  expectNoOwnerSecrets(after.body);
});

it('attack 2: a committee member sees no auto-bind secret and cannot approve their own owner claim', async () => {
  const member = await committeeMember('o-committee-2');
  const roster = await s.api(`/api/roster/${T.complex}/dwellings`, { token: member.token });
  expect(roster.status).toBe(200);
  const r201 = roster.body.items.find((d: Json) => d.room === '201');
  expect(r201.owners).toEqual([{ index: 0, name: '次***', phoneMasked: null, idMasked: null, hasPhone: true, hasId: false }]);
  expect(JSON.stringify(roster.body)).not.toContain(OWNERS['201'].phone.slice(-4));

  const claim = await s.api('/api/claims', {
    token: member.token,
    body: { dwellingId: ids['201'], relation: 'owner', ownerName: OWNERS['201'].name, last4: OWNERS['201'].phone.slice(-4) },
  });
  expect(claim.body.status).toBe('pending');
  const self = await s.api(`/api/claims/${claim.body.id}/decision`, { token: member.token, body: { approve: true } });
  expect(self.status).toBe(403);
  expect(self.body.error.code).toBe('DECISION_SELF');
  expect(await activeOn(ids['201'])).toBe(0);
});

it('attack 3: a committee member who registers a proxy cannot approve it; the owner is told and "this wasn\'t me" suspends it', async () => {
  const member = await committeeMember('o-committee-3');
  const accomplice = await resident('o-accomplice-3');
  const reg = await postFile(s, '/api/proxies', {
    token: member.token,
    fields: { dwellingId: ids['102'], proxyUserId: accomplice.id },
    file: { bytes: PNG_1PX, name: '委托书.png' },
  });
  expect(reg.status).toBe(201);
  const self = await s.api(`/api/proxies/${reg.body.id}/decision`, { token: member.token, body: { approve: true } });
  expect(self.status).toBe(403);
  expect(self.body.error.code).toBe('DECISION_REGISTRANT');
  expect(await proxyStatus(reg.body.id)).toBe('pending');

  const me = await s.api('/api/me', { token: owner['102'].token });
  expect(me.body.alerts.open).toBe(1);
  const alerts = await s.api('/api/me/alerts', { token: owner['102'].token });
  expect(alerts.body.items).toEqual([
    expect.objectContaining({ kind: 'proxy', status: 'open', subjectRelation: 'proxy', dwelling: expect.objectContaining({ room: '102' }) }),
  ]);
  const dispute = await s.api(`/api/alerts/${alerts.body.items[0].id}/dispute`, { token: owner['102'].token, body: {} });
  expect(dispute.status).toBe(200);
  expect(dispute.body.status).toBe('disputed');
  expect(await proxyStatus(reg.body.id)).toBe('suspended');
  // A second staff member can no longer approve it either.
  const other = await committeeMember('o-committee-3b');
  expect((await s.api(`/api/proxies/${reg.body.id}/decision`, { token: other.token, body: { approve: true } })).status).toBe(409);
  expect((await s.api('/api/me', { token: accomplice.token })).body.proxies).toEqual([expect.objectContaining({ status: 'suspended' })]);
});
