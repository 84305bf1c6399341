// Who may download a stored file: its uploader, and whoever may see an object that shows it (issue #8, API1).
import { startTestServer, type TestServer } from '../support/server';
import { startFakeWechat, type FakeWechat } from '../support/fakeWechat';
import { makePerson, PNG_BYTES, seedAreasAndDwellings, upload, wechatEnv, type Person } from '../support/notices';

let s: TestServer;
let wx: FakeWechat; // objections pass WeChat's content check
let staff: Person, inX: Person, otherInX: Person, inY: Person;

beforeAll(async () => {
  wx = await startFakeWechat();
  s = await startTestServer({ DB_PREFIX: 'files_access', ...wechatEnv(wx) });
  const d = await seedAreasAndDwellings();
  staff = await makePerson({ name: 'staff', grants: [{ role: 'community_worker', scope: 'C1' }] });
  inX = await makePerson({ name: 'inX', dwellings: [d.x101] });
  otherInX = await makePerson({ name: 'otherInX', dwellings: [d.x2101] });
  inY = await makePerson({ name: 'inY', dwellings: [d.y101] });
});
afterAll(async () => {
  await s.stop();
  await wx.stop();
});

const png = { bytes: PNG_BYTES, name: '照片.png', type: 'image/png' };
const status = async (fileId: string, who: Person) =>
  (await fetch(`${s.url}/api/files/${fileId}`, { headers: { authorization: `Bearer ${who.token}` } })).status;

it("an attachment not yet shown anywhere is its uploader's alone; once a notice shows it, that notice's audience may open it", async () => {
  const up = await upload(s, '/api/notices/attachments', staff.token, png);
  expect(up.status).toBe(201);
  const fileId = up.body.fileId as string;
  expect(await status(fileId, staff)).toBe(200);
  expect(await status(fileId, inX)).toBe(404);

  const r = await s.api('/api/notices', {
    token: staff.token,
    body: { kind: 'general', audience: { type: 'area', code: 'X' }, title: '停水通知', body: '<p>周六停水</p>', attachmentIds: [fileId] },
  });
  expect(r.status).toBe(201);
  expect(await status(fileId, inX)).toBe(200); // in the audience (complex X)
  expect(await status(fileId, otherInX)).toBe(200);
  const refused = await fetch(`${s.url}/api/files/${fileId}`, { headers: { authorization: `Bearer ${inY.token}` } });
  expect(refused.status).toBe(404); // complex Y: the same answer as for an id that does not exist
  expect((await refused.json()).error.code).toBe('FILE_NOT_FOUND');
});

it('an objection photo is seen by the objector and the publisher, not by other residents of the audience', async () => {
  const r = await s.api('/api/notices', {
    token: staff.token,
    body: { kind: 'plan_publicity', audience: { type: 'area', code: 'X' }, title: '改造方案公示', body: '<p>方案</p>' },
  });
  const noticeId = r.body.id as string;
  const up = await upload(s, `/api/notices/${noticeId}/objection-photos`, inX.token, png);
  expect(up.status).toBe(201);
  const o = await s.api(`/api/notices/${noticeId}/objections`, {
    token: inX.token,
    body: { text: '楼道照片如图，方案漏了这一处', photoIds: [up.body.fileId] },
  });
  expect(o.status).toBe(201);
  expect(await status(up.body.fileId, inX)).toBe(200);
  expect(await status(up.body.fileId, staff)).toBe(200);
  expect(await status(up.body.fileId, otherInX)).toBe(404);
  expect(await status(up.body.fileId, inY)).toBe(404);
});
