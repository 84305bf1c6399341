// Scheduling, display periods, system notices, audiences, feed paging, withdrawal, sanitizing.
import { startTestServer, type TestServer } from '../support/server';
import { startFakeWechat, type FakeWechat } from '../support/fakeWechat';
import { connectClient, makePerson, PNG_BYTES, seedAreasAndDwellings, upload, waitFor, wechatEnv, type Person } from '../support/notices';
import { publishDueNotices } from '../../server/src/notices/commands/publishDue';
import { publishSystemNotice } from '../../server/src/notices/publish';
import { Outbox } from '../../server/src/platform/jobs';
import { Consultation } from '../../server/src/consultations/model';
import { refreshListings } from '../../server/src/consultations/listing';
import { ElectorateMember } from '../../server/src/consultations/ballotModels';
import { memberId } from '../../server/src/consultations/ids';
import type { Json } from '../support/json';

let s: TestServer;
let wx: FakeWechat;
let staff: Person, admin: Person, rb1: Person, rb2: Person, ry: Person;
let d: Awaited<ReturnType<typeof seedAreasAndDwellings>>;

beforeAll(async () => {
  wx = await startFakeWechat();
  s = await startTestServer({ DB_PREFIX: 'notices_life', ...wechatEnv(wx) });
  d = await seedAreasAndDwellings();
  staff = await makePerson({ name: 'staff', grants: [{ role: 'street_staff', scope: 'S1' }] });
  admin = await makePerson({ name: 'admin', grants: [{ role: 'admin', scope: 'R' }] });
  rb1 = await makePerson({ name: 'rb1', dwellings: [d.x101] });
  rb2 = await makePerson({ name: 'rb2', dwellings: [d.x2101] });
  ry = await makePerson({ name: 'ry', dwellings: [d.y101] });
});
afterAll(async () => {
  await s.stop();
  await wx.stop();
});

const post = (body: Record<string, unknown>, token = staff.token) =>
  s.api('/api/notices', { token, body: { kind: 'general', audience: { type: 'area', code: 'X' }, title: '通知', body: '<p>正文</p>', ...body } });
const feedIds = async (p: Person) => (await s.api('/api/notices?limit=50', { token: p.token })).body.items.map((i: Json) => i.id);

describe('scheduled publication', () => {
  it('publishes a due notice exactly once however many ticks race for it', async () => {
    const r = await post({ title: '定时通知', publishAt: new Date(Date.now() + 60_000).toISOString() });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ status: 'scheduled', publishedAt: null });
    expect(await feedIds(rb1)).not.toContain(r.body.id);

    const later = new Date(Date.now() + 61_000);
    const results = await Promise.all(Array.from({ length: 6 }, () => publishDueNotices(later)));
    expect(results.reduce((a, b) => a + b, 0)).toBe(1);
    expect(await Outbox.countDocuments({ key: { $regex: `^notice:${r.body.id}:published` } })).toBe(1);
    expect(await feedIds(rb1)).toContain(r.body.id);
  });

  it("the server's leased job publishes on time and pushes it", async () => {
    const c = await connectClient(s, rb1.token, ['area:X']);
    try {
      const r = await post({ title: '一秒后发布', publishAt: new Date(Date.now() + 1000).toISOString() });
      await waitFor(() => c.events.find((e) => e.event === 'notice:published' && e.payload.id === r.body.id), 'scheduled push');
      expect((await s.api(`/api/notices/${r.body.id}`, { token: rb1.token })).body.status).toBe('published');
    } finally {
      c.close();
    }
  });
});

