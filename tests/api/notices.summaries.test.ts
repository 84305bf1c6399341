// Issue 18: the resident feed, the home page's rooms and the committee's read rates read only by `_id` (feed index,
// read marks, per-notice figures kept on write), and the figures always equal a recount of the marks.
import mongoose from 'mongoose';
import { startTestServer, type TestServer } from '../support/server';
import { startFakeWechat, type FakeWechat } from '../support/fakeWechat';
import { wechatEnv } from '../support/notices';
import { buildWorld, residentOf, ROSTER, type Resident } from '../support/noticesWorld';
import { repairNoticeStats, PENDING_GRACE_MS } from '../../server/src/notices/noticeStats';
import type { Json } from '../support/json';
import { publishDueNotices } from '../../server/src/notices/commands/publishDue';
import { markDue } from '../../server/src/notices/dueWork';

let s: TestServer;
let wx: FakeWechat;
let staff: { id: string; token: string };
let r1: Resident, r2: Resident, r3: Resident;
let X: string, B1: string, B2: string;

beforeAll(async () => {
  wx = await startFakeWechat();
  s = await startTestServer({ DB_PREFIX: 'notices_sum', JOBS: 'false', ...wechatEnv(wx) });
  const world = await buildWorld(s);
  staff = world.staff;
  X = world.complex;
  B1 = world.buildingCodes.b1;
  B2 = world.buildingCodes.b2;
  r1 = await residentOf(s, wx, ROSTER[0]); // building 1, 101
  r2 = await residentOf(s, wx, ROSTER[1]); // building 1, 102
  r3 = await residentOf(s, wx, ROSTER[3]); // building 2, 101
}, 60_000);
afterAll(async () => {
  await s.stop();
  await wx.stop();
});

const db = () => mongoose.connection.db!;
const publish = async (title: string, extra: Json = {}) => {
  const r = await s.api('/api/notices', {
    token: staff.token,
    body: { kind: 'general', audience: { type: 'area', code: X }, title, body: `<p>${title}</p>`, ...extra },
  });
  expect(r.status).toBe(201);
  return r.body.id as string;
};
const read = (who: Resident, id: string) => s.api(`/api/notices/${id}/read`, { token: who.token, method: 'POST' });
const stats = async (id: string) => (await s.api(`/api/notices/${id}/stats`, { token: staff.token })).body;

/** Every query the server made while `f` ran, as (collection, method, filter) — mongoose's debug hook sees them all. */
async function queriesDuring(f: () => Promise<unknown>) {
  const seen: { collection: string; method: string; filter: unknown }[] = [];
  mongoose.set('debug', (collection: string, method: string, ...args: unknown[]) => {
    seen.push({ collection, method, filter: args[0] });
  });
  try {
    await f();
  } finally {
    mongoose.set('debug', false);
  }
  return seen;
}
/** A query that is not one document by its `_id` (what FerretDB answers by scanning the collection). */
const isScan = (q: { method: string; filter: unknown }) => {
  if (q.method === 'insertOne' || q.method === 'insertMany') return false;
  const f = q.filter as Record<string, unknown> | null;
  if (!f || typeof f !== 'object' || Array.isArray(f)) return true;
  const keys = Object.keys(f);
  const v = f._id;
  return keys.length !== 1 || keys[0] !== '_id' || (typeof v === 'object' && v !== null && !(v instanceof mongoose.Types.ObjectId));
};

