// WeChat delivery (retries, refusals, never twice), reminders once a day, objection rules and rate limits.
import { startTestServer, type TestServer } from '../support/server';
import { startFakeWechat, type FakeWechat } from '../support/fakeWechat';
import { connectClient, makePerson, PNG_BYTES, seedAreasAndDwellings, upload, waitFor, wechatEnv, type Person } from '../support/notices';
import { fanout } from '../../server/src/notices/push/handlers';
import { Notice } from '../../server/src/notices/model';
import type { Json } from '../support/json';

let s: TestServer;
let wx: FakeWechat;
let staff: Person, a: Person, b: Person, c: Person, e: Person;

beforeAll(async () => {
  wx = await startFakeWechat();
  s = await startTestServer({ DB_PREFIX: 'notices_push', ...wechatEnv(wx) });
  const d = await seedAreasAndDwellings();
  staff = await makePerson({ name: 'staff', grants: [{ role: 'community_worker', scope: 'C1' }] });
  a = await makePerson({ name: 'a', dwellings: [d.x101], subscribe: true });
  b = await makePerson({ name: 'b', dwellings: [d.x2101], subscribe: true });
  c = await makePerson({ name: 'c', dwellings: [d.x102], subscribe: true });
  e = await makePerson({ name: 'e', dwellings: [d.x201], openid: null }); // dev-login style account without WeChat
});
afterAll(async () => {
  await s.stop();
  await wx.stop();
});

const publish = async (audience: unknown, extra: Record<string, unknown> = {}) => {
  const r = await s.api('/api/notices', { token: staff.token, body: { kind: 'plan_publicity', audience, title: '公示', body: '<p>正文</p>', ...extra } });
  expect(r.status).toBe(201);
  return r.body.id as string;
};
const deliveries = async (id: string) => (await s.api(`/api/notices/${id}/deliveries`, { token: staff.token })).body.items as Json[];

describe('WeChat subscribe messages', () => {
  it('retries transient failures with backoff and records the result', async () => {
    wx.failNextSends(5); // more than one outbox attempt's worth of client retries
    const id = await publish({ type: 'area', code: 'XB2' }); // only b lives there
    const [d] = await waitFor(
      async () => {
        const ds = await deliveries(id);
        return ds.length === 1 && ds[0].status !== 'pending' && ds;
      },
      'delivery settled',
      20_000,
    );
    expect(d).toMatchObject({ userId: b.id, status: 'sent', errcode: 0, purpose: 'publish' });
    expect(d.attempts).toBe(6); // 4 failed sends (one outbox run), then a failure and a success on the next run
    expect(wx.sent.filter((m) => m.touser === b.openid && m.page?.endsWith(id))).toHaveLength(1);
  });

  it('records a refusal (43101) as failed without retrying it', async () => {
    wx.refusedOpenids.add(c.openid!);
    try {
      const id = await publish({ type: 'buildings', codes: ['XB1'] }); // a and c
      const done = await waitFor(
        async () => {
          const ds = await deliveries(id);
          return ds.length === 2 && ds.every((x) => x.status !== 'pending') && ds;
        },
        'deliveries settled',
        20_000,
      );
      const byUser = Object.fromEntries(done.map((x: Json) => [x.userId, x]));
      expect(byUser[a.id]).toMatchObject({ status: 'sent', attempts: 1 });
      expect(byUser[c.id]).toMatchObject({ status: 'failed', errcode: 43101, attempts: 1 });
      expect((await s.api(`/api/notices/${id}/stats`, { token: staff.token })).body.deliveries).toEqual({ pending: 0, sent: 1, failed: 1, skipped: 0 });
    } finally {
      wx.refusedOpenids.delete(c.openid!);
    }
  });

  it('never sends the same notice twice to the same person, even when the fan-out runs again', async () => {
    const id = await publish({ type: 'area', code: 'XB2' }); // b
    await waitFor(() => wx.sent.some((m) => m.page?.endsWith(id)), 'first message');
    const n: Json = await Notice.findById(id).lean();
    await fanout({ noticeId: id, event: 'published', version: n.version });
    await fanout({ noticeId: id, event: 'published', version: n.version });
    await new Promise((r) => setTimeout(r, 1500));
    expect(wx.sent.filter((m) => m.page?.endsWith(id))).toHaveLength(1);
    expect(await deliveries(id)).toHaveLength(1);
  });
});

