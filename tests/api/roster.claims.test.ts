// Claims (binding a resident to a dwelling), committee review, rate limits, proxies and who may vote for what.
import { ClaimList, MeResponse } from '@gongzhi/shared';
import { startTestServer, type TestServer } from '../support/server';
import { createUser, findDwelling, phoneClaim as phoneClaimOf, seedAreaTree, T, wechatEnvOf, type TestUser } from '../support/identity';
import { startFakeWechat, type FakeWechat } from '../support/fakeWechat';
import { fakeIdNumber, fakePhone, importFile, PNG_1PX, postFile, row, toXlsx } from '../support/rosterFiles';
import { memberDwellings, votingDwellings } from '../../server/src/roster/queries';
import { AuditLog } from '../../server/src/identity/audit';

let s: TestServer;
let wx: FakeWechat;
let street: TestUser;
let committee: TestUser;
const ids: Record<string, string> = {};
beforeAll(async () => {
  wx = await startFakeWechat();
  s = await startTestServer({ DB_PREFIX: 'roster_claims', JOBS: 'false', ...wechatEnvOf(wx) });
  await seedAreaTree();
  street = await createUser({ name: '街道', grants: [{ role: 'street_staff', scope: T.street }] });
  committee = await createUser({ name: '业委会', grants: [{ role: 'committee', scope: T.complex }] });
  const rows = [
    row({ 楼栋: '1', 单元: '1', 房号: '101', 楼层: 1, '专有面积(㎡)': 80, 业主姓名: '扎西 次仁', 业主手机号: fakePhone(1101) }),
    row({ 楼栋: '1', 单元: '1', 房号: '102', 楼层: 1, '专有面积(㎡)': 81, 业主姓名: '卓玛、次旦', 业主手机号: `${fakePhone(1102)}、${fakePhone(1103)}` }),
    row({ 楼栋: '1', 单元: '1', 房号: '201', 楼层: 2, '专有面积(㎡)': 82, 业主姓名: '拉姆', 证件号码: fakeIdNumber(1104) }),
    row({ 楼栋: '1', 单元: '1', 房号: '202', 楼层: 2, '专有面积(㎡)': 83, 业主姓名: '格桑', 业主手机号: fakePhone(1105) }),
    ...Array.from({ length: 12 }, (_, i) =>
      row({ 楼栋: '2', 单元: '1', 房号: `${i + 1}01`, 楼层: i + 1, '专有面积(㎡)': 70, 业主姓名: `业主${i}`, 业主手机号: fakePhone(1200 + i) }),
    ),
  ];
  expect((await importFile(s, street.token, T.complex, await toXlsx(rows))).status).toBe(200);
  for (const r of ['101', '102', '201', '202']) ids[r] = String((await findDwelling(T.complex, '1', '1', r))._id);
  for (let i = 0; i < 12; i++) ids[`b${i}`] = String((await findDwelling(T.complex, '2', '1', `${i + 1}01`))._id);
});
afterAll(async () => {
  await s.stop();
  await wx.stop();
});

const claim = (u: TestUser, body: Record<string, unknown>) => s.api('/api/claims', { token: u.token, body });
const phoneClaim = (u: TestUser, dwellingId: string, phone: string) => phoneClaimOf(s, wx, u.token, dwellingId, phone);

