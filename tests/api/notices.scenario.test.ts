// The "done when": a plan publicity from street staff to one complex, pushed, read, objected to, answered, amended.
import { startTestServer, type TestServer } from '../support/server';
import { startFakeWechat, type FakeWechat } from '../support/fakeWechat';
import { connectClient, PDF_BYTES, upload, waitFor, wechatEnv } from '../support/notices';
import { buildWorld, residentOf, ROSTER, type Resident } from '../support/noticesWorld';
import type { Json } from '../support/json';

let s: TestServer;
let wx: FakeWechat;
let staff: { id: string; token: string };
let r1: Resident, r2: Resident, r3: Resident, r4: Resident, outsider: Resident;
let X: string, B1: string, B2: string;
const clients: { close(): void }[] = [];

beforeAll(async () => {
  wx = await startFakeWechat();
  s = await startTestServer({ DB_PREFIX: 'notices_scn', ...wechatEnv(wx) });
  const world = await buildWorld(s); // area tree, street officer, roster imported from XLSX
  staff = world.staff;
  X = world.complex;
  B1 = world.buildingCodes.b1;
  B2 = world.buildingCodes.b2;
  // Residents log in with WeChat and claim their dwellings.
  r1 = await residentOf(s, wx, ROSTER[0], { subscribe: true }); // 1-101, online and subscribed
  r2 = await residentOf(s, wx, ROSTER[1]); // 1-102, online
  r3 = await residentOf(s, wx, ROSTER[3], { subscribe: true, lang: 'bo' }); // 2-101, offline, agreed to messages
  r4 = await residentOf(s, wx, ROSTER[2]); // 1-201, offline, never agreed
  outsider = await residentOf(s, wx, ROSTER[5], { subscribe: true }); // the neighbouring complex
}, 60_000);
afterAll(async () => {
  for (const c of clients) c.close();
  await s.stop();
  await wx.stop();
});

const TITLE_BO = 'གྲོང་ཚོ་ཉམས་གསོའི་འཆར་གཞི།';
const BODY_BO = '<p>འཆར་གཞི་འདི་ཉིན་བདུན་རིང་གསལ་བསྒྲགས་བྱེད།</p>';