describe('display period and settings', () => {
  it('plan publicity may not be shorter than the minimum, nor expire before it ends', async () => {
    const short = await post({ kind: 'plan_publicity', displayDays: 3 });
    expect(short.status).toBe(422);
    expect(short.body.error).toMatchObject({ code: 'DISPLAY_PERIOD_TOO_SHORT', details: { minDays: 7, days: 3 } });
    const early = await post({ kind: 'plan_publicity', expireAt: new Date(Date.now() + 2 * 86_400_000).toISOString() });
    expect(early.body.error.code).toBe('EXPIRE_BEFORE_DISPLAY_ENDS');
    expect((await post({ kind: 'general', displayDays: 3 })).body).toMatchObject({ displayRule: null, objectionsOpen: false });
  });

  it('the minimum is a setting; each notice records the rule it got', async () => {
    expect(
      (await s.api('/api/notices/settings', { token: admin.token, method: 'PUT', body: { planPublicityMinDays: 10, defaultDisplayDays: 7 } })).status,
    ).toBe(200);
    const r = await post({ kind: 'plan_publicity' });
    expect(r.body.displayRule).toEqual({ minDays: 10, days: 10 });
    await s.api('/api/notices/settings', { token: admin.token, method: 'PUT', body: { planPublicityMinDays: 7, defaultDisplayDays: 7 } });
    expect((await s.api(`/api/notices/${r.body.id}`, { token: rb1.token })).body.displayRule).toEqual({ minDays: 10, days: 10 });
  });

  it('result announcements come only from the system', async () => {
    const r = await post({ kind: 'result_announcement' });
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe('NOTICE_KIND_SYSTEM_ONLY');
  });
});

describe('publishSystemNotice', () => {
  it('is idempotent on sourceKey, also under concurrent calls', async () => {
    const input = {
      kind: 'result_announcement' as const,
      audience: { type: 'area' as const, code: 'X' },
      title: '表决结果公告',
      body: '<p>通过</p>',
      publisherId: staff.id,
      sourceKey: 'consultation:abc:result',
    };
    const out = await Promise.all([publishSystemNotice(input), publishSystemNotice(input), publishSystemNotice(input)]);
    expect(new Set(out.map((o) => o.noticeId)).size).toBe(1);
    expect(out.filter((o) => o.created)).toHaveLength(1);
    expect(await publishSystemNotice(input)).toEqual({ noticeId: out[0].noticeId, created: false });
    expect(await feedIds(rb1)).toContain(out[0].noticeId);
  });

  it("reaches a consultation's frozen electorate, and nobody else", async () => {
    const c = await Consultation.create({
      kind: 'whether',
      title: '是否改造',
      complexCode: 'X',
      areaPath: ['R', 'P1', 'K1', 'S1', 'C1', 'X'],
      scope: { level: 'buildings', buildingCodes: ['XB2'], entranceCode: null },
      questions: [],
      leadTimeHours: 360,
      opensAt: new Date(),
      closesAt: new Date(Date.now() + 86_400_000),
      createdBy: staff.id,
    });
    await refreshListings(c); // written directly: keep the lists as the commands would
    const before = await publishSystemNotice({
      kind: 'meeting_notice',
      audience: { type: 'consultation', consultationId: String(c._id) },
      title: '会议通知',
      body: '开会',
      publisherId: staff.id,
      sourceKey: `consultation:${c._id}:meeting`,
    });
    expect(await feedIds(rb2)).toContain(before.noticeId); // before freezing: the scope (building XB2)
    expect(await feedIds(rb1)).not.toContain(before.noticeId);

    await ElectorateMember.create({
      _id: memberId(String(c._id), d.x101),
      consultationId: String(c._id),
      dwellingId: d.x101,
      buildingCode: 'XB1',
      entranceCode: 'XB1U1',
      areaHundredths: 8000,
      headcountKey: 'hc:x101',
    });
    const sock = await connectClient(s, rb1.token, []);
    try {
      const after = await publishSystemNotice({
        kind: 'result_announcement',
        audience: { type: 'consultation', consultationId: String(c._id) },
        title: '结果公告',
        body: '通过',
        publisherId: staff.id,
        sourceKey: `consultation:${c._id}:result`,
      });
      expect(await feedIds(rb1)).toContain(after.noticeId);
      expect(await feedIds(rb2)).not.toContain(after.noticeId);
      await waitFor(() => sock.events.find((e) => e.event === 'notice:published' && e.payload.id === after.noticeId), 'push to the user room');
    } finally {
      sock.close();
    }
  });
});

