// The whole identity/roster story against the running server: an administrator appoints street staff, who import a
// roster (bad rows first), residents log in through the (fake) WeChat server and claim their homes, street staff
// appoint a committee member, and the committee decides the claims that did not match.
import { ClaimList, MeResponse, PRIVACY_VERSION, RosterImportResult } from '@gongzhi/shared';
import { startTestServer, type TestServer } from '../support/server';
import { startFakeWechat, type FakeWechat } from '../support/fakeWechat';
import { agreePrivacy, createUser, phoneClaim, seedAreaTree, T, wechatEnvOf, wechatLogin } from '../support/identity';
import { download, fakeIdNumber, fakePhone, importFile, readXlsx, row, toXlsx, type Row } from '../support/rosterFiles';
import { Dwelling } from '../../server/src/roster/model';
import { votingDwellings } from '../../server/src/roster/queries';
import type { Json } from '../support/json';

let s: TestServer;
let wx: FakeWechat;
beforeAll(async () => {
  wx = await startFakeWechat();
  s = await startTestServer({ DB_PREFIX: 'identity_scenario', JOBS: 'false', ...wechatEnvOf(wx) });
  await seedAreaTree();
});
afterAll(async () => {
  await s.stop();
  await wx.stop();
});

/** 3 buildings × 2 entrances × 3 floors × 2 rooms, plus the people of the story. */
function roster(): Row[] {
  const rows: Row[] = [];
  let n = 0;
  for (let b = 1; b <= 3; b++)
    for (let e = 1; e <= 2; e++)
      for (let f = 1; f <= 3; f++)
        for (let r = 1; r <= 2; r++) {
          const room = `${f}0${r}`;
          n++;
          const special: Record<string, Partial<Record<string, string | number>>> = {
            '1-1-101': { 业主姓名: '扎西次仁', 业主手机号: fakePhone(4001), 证件号码: fakeIdNumber(4001) },
            '2-1-101': { 业主姓名: '扎西次仁', 业主手机号: fakePhone(4001), 证件号码: fakeIdNumber(4001) },
            '1-2-201': { 业主姓名: '德吉', 业主手机号: fakePhone(4002) },
            '2-2-301': { 业主姓名: '平措', 业主手机号: fakePhone(4003) },
            '3-1-102': { 业主姓名: '格桑', 业主手机号: fakePhone(4004) },
            '1-1-102': { 业主姓名: '卓玛、次旦', 业主手机号: `${fakePhone(4005)}、${fakePhone(4006)}` },
            '3-2-301': { 业主姓名: '', 开发商持有: '是' },
            '3-2-302': { 业主姓名: '', 开发商持有: '是' },
          };
          const extra = special[`${b}-${e}-${room}`] ?? { 业主姓名: `住户${n}`, 业主手机号: fakePhone(5000 + n) };
          rows.push(
            row({ 楼栋: `${b}号楼`, 单元: `${e}单元`, 房号: room, 楼层: f, '专有面积(㎡)': Number((60 + ((n * 137) % 4000) / 100).toFixed(2)), ...extra }),
          );
        }
  return rows;
}