describe('reminders', () => {
  it('reminds unread residents at most once a day: in the app and by WeChat', async () => {
    const id = await publish({ type: 'area', code: 'X' });
    await waitFor(async () => (await deliveries(id)).every((x) => x.status !== 'pending') && (await deliveries(id)).length === 3, 'publish deliveries');
    await s.api(`/api/notices/${id}/read`, { token: a.token, method: 'POST' });
    const sock = await connectClient(s, b.token, []);
    try {
      const r = await s.api(`/api/notices/${id}/reminders`, { token: staff.token, method: 'POST' });
      expect(r.status).toBe(202);
      expect(r.body).toMatchObject({ users: 3, wechatQueued: 2 }); // b, c, e unread; e has no WeChat
      await waitFor(() => sock.events.find((x) => x.event === 'notice:reminder' && x.payload.id === id), 'in-app reminder');
      await waitFor(async () => (await deliveries(id)).filter((x) => x.purpose === 'reminder' && x.status !== 'pending').length === 2, 'reminder deliveries');
      const reminders = (await deliveries(id)).filter((x) => x.purpose === 'reminder');
      expect(reminders.find((x) => x.userId === b.id)).toMatchObject({ status: 'skipped', reason: 'online' });
      expect(reminders.find((x) => x.userId === c.id)).toMatchObject({ status: 'sent' });
      expect(wx.sent.find((m) => m.touser === c.openid && m.page?.endsWith(id) && m.data.thing2.value.startsWith('提醒'))).toBeTruthy();

      const again = await s.api(`/api/notices/${id}/reminders`, { token: staff.token, method: 'POST' });
      expect(again.status).toBe(429);
      expect(again.body.error).toMatchObject({ code: 'REMINDER_ALREADY_SENT_TODAY', message: expect.stringMatching(/今天已经提醒/) });
      expect(Number(again.headers.get('retry-after'))).toBeGreaterThan(0);
    } finally {
      sock.close();
    }
  });
});

describe('objections', () => {
  let id: string;
  beforeAll(async () => {
    id = await publish({ type: 'area', code: 'X' });
  });

  it('carry photos the resident uploaded (images only, typed from the bytes)', async () => {
    const bad = await upload(s, `/api/notices/${id}/objection-photos`, b.token, { bytes: Buffer.from('%PDF-1.4 not a photo'), name: 'x.jpg' });
    expect(bad.status).toBe(415);
    const photo = await upload(s, `/api/notices/${id}/objection-photos`, b.token, { bytes: PNG_BYTES, name: '现场.png' });
    expect(photo.status).toBe(201);
    const o = await s.api(`/api/notices/${id}/objections`, { token: b.token, body: { text: '楼道照明需要更换', photoIds: [photo.body.fileId] } });
    expect(o.status).toBe(201);
    expect(o.body.photos).toEqual([expect.objectContaining({ contentType: 'image/png', url: `/api/files/${photo.body.fileId}` })]);
    // Someone else's photo cannot be attached.
    expect((await s.api(`/api/notices/${id}/objections`, { token: a.token, body: { text: '同意', photoIds: [photo.body.fileId] } })).body.error.code).toBe(
      'ATTACHMENT_NOT_FOUND',
    );
  });

  it('the objector may close their own; a closed one cannot be answered', async () => {
    const o = await s.api(`/api/notices/${id}/objections`, { token: c.token, body: { text: '撤回前的意见' } });
    const closed = await s.api(`/api/notices/${id}/objections/${o.body.id}/close`, { token: c.token, method: 'POST' });
    expect(closed.body).toMatchObject({ status: 'closed' });
    const ans = await s.api(`/api/notices/${id}/objections/${o.body.id}/response`, { token: staff.token, body: { text: '答复' } });
    expect(ans.status).toBe(409);
    expect(ans.body.error.code).toBe('OBJECTION_CLOSED');
    expect((await s.api(`/api/notices/${id}/objections/${o.body.id}/close`, { token: a.token, method: 'POST' })).status).toBe(404);
  });

  it('from a resident without a WeChat identity (H5) go to the manual queue instead of being refused', async () => {
    const r = await s.api(`/api/notices/${id}/objections`, { token: e.token, body: { text: '意见' } });
    expect(r.status).toBe(201);
    expect(r.body.status).toBe('open');
    const all = await s.api(`/api/notices/${id}/objections`, { token: staff.token });
    expect(all.body.items.map((o: { id: string }) => o.id)).toContain(r.body.id);
  });

  it('are rate limited per resident (429 with Retry-After)', async () => {
    const statuses: number[] = [];
    let last: Json;
    for (let i = 0; i < 6; i++) {
      last = await s.api(`/api/notices/${id}/objections`, { token: a.token, body: { text: `第${i}条意见` } });
      statuses.push(last.status);
    }
    expect(statuses.filter((x) => x === 201).length).toBeLessThanOrEqual(5);
    expect(last.status).toBe(429);
    expect(last.body.error).toMatchObject({ code: 'RATE_LIMITED', message: expect.stringMatching(/频繁/) });
    expect(Number(last.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('close with the display period', async () => {
    await Notice.updateOne({ _id: id }, { $set: { objectionsUntil: new Date(Date.now() - 1000) } });
    const r = await s.api(`/api/notices/${id}/objections`, { token: b.token, body: { text: '晚了' } });
    expect(r.status).toBe(409);
    expect(r.body.error).toMatchObject({ code: 'OBJECTION_PERIOD_CLOSED', message: expect.stringMatching(/公示期已结束/) });
    expect((await s.api(`/api/notices/${id}`, { token: b.token })).body.objectionsOpen).toBe(false);
  });
});
