// 手机号快速验证 against the fake WeChat server's real error codes: every failure is a clear 4xx/5xx with a code,
// and nothing is bound or stored; success keeps only an HMAC of the phone on the user.
import { startTestServer, type TestServer } from '../support/server';
import { startFakeWechat, type FakeWechat } from '../support/fakeWechat';
import { createUser, findDwelling, seedAreaTree, T, wechatEnvOf, type TestUser } from '../support/identity';
import { fakePhone, importFile, row, toXlsx } from '../support/rosterFiles';
import { Binding } from '../../server/src/roster/bindingModel';
import { Dwelling } from '../../server/src/roster/model';
import { User } from '../../server/src/identity/model';

let s: TestServer;
let wx: FakeWechat;
const ids: Record<string, string> = {};
beforeAll(async () => {
  wx = await startFakeWechat();
  s = await startTestServer({ DB_PREFIX: 'id_phone', JOBS: 'false', ...wechatEnvOf(wx) });
  await seedAreaTree();
  const street = await createUser({ grants: [{ role: 'street_staff', scope: T.street }] });
  const rows = [
    row({ 楼栋: '1', 单元: '1', 房号: '101', 楼层: 1, '专有面积(㎡)': 80, 业主姓名: '尼玛', 业主手机号: fakePhone(5101) }),
    row({ 楼栋: '1', 单元: '1', 房号: '102', 楼层: 1, '专有面积(㎡)': 80, 业主姓名: '达瓦、普布', 业主手机号: `${fakePhone(5102)}、${fakePhone(5103)}` }),
    row({ 楼栋: '1', 单元: '1', 房号: '201', 楼层: 2, '专有面积(㎡)': 80, 业主姓名: '开发公司', 业主手机号: fakePhone(5201), 开发商持有: '是' }),
  ];
  expect((await importFile(s, street.token, T.complex, await toXlsx(rows))).status).toBe(200);
  for (const r of ['101', '102', '201']) ids[r] = String((await findDwelling(T.complex, '1', '1', r))._id);
  // Two roster entries of one dwelling with the same phone (a family sharing a number): nobody can tell who taps.
  const d = await Dwelling.findById(ids['102']).lean();
  await Dwelling.updateOne({ _id: d!._id }, { $set: { 'owners.1.phoneHash': d!.owners[0].phoneHash } });
});
afterAll(async () => {
  await s?.stop();
  await wx?.stop();
});

const claim = (u: TestUser, dwellingId: string, phoneCode: string) => s.api('/api/claims/phone', { token: u.token, body: { dwellingId, phoneCode } });
async function expectNothingBound(u: TestUser) {
  expect(await Binding.countDocuments({ userId: u.id })).toBe(0);
  expect((await User.findById(u.id).lean())!.phoneHash).toBeUndefined();
}

it.each([
  ['an unknown code', () => 'not-a-real-code', 400, 'PHONE_CODE_INVALID'],
  ['an expired code (older than 5 minutes)', () => wx.issuePhoneCode(fakePhone(5101), { ttlMs: -1 }), 400, 'PHONE_CODE_INVALID'],
  ['a code for another appid (40013)', () => wx.issuePhoneCode(fakePhone(5101), { appid: 'wxother000000001' }), 502, 'WECHAT_ERROR'],
  ['a dev stand-in code outside dev mode', () => 'dev_0123456789abcdef', 400, 'PHONE_CODE_INVALID'],
  ['a phone on no roster entry of the dwelling', () => wx.issuePhoneCode(fakePhone(5999)), 422, 'PHONE_NOT_ON_ROSTER'],
])('%s → refused with a clear code, nothing bound', async (_what, code, status, errorCode) => {
  const u = await createUser();
  const r = await claim(u, ids['101'], code());
  expect(r.status).toBe(status);
  expect(r.body.error.code).toBe(errorCode);
  expect(r.body.error.message).toMatch(/[\u4e00-\u9fff]/);
  await expectNothingBound(u);
});

it('a code works once: the second use is refused', async () => {
  const u = await createUser();
  const code = wx.issuePhoneCode(fakePhone(5101));
  expect((await claim(u, ids['101'], code)).status).toBe(201);
  const v = await createUser();
  expect((await claim(v, ids['101'], code)).body.error.code).toBe('PHONE_CODE_INVALID');
  await expectNothingBound(v);
  const stored = JSON.stringify(await User.findById(u.id).lean());
  expect(stored).toMatch(/"phoneHash":"[0-9a-f]{64}"/);
  expect(stored).not.toContain(fakePhone(5101).slice(-4));
});

it('WeChat busy (-1): retried once, then 503 with Retry-After; nothing bound', async () => {
  const u = await createUser();
  wx.failNextPhoneCalls(2, -1);
  const r = await claim(u, ids['101'], wx.issuePhoneCode(fakePhone(5101)));
  expect(r.status).toBe(503);
  expect(r.body.error.code).toBe('WECHAT_UNAVAILABLE');
  expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
  await expectNothingBound(u);
  wx.failNextPhoneCalls(1, -1); // one busy answer is absorbed by the retry
  expect((await claim(u, ids['101'], wx.issuePhoneCode(fakePhone(5101)))).status).toBe(201);
});

it('several roster entries with that phone, or a developer unit: refused, to be claimed by review', async () => {
  const u = await createUser();
  const several = await claim(u, ids['102'], wx.issuePhoneCode(fakePhone(5102)));
  expect([several.status, several.body.error.code]).toEqual([409, 'PHONE_MATCHES_SEVERAL']);
  const dev = await claim(u, ids['201'], wx.issuePhoneCode(fakePhone(5201)));
  expect([dev.status, dev.body.error.code]).toEqual([422, 'DEVELOPER_UNIT']);
  await expectNothingBound(u);
});

it('phone attempts are limited per user, but refused requests before the exchange use up nothing', async () => {
  const u = await createUser({ privacy: false });
  for (let i = 0; i < 6; i++) expect((await claim(u, ids['101'], 'x')).status).toBe(403); // privacy first: no quota, no WeChat call
  const calls = wx.phoneLookups.length;
  await s.api('/api/me/privacy', { token: u.token, body: { version: (await s.api('/api/me', { token: u.token })).body.privacy.currentVersion } });
  const statuses: number[] = [];
  for (let i = 0; i < 6; i++) statuses.push((await claim(u, ids['101'], wx.issuePhoneCode(fakePhone(5999)))).status);
  expect(statuses).toEqual([422, 422, 422, 422, 422, 429]);
  expect(wx.phoneLookups.length - calls).toBe(5); // the refused sixth never reached WeChat
});

it('the H5 dev stand-in does not exist outside dev mode', async () => {
  const u = await createUser();
  expect((await s.api('/api/auth/dev-phone-code', { token: u.token, body: { dwellingId: ids['101'] } })).status).toBe(404);
});