it('admin → street staff → roster → residents claim → committee decides', async () => {
  // 1. an administrator appoints a WeChat user as street staff of 八廓街道
  const admin = await createUser({ name: '管理员', grants: [{ role: 'admin', scope: 'root' }] });
  const staffLogin = await wechatLogin(s, wx, 'openid-street-li');
  await s.api('/api/me', { method: 'PATCH', token: staffLogin.accessToken, body: { displayName: '李明' } });
  const g = await s.api('/api/grants', { token: admin.token, body: { userId: staffLogin.user.id, role: 'street_staff', scope: T.street } });
  expect(g.status).toBe(201);
  const staff = staffLogin.accessToken;
  expect(MeResponse.parse((await s.api('/api/me', { token: staff })).body).grants).toEqual([{ role: 'street_staff', scope: T.street, scopeName: '八廓街道' }]);

  // 2. the roster, first with mistakes: every bad row comes back, nothing is written
  const good = roster();
  const withMistakes = good.map((r) => [...r]);
  withMistakes[3][4] = '75.555'; // row 5: three decimals
  withMistakes[7][2] = withMistakes[6][2]; // row 9: duplicate room of row 8
  withMistakes[10][5] = '估计'; // row 12: unknown area source
  withMistakes[20][2] = ''; // row 22: missing room
  const tpl = await download(s, '/api/roster/template', staff);
  expect((await readXlsx(tpl.bytes))[0][0]).toBe('楼栋');
  const bad = await importFile(s, staff, T.complex, await toXlsx(withMistakes));
  expect(bad.status).toBe(422);
  expect(bad.body.error.details.errors.map((e: Json) => [e.row, e.column])).toEqual([
    [5, '专有面积(㎡)'],
    [9, '房号'],
    [12, '面积来源'],
    [22, '房号'],
  ]);
  expect(bad.body.error.details.errors.every((e: Json) => /[\u4e00-\u9fff]/.test(e.reason))).toBe(true);
  expect(await Dwelling.countDocuments({ complexCode: T.complex })).toBe(0);

  const preview = RosterImportResult.parse((await importFile(s, staff, T.complex, await toXlsx(good), { dryRun: true })).body);
  expect(preview).toEqual(expect.objectContaining({ dryRun: true, created: 36 }));
  const applied = RosterImportResult.parse((await importFile(s, staff, T.complex, await toXlsx(good))).body);
  expect(applied).toEqual(expect.objectContaining({ status: 'applied', rows: 36, created: 36, buildings: 3, entrances: 6 }));
  const view = (await s.api(`/api/roster/${T.complex}/dwellings`, { token: staff })).body;
  expect(view.totals.dwellings).toBe(36);
  expect(view.totals.headcount).toBe(34); // 扎西次仁 twice, the developer's two units once
  expect(JSON.stringify(view)).not.toContain(fakePhone(4001));

  // 3. residents log in through WeChat and walk the picker: complex → building → entrance → room
  const login = async (openid: string, name: string) => {
    const l = await wechatLogin(s, wx, openid);
    await s.api('/api/me', { method: 'PATCH', token: l.accessToken, body: { displayName: name } });
    await agreePrivacy(s, l.accessToken);
    return { token: l.accessToken, id: l.user.id };
  };
  const pick = async (token: string, building: string, entrance: string, room: string) => {
    const complexes = (await s.api(`/api/complexes?q=${encodeURIComponent('幸福')}`, { token })).body.items;
    expect(complexes.map((c: Json) => c.code)).toEqual([T.complex]);
    expect(complexes[0].pathNames).toEqual(['西藏自治区', '拉萨市', '城关区', '八廓街道', '冲赛康社区']);
    const buildings = (await s.api(`/api/areas/${T.complex}/children`, { token })).body.items;
    const b = buildings.find((x: Json) => x.name === building);
    const entrances = (await s.api(`/api/areas/${b.code}/children`, { token })).body.items;
    const e = entrances.find((x: Json) => x.name === entrance);
    const rooms = (await s.api(`/api/areas/${e.code}/rooms`, { token })).body.items;
    expect(JSON.stringify(rooms)).not.toMatch(/owner|phone/i);
    return rooms.find((x: Json) => x.room === room).dwellingId as string;
  };
  const tashi = await login('openid-tashi', '扎西');
  const dekyi = await login('openid-dekyi', '德吉');
  const phuntsok = await login('openid-phuntsok', '平措');
  const gesang = await login('openid-gesang', '格桑');

  // Name + last 4 only goes to review; the verified phone (手机号快速验证) then binds at once and replaces the claim.
  const t101 = await pick(tashi.token, '1号楼', '1单元', '101');
  const t0 = await s.api('/api/claims', {
    token: tashi.token,
    body: { dwellingId: t101, relation: 'owner', ownerName: '扎西次仁', last4: fakeIdNumber(4001).slice(-4) },
  });
  expect(t0.body).toEqual(expect.objectContaining({ status: 'pending', matched: false, reviewReason: 'owner_review' }));
  const t1 = await phoneClaim(s, wx, tashi.token, t101, fakePhone(4001));
  expect(t1.body).toEqual(expect.objectContaining({ id: t0.body.id, status: 'active', matched: true, strength: 'verified_phone' }));
  const d1 = await s.api('/api/claims', {
    token: dekyi.token,
    body: { dwellingId: await pick(dekyi.token, '1号楼', '2单元', '201'), relation: 'owner', ownerName: '德吉', last4: '0000', note: '手机号换过了' },
  });
  expect(d1.body).toEqual(expect.objectContaining({ status: 'pending', matched: false }));
  const p1 = await s.api('/api/claims', {
    token: phuntsok.token,
    body: { dwellingId: await pick(phuntsok.token, '2号楼', '2单元', '301'), relation: 'owner', ownerName: '平错', last4: fakePhone(4003).slice(-4) },
  });
  expect(p1.body.status).toBe('pending');
  const g1 = await phoneClaim(s, wx, gesang.token, await pick(gesang.token, '3号楼', '1单元', '102'), fakePhone(4004));
  expect(g1.body.status).toBe('active');

  // 4. street staff appoint 格桑 to the committee, choosing him from the complex's residents
  const residents = (await s.api(`/api/complexes/${T.complex}/residents`, { token: staff })).body.items;
  const pickGesang = residents.find((r: Json) => r.displayName === '格桑');
  expect(pickGesang.dwelling.room).toBe('102');
  const committeeGrant = await s.api('/api/grants', { token: staff, body: { userId: pickGesang.userId, role: 'committee', scope: T.complex } });
  expect(committeeGrant.status).toBe(201);
  expect(committeeGrant.body.grants).toEqual([{ role: 'committee', scope: T.complex, scopeName: '幸福小区' }]);
  // …but may not appoint anyone above themselves, nor outside their street
  expect((await s.api('/api/grants', { token: staff, body: { userId: pickGesang.userId, role: 'street_staff', scope: T.street } })).status).toBe(403);
  expect((await s.api('/api/grants', { token: staff, body: { userId: pickGesang.userId, role: 'committee', scope: T.complexS2 } })).status).toBe(403);

  // 5. the committee reviews: approve 德吉, reject 平措 with a reason
  const pending = ClaimList.parse((await s.api(`/api/complexes/${T.complex}/claims`, { token: gesang.token })).body).items;
  expect(pending.map((c) => c.displayName).sort()).toEqual(['平措', '德吉']);
  expect((await s.api(`/api/claims/${d1.body.id}/decision`, { token: gesang.token, body: { approve: true } })).body.status).toBe('active');
  const reason = '业主姓名与名册不一致，请携带不动产权证书到社区核实';
  expect((await s.api(`/api/claims/${p1.body.id}/decision`, { token: gesang.token, body: { approve: false, reason } })).body.status).toBe('rejected');
  // the committee may not import rosters
  expect((await importFile(s, gesang.token, T.complex, await toXlsx(good), { dryRun: true })).status).toBe(403);

  // 6. what each resident sees
  const meOf = async (token: string) => MeResponse.parse((await s.api('/api/me', { token })).body);
  expect((await meOf(dekyi.token)).bindings[0]).toEqual(expect.objectContaining({ status: 'active', relation: 'owner' }));
  const rejected = (await meOf(phuntsok.token)).bindings[0];
  expect(rejected).toEqual(expect.objectContaining({ status: 'rejected', reason }));
  expect(rejected.dwelling.owners).toEqual([]); // a rejected claimant sees the dwelling label only
  expect(JSON.stringify(rejected)).not.toContain(fakePhone(4003).slice(-4));
  expect((await meOf(gesang.token)).privacy.version).toBe(PRIVACY_VERSION);
  expect(await votingDwellings(tashi.id)).toHaveLength(1);
  expect(await votingDwellings(dekyi.id)).toHaveLength(1);
  expect(await votingDwellings(phuntsok.id)).toEqual([]);

  // 7. the roster round-trips through export without losing the verified phone digests
  const exported = await download(s, `/api/roster/${T.complex}/export`, staff);
  const again = RosterImportResult.parse((await importFile(s, staff, T.complex, exported.bytes)).body);
  expect(again).toEqual(expect.objectContaining({ created: 0, updated: 0, unchanged: 36 }));
  const tashiAgain = await phoneClaim(s, wx, tashi.token, await pick(tashi.token, '2号楼', '1单元', '101'), fakePhone(4001));
  expect(tashiAgain.body.status).toBe('active');
  expect(await votingDwellings(tashi.id)).toHaveLength(2);
});