describe('claiming a dwelling', () => {
  it("a WeChat-verified phone equal to the roster owner's binds at once; the resident sees the dwelling label only", async () => {
    const u = await createUser({ name: '扎西' });
    const r = await phoneClaim(u, ids['101'], fakePhone(1101));
    expect(r.status).toBe(201);
    expect(r.body).toEqual(expect.objectContaining({ status: 'active', matched: true, strength: 'verified_phone', reviewReason: null }));
    const me = MeResponse.parse((await s.api('/api/me', { token: u.token })).body);
    expect(me.bindings).toHaveLength(1);
    expect(me.bindings[0]).toEqual(expect.objectContaining({ status: 'active', strength: 'verified_phone' }));
    expect(me.bindings[0].dwelling).toEqual(
      expect.objectContaining({ complexName: '幸福小区', buildingName: '1栋', entranceName: '1单元', room: '101', area: '80.00', owners: [] }),
    );
    expect(JSON.stringify(me)).not.toContain(fakePhone(1101).slice(-4));
    expect(await votingDwellings(u.id)).toEqual([{ dwellingId: ids['101'], via: 'owner' }]);
  });

  it('a co-owner binds by their own phone; name + last 4 of an ID number only goes to review, facts for the reviewer', async () => {
    const a = await createUser();
    expect((await phoneClaim(a, ids['102'], fakePhone(1103))).body.status).toBe('active');
    const b = await createUser();
    const r = await claim(b, { dwellingId: ids['201'], relation: 'owner', ownerName: '拉姆', last4: fakeIdNumber(1104).slice(-4) });
    expect(r.body).toEqual(expect.objectContaining({ status: 'pending', matched: false, strength: null, reviewReason: 'owner_review' }));
    expect(await votingDwellings(b.id)).toEqual([]);
    const list = ClaimList.parse((await s.api(`/api/complexes/${T.complex}/claims`, { token: committee.token })).body);
    expect(list.items.find((c) => c.id === r.body.id)!.facts).toEqual({ nameMatches: true, numberMatches: true, idMatches: false, phoneVerified: false });
    const full = await claim(await createUser(), { dwellingId: ids['201'], relation: 'owner', ownerName: '拉姆', idNumber: fakeIdNumber(1104) });
    expect(full.body).toEqual(expect.objectContaining({ status: 'pending', reviewReason: 'owner_review' }));
  });

  it('a phone that matches no owner of the dwelling is a 422 and binds nothing', async () => {
    const u = await createUser();
    const r = await phoneClaim(u, ids['202'], fakePhone(1101));
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe('PHONE_NOT_ON_ROSTER');
    expect((await s.api('/api/me', { token: u.token })).body.bindings).toEqual([]);
  });

  it('a mismatch waits for the committee; a rejection carries a reason the resident sees', async () => {
    const u = await createUser();
    const r = await claim(u, { dwellingId: ids['202'], relation: 'owner', ownerName: '格桑', last4: '0000' });
    expect(r.body).toEqual(expect.objectContaining({ status: 'pending', matched: false, reviewReason: 'owner_mismatch', message: '已提交，等待业委会审核' }));
    expect(await votingDwellings(u.id)).toEqual([]);
    const list = ClaimList.parse((await s.api(`/api/complexes/${T.complex}/claims`, { token: committee.token })).body);
    const mine = list.items.find((c) => c.id === r.body.id)!;
    expect(mine).toEqual(expect.objectContaining({ claimedName: '格桑', matched: false, status: 'pending' }));
    expect(mine.dwelling.owners).toEqual([{ index: 0, name: '格*', phoneMasked: null, idMasked: null, hasPhone: true, hasId: false }]);
    expect(mine.facts).toEqual({ nameMatches: true, numberMatches: false, idMatches: false, phoneVerified: false });
    const noReason = await s.api(`/api/claims/${r.body.id}/decision`, { token: committee.token, body: { approve: false } });
    expect(noReason.status).toBe(400);
    const rej = await s.api(`/api/claims/${r.body.id}/decision`, {
      token: committee.token,
      body: { approve: false, reason: '与名册不符，请携带房产证到业委会办理' },
    });
    expect(rej.status).toBe(200);
    expect(rej.body.status).toBe('rejected');
    const me = (await s.api('/api/me', { token: u.token })).body;
    expect(me.bindings[0]).toEqual(expect.objectContaining({ status: 'rejected', reason: '与名册不符，请携带房产证到业委会办理' }));
    const again = await s.api(`/api/claims/${r.body.id}/decision`, { token: committee.token, body: { approve: true } });
    expect(again.status).toBe(409);
    const audit = await AuditLog.findOne({ action: 'claim.reject', targetId: r.body.id }).lean();
    expect(audit).toEqual(expect.objectContaining({ actorId: committee.id, reason: '与名册不符，请携带房产证到业委会办理' }));
    // after a rejection the resident may claim again, and the committee may approve
    const retry = await claim(u, { dwellingId: ids['202'], relation: 'owner', ownerName: '格桑', last4: '1111' });
    expect(retry.body.status).toBe('pending');
    const ok = await s.api(`/api/claims/${retry.body.id}/decision`, { token: committee.token, body: { approve: true } });
    expect(ok.body).toEqual(expect.objectContaining({ status: 'active', strength: 'reviewed' }));
    expect(await votingDwellings(u.id)).toEqual([{ dwellingId: ids['202'], via: 'owner' }]);
  });

  it('a committee member cannot approve their own claim', async () => {
    const member = await createUser({ grants: [{ role: 'committee', scope: T.complex }] });
    const r = await claim(member, { dwellingId: ids.b9, relation: 'owner', ownerName: '冒认', last4: '0000' });
    expect(r.body.status).toBe('pending');
    const self = await s.api(`/api/claims/${r.body.id}/decision`, { token: member.token, body: { approve: true } });
    expect(self.status).toBe(403);
    expect(self.body.error.code).toBe('DECISION_SELF');
  });

  it('tenants and family members are members but never vote', async () => {
    const t = await createUser();
    const r = await claim(t, { dwellingId: ids.b0, relation: 'tenant', note: '租住三年' });
    expect(r.body.status).toBe('pending'); // even tenants wait for the committee
    await s.api(`/api/claims/${r.body.id}/decision`, { token: committee.token, body: { approve: true } });
    expect(await votingDwellings(t.id)).toEqual([]);
    expect(await memberDwellings(t.id)).toEqual([expect.objectContaining({ dwellingId: ids.b0, relation: 'tenant', complexCode: T.complex })]);
    const dup = await claim(t, { dwellingId: ids.b0, relation: 'tenant' });
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('ALREADY_BOUND');
  });

  it('an owner claim needs the owner name and last 4; privacy consent comes first', async () => {
    const u = await createUser();
    const r = await claim(u, { dwellingId: ids.b1, relation: 'owner' });
    expect(r.status).toBe(400);
    const noPrivacy = await createUser({ privacy: false });
    const p = await claim(noPrivacy, { dwellingId: ids.b1, relation: 'owner', ownerName: '业主1', last4: '1234' });
    expect(p.status).toBe(403);
    expect(p.body.error.code).toBe('PRIVACY_REQUIRED');
    const missing = await claim(u, { dwellingId: '0123456789abcdef01234567', relation: 'tenant' });
    expect(missing.status).toBe(404);
  });
});