describe('audiences and the feed', () => {
  it('buildings of one complex; buildings across complexes are refused', async () => {
    const r = await post({ audience: { type: 'buildings', codes: ['XB2'] }, title: '二号楼停水' });
    expect(await feedIds(rb2)).toContain(r.body.id);
    expect(await feedIds(rb1)).not.toContain(r.body.id);
    const bad = await post({ audience: { type: 'buildings', codes: ['XB1', 'YB1'] } });
    expect(bad.status).toBe(422);
    expect(bad.body.error.code).toBe('AUDIENCE_INVALID');
    expect((await post({ audience: { type: 'area', code: 'NOPE' } })).status).toBe(422);
  });

  it('pinned first, then newest; keyset pages of a bounded size never repeat or skip', async () => {
    const pinned = await post({ title: '置顶', pinned: true });
    await post({ title: '街道通知', audience: { type: 'area', code: 'S1' } });
    const all: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Json = await s.api(`/api/notices?limit=2${cursor ? `&cursor=${cursor}` : ''}`, { token: ry.token === '' ? '' : rb1.token });
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      all.push(...page.body.items.map((i: Json) => i.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(all[0]).toBe(pinned.body.id);
    expect(new Set(all).size).toBe(all.length);
    expect(all).toEqual(await feedIds(rb1));
    expect((await s.api('/api/notices?limit=51', { token: rb1.token })).status).toBe(400);
    expect((await s.api('/api/notices?cursor=garbage', { token: rb1.token })).body.error.code).toBe('INVALID_CURSOR');
  });

  it('a street-level notice reaches every complex of the street', async () => {
    const r = await post({ title: '街道防汛通知', audience: { type: 'area', code: 'S1' } });
    expect(await feedIds(ry)).toContain(r.body.id);
    expect(await feedIds(rb2)).toContain(r.body.id);
  });
});

describe('withdrawal and content', () => {
  it('a withdrawal stays visible with its reason, and ends amendments and objections', async () => {
    const r = await post({ kind: 'plan_publicity', title: '将撤回的公示' });
    const w = await s.api(`/api/notices/${r.body.id}/withdrawal`, { token: staff.token, body: { reason: '数据有误，重新编制' } });
    expect(w.body).toMatchObject({ status: 'withdrawn', withdrawn: { reason: '数据有误，重新编制' }, objectionsOpen: false });
    const item = (await s.api('/api/notices?limit=50', { token: rb1.token })).body.items.find((i: Json) => i.id === r.body.id);
    expect(item).toMatchObject({ status: 'withdrawn', withdrawn: { reason: '数据有误，重新编制' } });
    expect((await s.api(`/api/notices/${r.body.id}/amendments`, { token: staff.token, body: { reason: 'x', title: 'y' } })).body.error.code).toBe(
      'NOTICE_WITHDRAWN',
    );
    expect((await s.api(`/api/notices/${r.body.id}/objections`, { token: rb1.token, body: { text: '意见' } })).status).toBe(403);
  });

  it('sanitizes bodies to the safe subset and refuses one that is only markup', async () => {
    const r = await post({
      body: '<p onclick="x()">看<a href="javascript:alert(1)">这里</a><a href="https://gov.cn/x">链接</a></p><iframe src="https://x"></iframe><style>p{}</style>',
    });
    expect(r.body.body).toBe(
      '<p>看<a rel="noopener noreferrer" target="_blank">这里</a><a href="https://gov.cn/x" rel="noopener noreferrer" target="_blank">链接</a></p>',
    );
    const empty = await post({ body: '<script>alert(1)</script><img src=x>' });
    expect(empty.status).toBe(422);
    expect(empty.body.error.code).toBe('NOTICE_BODY_EMPTY');
  });

  it('attaches only files the publisher uploaded', async () => {
    const other = await makePerson({ name: 'cw', grants: [{ role: 'community_worker', scope: 'C1' }] });
    const up = await upload(s, '/api/notices/attachments', other.token, { bytes: PNG_BYTES, name: 'p.png' });
    expect(up.status).toBe(201);
    const r = await post({ attachmentIds: [up.body.fileId] });
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe('ATTACHMENT_NOT_FOUND');
    expect((await post({ attachmentIds: [up.body.fileId] }, other.token)).status).toBe(201);
  });
});