it('serves the feed, the rooms, the read rates, a notice and its read mark by `_id` only', async () => {
  const older = await publish('停水通知');
  const pinned = await publish('物业费公示', { pinned: true });
  const newest = await publish('电梯检修');
  expect((await read(r1, older)).status).toBe(200);
  await s.api('/api/notices?limit=5', { token: r1.token }); // first use after start: checks the summaries exist (once)
  await stats(older); // the audience per building is counted once, by the push (no jobs run here) or the first read

  const qs = await queriesDuring(async () => {
    const feed = await s.api('/api/notices?limit=2', { token: r1.token });
    expect(feed.status).toBe(200);
    expect(feed.body.items.map((i: Json) => [i.id, i.unread])).toEqual([
      [pinned, true],
      [newest, true],
    ]);
    const next = await s.api(`/api/notices?limit=2&cursor=${feed.body.nextCursor}`, { token: r1.token });
    expect(next.body.items.map((i: Json) => [i.id, i.unread])).toEqual([[older, false]]);
    expect(next.body.nextCursor).toBeNull();
    expect((await s.api('/api/notices/rooms', { token: r1.token })).body.rooms).toContain(`area:${X}`);
    expect(await stats(older)).toMatchObject({ audienceDwellings: 5, readDwellings: 1, readers: 1 });
    // Opening a notice and marking it read: point reads and inserts only, too.
    expect((await s.api(`/api/notices/${newest}`, { token: r1.token })).body).toMatchObject({ id: newest, unread: true });
    expect((await read(r1, newest)).status).toBe(200);
    expect((await read(r1, newest)).status).toBe(200);
  });
  expect(qs.some((q) => q.collection === 'notice_feed_index')).toBe(true); // the hook saw the server's queries
  expect(qs.filter(isScan)).toEqual([]);
});

it('counts what residents read exactly once per dwelling and per reader, equal to a recount of the marks', async () => {
  const id = await publish('业主大会通知');
  await stats(id); // the audience is counted once (by the push, or here)
  // Double taps, concurrent reads and re-reads of the same version count once.
  await Promise.all([read(r1, id), read(r1, id), read(r2, id), read(r3, id), read(r3, id)]);
  await read(r2, id);
  const st = await stats(id);
  expect(st).toMatchObject({ audienceDwellings: 5, readDwellings: 3, readers: 3, readRatePercent: 60 });
  expect(st.byBuilding.map((b: Json) => [b.buildingCode, b.total, b.read])).toEqual([
    [B1, 3, 2],
    [B2, 2, 1],
  ]);
  const marks = await db().collection('notice_dwelling_reads').find({ noticeId: id }).toArray();
  const readers = await db().collection('notice_user_reads').countDocuments({ noticeId: id });
  expect(marks).toHaveLength(st.readDwellings);
  expect(readers).toBe(st.readers);
  expect(marks.filter((m) => m.buildingCode === B1)).toHaveLength(2);
  // An amendment makes it "amended since read" for readers, without counting anyone twice.
  expect((await s.api(`/api/notices/${id}/amendments`, { token: staff.token, body: { title: '业主大会通知（改期）', reason: '改期' } })).status).toBe(201);
  expect((await s.api('/api/notices', { token: r1.token })).body.items.find((i: Json) => i.id === id)).toMatchObject({ version: 2, amendedSinceRead: true });
  await read(r1, id);
  expect((await s.api('/api/notices', { token: r1.token })).body.items.find((i: Json) => i.id === id)).toMatchObject({
    unread: false,
    amendedSinceRead: false,
  });
  expect(await stats(id)).toMatchObject({ readDwellings: 3, readers: 3 });
});