describe('plan publicity scenario', () => {
  let noticeId: string;
  let pdfId: string;

  it('refuses an attachment whose bytes are not an image or PDF, or that is too large, with a clear error', async () => {
    const fake = await upload(s, '/api/notices/attachments', staff.token, {
      bytes: Buffer.from('just text, not a pdf'),
      name: '方案.pdf',
      type: 'application/pdf',
    });
    expect(fake.status).toBe(415);
    expect(fake.body.error).toMatchObject({ code: 'FILE_TYPE_NOT_ALLOWED', message: expect.stringMatching(/文件类型/) });
    const big = Buffer.concat([PDF_BYTES, Buffer.alloc(8 * 1024 * 1024)]);
    const tooBig = await upload(s, '/api/notices/attachments', staff.token, { bytes: big, name: 'big.pdf', type: 'application/pdf' });
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.error).toMatchObject({ code: 'FILE_TOO_LARGE', message: expect.stringMatching(/大小限制.*8MB/) });
  });

  it('stores a PDF attachment in GridFS, typed from its bytes', async () => {
    const r = await upload(s, '/api/notices/attachments', staff.token, { bytes: PDF_BYTES, name: '改造方案.pdf', type: 'application/octet-stream' });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ contentType: 'application/pdf', size: PDF_BYTES.length, filename: '改造方案.pdf' });
    pdfId = r.body.fileId;
  });

  it('street staff publish to one complex; online residents get it over socket.io, an offline one by subscribe message', async () => {
    const a = await connectClient(s, r1.token, [`area:${X}`]);
    // The mini-program joins every room the server lists for it (each level of each of its dwellings).
    const rooms = (await s.api('/api/notices/rooms', { token: r2.token })).body.rooms;
    expect(rooms).toEqual(expect.arrayContaining([`area:${X}`, `area:${B1}`]));
    const b = await connectClient(s, r2.token, rooms);
    const y = await connectClient(s, outsider.token, [...(await s.api('/api/notices/rooms', { token: outsider.token })).body.rooms, `area:${X}`]);
    clients.push(a, b, y);
    expect(a.joins).toEqual([true]);
    expect(b.joins.every(Boolean)).toBe(true);
    expect(y.joins.slice(-1)).toEqual([false]); // not a member of complex X
    expect(y.joins.slice(0, -1).every(Boolean)).toBe(true);

    const res = await s.api('/api/notices', {
      token: staff.token,
      body: {
        kind: 'plan_publicity',
        audience: { type: 'area', code: X },
        title: '小区改造方案公示',
        body: '<p>改造内容：<strong>屋面防水</strong>、外墙保温。</p><script>alert(1)</script><img src=x onerror=alert(1)>',
        titleBo: TITLE_BO,
        bodyBo: BODY_BO,
        attachmentIds: [pdfId],
      },
    });
    expect(res.status).toBe(201);
    noticeId = res.body.id;
    expect(res.body).toMatchObject({
      status: 'published',
      version: 1,
      titleBo: TITLE_BO,
      bodyBo: BODY_BO,
      objectionsOpen: true,
      displayRule: { minDays: 7, days: 7 },
      attachments: [{ fileId: pdfId, contentType: 'application/pdf' }],
    });
    expect(res.body.body).toBe('<p>改造内容：<strong>屋面防水</strong>、外墙保温。</p>');
    const days = (Date.parse(res.body.objectionsUntil) - Date.parse(res.body.publishedAt)) / 86_400_000;
    expect(days).toBe(7);

    for (const c of [a, b]) {
      const got = await waitFor(() => c.events.find((e) => e.event === 'notice:published' && e.payload.id === noticeId), 'socket push');
      expect(got.payload).toMatchObject({ title: '小区改造方案公示', titleBo: TITLE_BO, version: 1 });
    }
    const msg = await waitFor(() => wx.sent.find((m) => m.touser === r3.openid), 'subscribe message to r3');
    expect(msg).toMatchObject({ template_id: 'tmpl-notice', page: `pages/notices/detail?id=${noticeId}` });
    expect(msg.data.thing1.value).toBe('གྲོང་ཚོ་ཉམས་གསོའི་…'); // r3 reads Tibetan; cut at a syllable boundary (20 chars max)
    expect(msg.data.thing2.value).toBe('方案公示');

    // r1 agreed to messages but was online: told in the app, no message spent. Nobody outside the complex is told.
    await waitFor(async () => (await s.api(`/api/notices/${noticeId}/stats`, { token: staff.token })).body.deliveries.skipped === 1, 'r1 skipped');
    expect(wx.sent.map((m) => m.touser)).toEqual([r3.openid]);
    expect(y.events.some((e) => e.event.startsWith('notice:'))).toBe(false);
  });

  it('residents see it in their feed, unread until they open it; read rate is per dwelling and by building', async () => {
    const feed = await s.api('/api/notices', { token: r4.token });
    expect(feed.body.items).toEqual([expect.objectContaining({ id: noticeId, unread: true, attachmentCount: 1 })]);
    expect((await s.api('/api/notices', { token: outsider.token })).body.items).toEqual([]);

    for (const r of [r1, r2, r3]) {
      const read = await s.api(`/api/notices/${noticeId}/read`, { token: r.token, method: 'POST' });
      expect(read.status).toBe(200);
      expect(read.body).toMatchObject({ version: 1, dwellings: 1 });
    }
    await s.api(`/api/notices/${noticeId}/read`, { token: r1.token, method: 'POST' }); // twice: still one receipt
    expect((await s.api('/api/notices', { token: r1.token })).body.items[0]).toMatchObject({ unread: false });

    const stats = await s.api(`/api/notices/${noticeId}/stats`, { token: staff.token });
    expect(stats.status).toBe(200);
    expect(stats.body).toMatchObject({ audienceDwellings: 5, readDwellings: 3, readRatePercent: 60, readers: 3 });
    expect(stats.body.byBuilding).toEqual([
      { buildingCode: B1, buildingName: expect.stringContaining('1'), total: 3, read: 2, readRatePercent: 66.7 },
      { buildingCode: B2, buildingName: expect.stringContaining('2'), total: 2, read: 1, readRatePercent: 50 },
    ]);
    const unread = await s.api(`/api/notices/${noticeId}/unread`, { token: staff.token });
    expect(unread.body.items.map((u: Json) => `${u.buildingCode}-${u.room}`).sort()).toEqual([`${B1}-201`, `${B2}-102`]);
  });

  let objectionId: string;
  it("one resident objects (content check passes); another's text is rejected by the content check", async () => {
    const ok = await s.api(`/api/notices/${noticeId}/objections`, { token: r1.token, body: { text: '外墙保温材料希望选用A级防火材料' } });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ status: 'open', mine: true, dwelling: { room: '101' } });
    objectionId = ok.body.id;

    const bad = await s.api(`/api/notices/${noticeId}/objections`, { token: r2.token, body: { text: '加我微信参与赌博' } });
    expect(bad.status).toBe(422);
    expect(bad.body.error).toMatchObject({ code: 'CONTENT_REJECTED', message: expect.stringMatching(/违规/) });
    expect(wx.secChecks.map((c) => c.suggest)).toEqual(['pass', 'risky']);

    // The resident sees only their own; the publisher sees all; everyone sees the counts.
    expect((await s.api(`/api/notices/${noticeId}/objections`, { token: r2.token })).body.items).toEqual([]);
    const all = await s.api(`/api/notices/${noticeId}/objections`, { token: staff.token });
    expect(all.body.items).toEqual([expect.objectContaining({ id: objectionId, text: '外墙保温材料希望选用A级防火材料', mine: false })]);
    expect((await s.api(`/api/notices/${noticeId}`, { token: r4.token })).body.objections).toEqual({ total: 1, open: 1, answered: 0, closed: 0 });
  });

  it('the publisher answers; the objector sees the answer', async () => {
    const a = await s.api(`/api/notices/${noticeId}/objections/${objectionId}/response`, {
      token: staff.token,
      body: { text: '已采纳，外墙保温将采用A级材料' },
    });
    expect(a.status).toBe(200);
    expect(a.body).toMatchObject({ status: 'answered', response: { text: '已采纳，外墙保温将采用A级材料' } });
    const mine = await s.api(`/api/notices/${noticeId}/objections`, { token: r1.token });
    expect(mine.body.items[0]).toMatchObject({ status: 'answered', response: { text: '已采纳，外墙保温将采用A级材料' } });
    expect(mine.body.counts).toEqual({ total: 1, open: 0, answered: 1, closed: 0 });
    expect(await s.api(`/api/notices/${noticeId}/objections/${objectionId}/response`, { token: r1.token, body: { text: '我自己答复' } })).toMatchObject({
      status: 403,
    });
  });

  it('an amendment creates version 2 with a reason; version 1 stays readable; online readers are told', async () => {
    const [a] = clients as Json[];
    const res = await s.api(`/api/notices/${noticeId}/amendments`, {
      token: staff.token,
      body: { reason: '采纳居民意见：外墙保温材料改为A级', body: '<p>改造内容：屋面防水、外墙保温（A级防火材料）。</p>' },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ version: 2, titleBo: TITLE_BO, attachments: [{ fileId: pdfId }] });
    expect(res.body.history).toEqual([
      expect.objectContaining({ version: 1, reason: null }),
      expect.objectContaining({ version: 2, reason: '采纳居民意见：外墙保温材料改为A级' }),
    ]);
    const hist = await s.api(`/api/notices/${noticeId}/versions`, { token: r4.token });
    expect(hist.body.versions.map((v: Json) => v.version)).toEqual([1, 2]);
    expect(hist.body.versions[0].body).toBe('<p>改造内容：<strong>屋面防水</strong>、外墙保温。</p>');
    expect(hist.body.versions[1].body).toContain('A级防火材料');

    await waitFor(() => a.events.find((e: Json) => e.event === 'notice:amended' && e.payload.version === 2), 'amended push');
    expect((await s.api('/api/notices', { token: r1.token })).body.items[0]).toMatchObject({ version: 2, unread: false, amendedSinceRead: true });
    await new Promise((r) => setTimeout(r, 1500));
    expect(wx.sent).toHaveLength(1); // an amendment never re-sends the subscribe message
  });

  it('the attachment downloads as the PDF it is', async () => {
    const res = await fetch(`${s.url}/api/files/${pdfId}`, { headers: { authorization: `Bearer ${r4.token}` } });
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await res.arrayBuffer()).equals(PDF_BYTES)).toBe(true);
  });
});
