// Issue 18: a feed page reads the resident's read marks from one document (their copy of the per-notice marks), and
// the copy never disagrees with the marks for long: older marks are copied once, lost ones come back on opening.
import mongoose from 'mongoose';
import { startTestServer, type TestServer } from '../support/server';
import { startFakeWechat, type FakeWechat } from '../support/fakeWechat';
import { wechatEnv } from '../support/notices';
import { buildWorld, residentOf, ROSTER, type Resident } from '../support/noticesWorld';
import { commandsWhile } from '../support/commands';
import { ensureUserReads, forgetUserReadsState } from '../../server/src/notices/userReads';
import type { Json } from '../support/json';

let s: TestServer;
let wx: FakeWechat;
let staff: { id: string; token: string };
let r1: Resident, r2: Resident;
let X: string;

beforeAll(async () => {
  wx = await startFakeWechat();
  // No job ticks: the copy of older marks is built when the test says so.
  s = await startTestServer({ DB_PREFIX: 'notices_ureads', JOBS: 'false', ...wechatEnv(wx) });
  const world = await buildWorld(s);
  staff = world.staff;
  X = world.complex;
  r1 = await residentOf(s, wx, ROSTER[0]);
  r2 = await residentOf(s, wx, ROSTER[1]);
}, 60_000);
afterAll(async () => {
  await s.stop();
  await wx.stop();
});

const db = () => mongoose.connection.db!;
const publish = async (title: string, kind = 'general') => {
  const r = await s.api('/api/notices', { token: staff.token, body: { kind, audience: { type: 'area', code: X }, title, body: `<p>${title}</p>` } });
  expect(r.status).toBe(201);
  return r.body.id as string;
};
const read = (who: Resident, id: string) => s.api(`/api/notices/${id}/read`, { token: who.token, method: 'POST' });
const unreadOf = async (who: Resident) => {
  const feed = await s.api('/api/notices?limit=50', { token: who.token });
  expect(feed.status).toBe(200);
  return Object.fromEntries(feed.body.items.map((i: Json) => [i.id, i.unread]));
};
const stats = async (id: string) => (await s.api(`/api/notices/${id}/stats`, { token: staff.token })).body;

let plain: string[];
let publicity: string;

it('shows the right read state before and after the copy of older marks is built', async () => {
  plain = [await publish('停水通知'), await publish('停电通知'), await publish('电梯检修')];
  publicity = await publish('改造方案公示', 'plan_publicity');
  expect((await read(r1, plain[0])).status).toBe(200);
  expect((await read(r2, plain[1])).status).toBe(200);
  // As a database upgraded from before the copy: marks in notice_user_reads only, and no marker.
  await db().collection('notice_reads_by_user').deleteMany({});
  forgetUserReadsState();
  expect(await unreadOf(r1)).toEqual({ [plain[0]]: false, [plain[1]]: true, [plain[2]]: true, [publicity]: true });
  expect(await unreadOf(r2)).toEqual({ [plain[0]]: true, [plain[1]]: false, [plain[2]]: true, [publicity]: true });

  await ensureUserReads();
  forgetUserReadsState(); // as a fresh instance: reads the marker
  const { result, commands } = await commandsWhile(() => unreadOf(r1));
  expect(result).toEqual({ [plain[0]]: false, [plain[1]]: true, [plain[2]]: true, [publicity]: true });
  // The page reads r1's copy once, no per-notice mark, and figures only for the notice with a publicity period.
  expect(commands.filter((c) => c.collection === 'notice_user_reads')).toEqual([]);
  expect(commands.filter((c) => c.collection === 'notice_reads_by_user').map((c) => c.filter)).toEqual([{ _id: r1.id }]);
  expect(commands.filter((c) => c.collection === 'notice_stats').map((c) => c.filter)).toEqual([{ _id: publicity }]);
  expect(await unreadOf(r2)).toEqual({ [plain[0]]: true, [plain[1]]: false, [plain[2]]: true, [publicity]: true });
});

// 30 at once: without the per-user queue, FerretDB's unisolated updates lost 7 of them here.
it('keeps every mark of one resident reading many notices at once', async () => {
  const many = await Promise.all(Array.from({ length: 30 }, (_, i) => publish(`同时阅读 ${i + 1}`)));
  const answers = await Promise.all(many.map((id) => read(r2, id)));
  expect(answers.map((a) => a.status)).toEqual(many.map(() => 200));
  const unread = await unreadOf(r2);
  expect(many.filter((id) => unread[id] !== false)).toEqual([]);
});

it('brings back a mark the copy lost when the resident opens the notice, still counting the reader once', async () => {
  const id = plain[2];
  expect((await read(r1, id)).status).toBe(200);
  expect((await unreadOf(r1))[id]).toBe(false);
  // A crash between the mark and the copy, or a concurrent write on another instance, lost it.
  await db()
    .collection<{ _id: string }>('notice_reads_by_user')
    .updateOne({ _id: r1.id }, { $unset: { [`v.${id}`]: '' } });
  expect((await unreadOf(r1))[id]).toBe(true);
  expect((await read(r1, id)).status).toBe(200);
  expect((await unreadOf(r1))[id]).toBe(false);
  expect(await stats(id)).toMatchObject({ readers: 1, readDwellings: 1 });
});

it('shows an amended notice as changed since read until its new version is read', async () => {
  const id = plain[0];
  const state = async () => {
    const item = (await s.api('/api/notices?limit=50', { token: r1.token })).body.items.find((i: Json) => i.id === id);
    return { unread: item.unread, amendedSinceRead: item.amendedSinceRead };
  };
  expect(await state()).toEqual({ unread: false, amendedSinceRead: false });
  const amend = await s.api(`/api/notices/${id}/amendments`, { token: staff.token, body: { reason: '时间调整', body: '<p>停水时间改为周六</p>' } });
  expect(amend.status).toBe(201);
  expect(await state()).toEqual({ unread: false, amendedSinceRead: true });
  expect((await read(r1, id)).status).toBe(200);
  expect(await state()).toEqual({ unread: false, amendedSinceRead: false });
});