it('heals figures whose update was lost between the mark and its count (the repair recounts from the marks)', async () => {
  const id = await publish('绿化改造意见征集');
  await stats(id);
  await read(r1, id);
  // What a process killed right after inserting r2's marks leaves: the marks and its pending entry, no count.
  const at = new Date(Date.now() - PENDING_GRACE_MS - 1000);
  const d2 = (await db()
    .collection('bindings')
    .findOne({ userId: new mongoose.Types.ObjectId(r2.id), status: 'active' }))!;
  await db()
    .collection('notice_dwelling_reads')
    .insertOne({ _id: `${id}:${d2.dwellingId}`, noticeId: id, dwellingId: String(d2.dwellingId), buildingCode: B1, userId: r2.id, readAt: at } as never);
  await db()
    .collection('notice_user_reads')
    .insertOne({ _id: `${id}:${r2.id}`, noticeId: id, userId: r2.id, version: 1, dwellingIds: [String(d2.dwellingId)], readAt: at } as never);
  await db()
    .collection('notice_stats_pending')
    .insertOne({ _id: 'crashed-writer', noticeId: id, at } as never);
  expect(await stats(id)).toMatchObject({ readDwellings: 1, readers: 1 }); // the lost count shows
  expect((await s.api('/api/notices', { token: r2.token })).body.items.find((i: Json) => i.id === id)).toMatchObject({ unread: false });

  expect(await repairNoticeStats()).toBe(1);
  expect(await stats(id)).toMatchObject({ readDwellings: 2, readers: 2 });
  expect(await db().collection('notice_stats_pending').countDocuments({})).toBe(0);
  // A figure knocked off by hand (drift) is put right by the next recount of that notice too.
  await db()
    .collection('notice_stats')
    .updateOne({ _id: id } as never, { $set: { readers: 7 } });
  await db()
    .collection('notice_stats_pending')
    .insertOne({ _id: 'drift', noticeId: id, at } as never);
  await repairNoticeStats();
  expect(await stats(id)).toMatchObject({ readDwellings: 2, readers: 2 });
});

it('counts objections the feed shows from the notice figures, following each status change', async () => {
  const id = await publish('车位方案公示', { kind: 'plan_publicity' });
  const o = await s.api(`/api/notices/${id}/objections`, { token: r3.token, body: { text: '车位太少' } });
  expect(o.status).toBe(201);
  const card = async () => (await s.api('/api/notices', { token: r3.token })).body.items.find((i: Json) => i.id === id).objections;
  expect(await card()).toEqual({ total: 1, open: 1, answered: 0, closed: 0 });
  await s.api(`/api/notices/${id}/objections/${o.body.id}/response`, { token: staff.token, body: { text: '将增加车位' } });
  expect(await card()).toEqual({ total: 1, open: 0, answered: 1, closed: 0 });
  await s.api(`/api/notices/${id}/objections/${o.body.id}/close`, { token: r3.token, method: 'POST' });
  expect(await card()).toEqual({ total: 1, open: 0, answered: 0, closed: 1 });
});

it('finds scheduled publications and lost fan-outs from their hints, never by a filter over notices', async () => {
  await s.api('/api/notices?limit=1', { token: r1.token }); // first use after start (the one-time conversion)
  const soon = new Date(Date.now() + 60_000).toISOString();
  const scheduled = await publish('明日停电', { publishAt: soon });
  const now = await publish('今日公告');
  const due = async () => (await db().collection('notice_due').find({}).toArray()).map((d) => d._id).sort();
  expect(await due()).toEqual([`publish:${scheduled}`]); // the published one's fan-out hint went with its queueing

  // A writer that marked a change for fan-out and died before queueing it (the hint was written first).
  await markDue('fanout', now, new Date(Date.now() - 60_000));
  await db()
    .collection('notices')
    .updateOne({ _id: new mongoose.Types.ObjectId(now) }, { $set: { fanoutPending: 'amended' } });

  const qs = await queriesDuring(() => publishDueNotices(new Date(Date.now() + 120_000)));
  expect(qs.filter((q) => q.collection === 'notices' && isScan(q))).toEqual([]);
  expect((await s.api(`/api/notices/${scheduled}`, { token: r1.token })).body.status).toBe('published');
  const lost = await db()
    .collection('notices')
    .findOne({ _id: new mongoose.Types.ObjectId(now) });
  expect(lost?.fanoutPending).toBeNull();
  expect(
    await db()
      .collection('outbox')
      .countDocuments({ key: `notice:${now}:amended:v1` }),
  ).toBe(1);
  expect(await due()).toEqual([]); // no hint outlives its work
  expect(await publishDueNotices(new Date(Date.now() + 180_000))).toBe(0);
});
