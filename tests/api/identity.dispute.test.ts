// Issue 12, "the owner is told": a new binding on a home that already has an active owner reaches that owner in the
// app, over socket.io and as a WeChat subscribe message; one tap on "this wasn't me" suspends it at once, and the
// ballots it cast in a vote still open are flagged for the committee.
import { startTestServer, type TestServer } from '../support/server';
import { startFakeWechat, type FakeWechat } from '../support/fakeWechat';
import { agreePrivacy, bindOwnerByPhone, createUser, findDwelling, phoneClaim, seedAreaTree, T, wechatEnvOf, wechatLogin } from '../support/identity';
import { fakePhone, importFile, row, toXlsx } from '../support/rosterFiles';
import { cast, openVote, shortLeadTime, socketClient, waitFor, yes } from '../support/consultations';
import { listDisputedBallots } from '../../server/src/consultations/disputedBallots';
import { AuditLog } from '../../server/src/identity/audit';
import { votingDwellings } from '../../server/src/roster/queries';
import type { Json } from '../support/json';

let s: TestServer;
let wx: FakeWechat;
const PHONES = [fakePhone(9101), fakePhone(9102)];

async function resident(openid: string, subscribe = false) {
  const t = await wechatLogin(s, wx, openid);
  await agreePrivacy(s, t.accessToken);
  if (subscribe) await s.api('/api/me', { method: 'PATCH', token: t.accessToken, body: { subscribeNotices: true } });
  return { id: t.user.id, token: t.accessToken, openid };
}

beforeAll(async () => {
  wx = await startFakeWechat();
  s = await startTestServer({ DB_PREFIX: 'id_dispute', ...wechatEnvOf(wx) });
});
afterAll(async () => {
  await s?.stop();
  await wx?.stop();
});

it('an owner is told of a new co-owner, says "this wasn\'t me", and the binding stops voting with its ballot flagged', async () => {
  await seedAreaTree();
  const admin = await createUser({ name: '管理员', grants: [{ role: 'admin', scope: 'root' }] });
  await shortLeadTime(s, admin.token);
  const committee = await createUser({ name: '业委会', grants: [{ role: 'committee', scope: T.complex }] });
  const rows = [row({ 楼栋: '1', 单元: '1', 房号: '101', 楼层: 1, '专有面积(㎡)': 90, 业主姓名: '多吉、白玛', 业主手机号: PHONES.join('、') })];
  expect((await importFile(s, admin.token, T.complex, await toXlsx(rows))).status).toBe(200);
  const d = await findDwelling(T.complex, '1', '1', '101');
  const dwellingId = String(d._id);
  const owner = await resident('o-dorje', true);
  await bindOwnerByPhone(s, wx, owner.token, dwellingId, PHONES[0]);
  const vote = await openVote(s, committee.token, {
    kind: 'whether',
    title: '是否改造',
    complexCode: T.complex,
    electorate: { level: 'entrance', entranceCode: d.entranceCode },
  });

  // Someone else verifies the co-owner's phone (a SIM in the wrong hands): bound at once, and the owner is told.
  const sock = await socketClient(s, owner.token);
  const pushed = new Promise<Json>((resolve) => sock.on('identity.alert', resolve));
  const intruder = await resident('o-intruder');
  const bound = await phoneClaim(s, wx, intruder.token, dwellingId, PHONES[1]);
  expect(bound.body).toEqual(expect.objectContaining({ status: 'active', strength: 'verified_phone' }));
  expect(await pushed).toEqual(expect.objectContaining({ kind: 'owner_binding' }));
  sock.close();
  const alerts = (await s.api('/api/me/alerts', { token: owner.token })).body.items;
  expect(alerts).toEqual([
    expect.objectContaining({ kind: 'owner_binding', status: 'open', subjectRelation: 'owner', dwelling: expect.objectContaining({ room: '101' }) }),
  ]);
  expect(alerts[0].subjectName).not.toContain('o-intruder');
  const msg = await waitFor(
    async () => wx.sent.find((m) => m.touser === owner.openid && m.page?.startsWith('pages/resident/alerts/')),
    'the subscribe message',
  );
  expect(msg.page).toBe(`pages/resident/alerts/index?id=${alerts[0].id}`);
  expect((await s.api('/api/me/alerts', { token: intruder.token })).body.items).toEqual([]); // the alert is the owner's alone
  expect((await s.api(`/api/alerts/${alerts[0].id}/dispute`, { token: intruder.token, body: {} })).status).toBe(404);

  const ballot = await cast(s, intruder.token, vote, dwellingId, yes());
  expect(ballot.status).toBe(201);

  const dispute = await s.api(`/api/alerts/${alerts[0].id}/dispute`, { token: owner.token, body: { note: '我家没有这个人' } });
  expect(dispute.status).toBe(200);
  expect(dispute.body.status).toBe('disputed');
  expect((await s.api('/api/me', { token: owner.token })).body.alerts.open).toBe(0);
  const me = (await s.api('/api/me', { token: intruder.token })).body;
  expect(me.bindings).toEqual([expect.objectContaining({ status: 'suspended', relation: 'owner' })]);
  expect((await cast(s, intruder.token, vote, dwellingId, yes())).status).toBe(404); // no right to vote for it any more
  const flagged = await listDisputedBallots(vote);
  expect(flagged).toEqual([expect.objectContaining({ dwellingId, actorId: intruder.id, disputedBy: owner.id })]);
  expect(await AuditLog.findOne({ action: 'binding.dispute', targetId: bound.body.id, actorId: owner.id }).lean()).toBeTruthy();
  // Closed for good: a second tap changes nothing, and the suspended user cannot re-bind by phone.
  expect((await s.api(`/api/alerts/${alerts[0].id}/dispute`, { token: owner.token, body: {} })).body.error.code).toBe('ALERT_CLOSED');
  expect((await phoneClaim(s, wx, intruder.token, dwellingId, PHONES[1])).body.error.code).toBe('BINDING_SUSPENDED');
  // The owner keeps the right to vote for the home, and the flagged ballot does not block theirs (first_stands).
  expect(await votingDwellings(owner.id)).toEqual([{ dwellingId, via: 'owner' }]);
  expect((await cast(s, owner.token, vote, dwellingId, yes())).status).toBe(201);
  // The committee sees it on the vote's conflict list, to uphold or keep before the close (consultations.disputes.test.ts).
  const list = (await s.api(`/api/consultations/${vote}/conflicts`, { token: committee.token })).body;
  expect(list.disputed).toEqual([
    expect.objectContaining({ seq: ballot.body.seq, label: expect.stringMatching(/101/), reason: 'disputed binding/proxy', resolution: null }),
  ]);
  expect((await s.api(`/api/consultations/${vote}/close`, { token: committee.token, body: { reason: '提前结束测试' } })).body.error.code).toBe(
    'CONFLICTS_UNRESOLVED',
  );
});