describe('rate limits', () => {
  it('per user: the 6th claim in 10 minutes is 429 with Retry-After', async () => {
    const u = await createUser();
    for (let i = 2; i <= 6; i++) {
      const r = await claim(u, { dwellingId: ids[`b${i}`], relation: 'owner', ownerName: '猜', last4: '9999' });
      expect(r.status).toBe(201);
    }
    const r = await claim(u, { dwellingId: ids.b7, relation: 'owner', ownerName: '猜', last4: '9999' });
    expect(r.status).toBe(429);
    expect(r.body.error.code).toBe('RATE_LIMITED');
    expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('per dwelling: guesses by many accounts on one dwelling stop after 10 an hour', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      const u = await createUser();
      statuses.push((await claim(u, { dwellingId: ids.b11, relation: 'owner', ownerName: '猜', last4: String(1000 + i) })).status);
    }
    expect(statuses.slice(0, 10).every((x) => x === 201)).toBe(true);
    expect(statuses[10]).toBe(429);
    // ...but nobody can lock the owner out: the verified-phone path has no per-dwelling limit.
    const owner = await createUser();
    expect((await phoneClaim(owner, ids.b11, fakePhone(1211))).body.status).toBe('active');
  });

  it('refused requests use up no quota: without privacy consent, on unknown dwellings, or duplicates', async () => {
    const u = await createUser({ privacy: false });
    for (let i = 0; i < 7; i++) expect((await claim(u, { dwellingId: ids.b10, relation: 'tenant' })).status).toBe(403);
    expect(
      (await s.api('/api/me/privacy', { token: u.token, body: { version: (await s.api('/api/me', { token: u.token })).body.privacy.currentVersion } })).status,
    ).toBe(200);
    for (let i = 0; i < 7; i++) expect((await claim(u, { dwellingId: '0123456789abcdef01234567', relation: 'tenant' })).status).toBe(404);
    expect((await claim(u, { dwellingId: ids.b10, relation: 'tenant' })).status).toBe(201);
    for (let i = 0; i < 6; i++) expect((await claim(u, { dwellingId: ids.b10, relation: 'tenant' })).status).toBe(409);
    expect((await claim(u, { dwellingId: ids.b3, relation: 'tenant' })).status).toBe(201);
  });
});

