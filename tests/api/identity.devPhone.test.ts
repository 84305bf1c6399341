// The H5 build's stand-in for 手机号快速验证 (DEV_LOGIN only): a one-time code for the dwelling's first roster owner.
import { startTestServer, type TestServer } from '../support/server';
import { createUser, findDwelling, seedAreaTree, T } from '../support/identity';
import { fakePhone, importFile, row, toXlsx } from '../support/rosterFiles';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer({ DB_PREFIX: 'id_devphone', JOBS: 'false', DEV_LOGIN: 'true' });
  await seedAreaTree();
});
afterAll(async () => {
  await s?.stop();
});

it('binds the owner in dev mode; the code is one-use and only for the user it was issued to', async () => {
  const street = await createUser({ grants: [{ role: 'street_staff', scope: T.street }] });
  const rows = [row({ 楼栋: '1', 单元: '1', 房号: '101', 楼层: 1, '专有面积(㎡)': 80, 业主姓名: '普琼', 业主手机号: fakePhone(6101) })];
  expect((await importFile(s, street.token, T.complex, await toXlsx(rows))).status).toBe(200);
  const dwellingId = String((await findDwelling(T.complex, '1', '1', '101'))._id);
  const u = await createUser();
  const other = await createUser();
  const { code } = (await s.api('/api/auth/dev-phone-code', { token: u.token, body: { dwellingId } })).body;
  expect(code).toMatch(/^dev_/);
  expect((await s.api('/api/claims/phone', { token: other.token, body: { dwellingId, phoneCode: code } })).body.error.code).toBe('PHONE_CODE_INVALID');
  // one use: the code tried by someone else is burnt for its owner too
  expect((await s.api('/api/claims/phone', { token: u.token, body: { dwellingId, phoneCode: code } })).body.error.code).toBe('PHONE_CODE_INVALID');
  const again = (await s.api('/api/auth/dev-phone-code', { token: u.token, body: { dwellingId } })).body.code;
  const r = await s.api('/api/claims/phone', { token: u.token, body: { dwellingId, phoneCode: again } });
  expect(r.body).toEqual(expect.objectContaining({ status: 'active', strength: 'verified_phone' }));
});
