// Issue 18: notices and read receipts written before the summary documents existed (an older version, or the bench's
// bulk seed) show up correctly on the first request: converted once per database, not scanned per request.
import mongoose from 'mongoose';
import { startTestServer, type TestServer } from '../support/server';
import { startFakeWechat, type FakeWechat } from '../support/fakeWechat';
import { wechatEnv } from '../support/notices';
import { buildWorld, residentOf, ROSTER, type Resident } from '../support/noticesWorld';
import { findDwelling, T } from '../support/identity';
import type { Json } from '../support/json';
import { publishDueNotices } from '../../server/src/notices/commands/publishDue';

let s: TestServer;
let wx: FakeWechat;
let staff: { id: string; token: string };
let r1: Resident, r2: Resident;

beforeAll(async () => {
  wx = await startFakeWechat();
  s = await startTestServer({ DB_PREFIX: 'notices_mig', JOBS: 'false', ...wechatEnv(wx) });
  staff = (await buildWorld(s)).staff;
  r1 = await residentOf(s, wx, ROSTER[0]);
  r2 = await residentOf(s, wx, ROSTER[3]);
}, 60_000);
afterAll(async () => {
  await s.stop();
  await wx.stop();
});

const oid = () => new mongoose.Types.ObjectId();

it('shows old notices in the feed, with what each resident read and the read rates, on first use', async () => {
  const db = mongoose.connection.db!;
  const path = ['54', '5401', '540102', T.street, T.community, T.complex];
  const at = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000);
  const old = (title: string, days: number) => ({
    _id: oid(),
    kind: 'general',
    status: 'published',
    sourceKey: `user:${oid()}`,
    system: false,
    publisherId: staff.id,
    audience: { type: 'area', code: T.complex },
    audienceCodes: [T.complex],
    audienceDwellingIds: [],
    scopePath: path,
    rooms: [`area:${T.complex}`],
    version: 1,
    title,
    body: `<p>${title}</p>`,
    attachments: [],
    versions: [],
    pinned: false,
    publishAt: at(days),
    publishedAt: at(days),
    expireAt: null,
    fanoutPending: null,
    createdAt: at(days),
    updatedAt: at(days),
  });
  const a = old('旧公告一', 3);
  const b = old('旧公告二', 2);
  // Scheduled before the upgrade, due since yesterday: its publication hint is written by the conversion.
  const due = { ...old('到期待发布', 1), status: 'scheduled', publishedAt: null };
  await db.collection('notices').insertMany([a, b, due]);
  const d1 = await findDwelling(T.complex, '1', '1', '101');
  await db.collection('notice_reads').insertOne({
    noticeId: a._id,
    userId: r1.id,
    dwellingId: d1._id,
    buildingCode: d1.buildingCode,
    version: 1,
    readAt: at(1),
  });

  const feed = await s.api('/api/notices', { token: r1.token });
  expect(feed.status).toBe(200);
  expect(feed.body.items.map((i: Json) => [i.title, i.unread])).toEqual([
    ['旧公告二', true],
    ['旧公告一', false],
  ]);
  expect((await s.api('/api/notices', { token: r2.token })).body.items.every((i: Json) => i.unread)).toBe(true);
  expect((await s.api(`/api/notices/${a._id}/stats`, { token: staff.token })).body).toMatchObject({ audienceDwellings: 5, readDwellings: 1, readers: 1 });
  // Reading it again does not count twice; the other resident's first read counts.
  await s.api(`/api/notices/${a._id}/read`, { token: r1.token, method: 'POST' });
  await s.api(`/api/notices/${a._id}/read`, { token: r2.token, method: 'POST' });
  expect((await s.api(`/api/notices/${a._id}/stats`, { token: staff.token })).body).toMatchObject({ readDwellings: 2, readers: 2 });

  // The scheduled one was hinted by the conversion, so the every-second job publishes it (it reads no filter over notices).
  expect(await publishDueNotices()).toBe(1);
  expect((await s.api('/api/notices', { token: r1.token })).body.items[0]).toMatchObject({ title: '到期待发布', unread: true });
  expect(await db.collection('notice_due').countDocuments({ kind: 'publish' })).toBe(0);
});