describe('proxies', () => {
  it('an owner registers a written entrustment with a photo; once the committee approves, the proxy may vote', async () => {
    const owner = await createUser({ name: '业主' });
    expect((await phoneClaim(owner, ids.b8, fakePhone(1208))).body.status).toBe('active');
    const family = await createUser({ name: '儿子' });
    const noFile = await postFile(s, '/api/proxies', { token: owner.token, fields: { dwellingId: ids.b8, proxyUserId: family.id } });
    expect(noFile.status).toBe(400);
    expect(noFile.body.error.code).toBe('DOCUMENT_REQUIRED');
    const notImage = await postFile(s, '/api/proxies', {
      token: owner.token,
      fields: { dwellingId: ids.b8, proxyUserId: family.id },
      file: { bytes: Buffer.from('hello'), name: 'a.png' },
    });
    expect(notImage.status).toBe(415);
    const r = await postFile(s, '/api/proxies', {
      token: owner.token,
      fields: { dwellingId: ids.b8, proxyUserId: family.id, note: '老人行动不便' },
      file: { bytes: PNG_1PX, name: '委托书.png' },
    });
    expect(r.status).toBe(201);
    expect(r.body).toEqual(expect.objectContaining({ status: 'pending', proxyName: '儿子', registeredBy: owner.id }));
    expect(await votingDwellings(family.id)).toEqual([]);
    const other = await createUser();
    const stranger = await postFile(s, '/api/proxies', {
      token: other.token,
      fields: { dwellingId: ids.b8, proxyUserId: other.id },
      file: { bytes: PNG_1PX, name: 'x.png' },
    });
    expect(stranger.status).toBe(403);
    const d = await s.api(`/api/proxies/${r.body.id}/decision`, { token: committee.token, body: { approve: true } });
    expect(d.body.status).toBe('approved');
    expect(await votingDwellings(family.id)).toEqual([{ dwellingId: ids.b8, via: 'proxy' }]);
    const me = MeResponse.parse((await s.api('/api/me', { token: family.token })).body);
    expect(me.proxies).toEqual([expect.objectContaining({ status: 'approved' })]);
    const doc = await fetch(`${s.url}/api/files/${r.body.documentFileId}`, { headers: { authorization: `Bearer ${committee.token}` } });
    expect(doc.status).toBe(200);
    // the owner withdraws it: the proxy loses the vote
    const rv = await s.api(`/api/proxies/${r.body.id}/revoke`, { token: owner.token, body: { reason: '本人可以投票' } });
    expect(rv.body.status).toBe('revoked');
    expect(await votingDwellings(family.id)).toEqual([]);
  });
});
