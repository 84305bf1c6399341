import { startFakeWechat, type FakeWechat } from '../support/fakeWechat';
import {
  WechatClient,
  WechatError,
  wechatErrorToApiError,
  secCheckRejection,
  wechatAppError,
  type AccessTokenStore,
  type StoredAccessToken,
  type WechatClientOptions,
} from '../../server/src/platform/wechat';

let wx: FakeWechat;
const client = (extra: Partial<WechatClientOptions> = {}) =>
  new WechatClient({ apiBase: wx.baseUrl, appid: wx.appid, secret: wx.secret, retryBaseDelayMs: 5, ...extra });

beforeEach(async () => {
  wx = await startFakeWechat();
});
afterEach(async () => {
  await wx.stop();
});

async function wechatError(p: Promise<unknown>): Promise<WechatError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(WechatError);
  return e as WechatError;
}

describe('code2Session', () => {
  it('exchanges a code for openid, unionid and session key', async () => {
    const code = wx.issueCode('o_resident_1', { unionid: 'u_1' });
    const s = await client().code2Session(code);
    expect(s).toEqual({ openid: 'o_resident_1', unionid: 'u_1', sessionKey: expect.any(String) });
    expect(wx.calls[0]).toMatchObject({ method: 'GET', path: '/sns/jscode2session', query: { grant_type: 'authorization_code', js_code: code } });
  });

  it('omits unionid when WeChat has none', async () => {
    const s = await client().code2Session(wx.issueCode('o_2'));
    expect(s.openid).toBe('o_2');
    expect('unionid' in s).toBe(false);
  });

  it('rejects an unknown code with 40029, mapped to a Chinese login failure', async () => {
    const e = await wechatError(client().code2Session('not-a-real-code'));
    expect(e.errcode).toBe(40029);
    expect(e.transient).toBe(false);
    expect(wechatErrorToApiError(e)).toMatchObject({ status: 401, code: 'WECHAT_LOGIN_FAILED', message: expect.stringContaining('微信登录失败') });
  });

  it('codes are one-time: a reused code fails and maps to the same login failure', async () => {
    const c = client();
    const code = wx.issueCode('o_3');
    await c.code2Session(code);
    const e = await wechatError(c.code2Session(code));
    expect(e.errcode).toBe(40163); // what WeChat really returns for "code been used"
    expect(wechatErrorToApiError(e).code).toBe('WECHAT_LOGIN_FAILED');
  });

  it('surfaces rate limiting (45011) as 429', async () => {
    wx.setRateLimited(true);
    const e = await wechatError(client().code2Session(wx.issueCode('o_4')));
    expect(e.errcode).toBe(45011);
    expect(wechatErrorToApiError(e)).toMatchObject({ status: 429, retryAfterSeconds: 60 });
    expect(wechatAppError(e)).toMatchObject({ status: 429, code: 'RATE_LIMITED', headers: { 'Retry-After': '60' } });
    wx.setRateLimited(false);
    await expect(client().code2Session(wx.issueCode('o_4'))).resolves.toMatchObject({ openid: 'o_4' });
  });

  it('reports a wrong secret as 40125 without leaking the secret', async () => {
    const e = await wechatError(client({ secret: 'wrong-secret-xyz' }).code2Session(wx.issueCode('o_5')));
    expect(e.errcode).toBe(40125);
    expect(JSON.stringify({ ...e, message: e.message })).not.toContain('wrong-secret-xyz');
    expect(wechatErrorToApiError(e).status).toBe(502);
  });
});

describe('access token', () => {
  it('20 concurrent callers share one issuance, and later calls hit the cache', async () => {
    const c = client();
    const tokens = await Promise.all(Array.from({ length: 20 }, () => c.getAccessToken()));
    expect(new Set(tokens).size).toBe(1);
    await c.getAccessToken();
    expect(wx.tokenIssued).toBe(1);
    expect(wx.calls.filter((x) => x.path === '/cgi-bin/stable_token')).toHaveLength(1);
  });

  it('refreshes proactively within 5 minutes of expiry', async () => {
    let now = Date.now();
    const c = client({ now: () => now });
    await c.getAccessToken();
    now += (7200 - 6 * 60) * 1000;
    await c.getAccessToken();
    expect(wx.tokenIssued).toBe(1);
    now += 2 * 60 * 1000; // 4 minutes left
    await c.getAccessToken();
    expect(wx.tokenIssued).toBe(2);
  });

  it('reuses a token from the shared store instead of asking WeChat', async () => {
    let saved: StoredAccessToken | null = null;
    const store: AccessTokenStore = {
      get: async () => saved,
      set: async (v) => {
        saved = v;
      },
    };
    const a = client({ tokenStore: store });
    const b = client({ tokenStore: store });
    const t = await a.getAccessToken();
    expect(await b.getAccessToken()).toBe(t);
    expect(wx.tokenIssued).toBe(1);
  });

  it('supports the legacy /cgi-bin/token endpoint', async () => {
    const t = await client({ tokenEndpoint: 'legacy' }).getAccessToken();
    expect(t).toMatch(/^AT_/);
    expect(wx.calls[0]).toMatchObject({ method: 'GET', path: '/cgi-bin/token', query: { grant_type: 'client_credential' } });
  });
});

describe('sendSubscribeMessage', () => {
  const msg = {
    touser: 'o_resident_1',
    templateId: 'TPL_VOTE',
    page: 'pages/consultation/index?id=1',
    data: { thing1: '二号楼加装电梯', time2: '2025-05-01 18:00' },
  };

  it('delivers a message', async () => {
    const r = await client().sendSubscribeMessage(msg);
    expect(r).toMatchObject({ ok: true, errcode: 0, attempts: 1, msgid: expect.any(Number) });
    expect(wx.sent).toHaveLength(1);
    expect(wx.sent[0]).toMatchObject({
      touser: 'o_resident_1',
      template_id: 'TPL_VOTE',
      page: msg.page,
      miniprogram_state: 'formal',
      lang: 'zh_CN',
      data: { thing1: { value: '二号楼加装电梯' }, time2: { value: '2025-05-01 18:00' } },
    });
  });

  it('retries transient failures (system busy, dropped connection, HTTP 500) with backoff', async () => {
    wx.failNextSends(1, -1);
    wx.failNextSends(1, 'network');
    wx.failNextSends(1, 'http500');
    const r = await client({ maxSendAttempts: 5 }).sendSubscribeMessage(msg);
    expect(r).toMatchObject({ ok: true, attempts: 4 });
    expect(wx.sendAttempts).toHaveLength(4);
    expect(wx.sent).toHaveLength(1);
  });

  it('gives up after maxSendAttempts and says the failure is retryable', async () => {
    wx.failNextSends(5, -1);
    const r = await client({ maxSendAttempts: 3 }).sendSubscribeMessage(msg);
    expect(r).toMatchObject({ ok: false, errcode: -1, attempts: 3, retryable: true });
    expect(wx.sent).toHaveLength(0);
  });

  it('returns ok:false without retrying when the user refused (43101)', async () => {
    wx.refusedOpenids.add('o_refuser');
    const r = await client().sendSubscribeMessage({ ...msg, touser: 'o_refuser' });
    expect(r).toMatchObject({ ok: false, errcode: 43101, attempts: 1, retryable: false });
    expect(wx.sendAttempts).toHaveLength(1);
  });

  it('reports invalid template data (47003) without retrying', async () => {
    const r = await client().sendSubscribeMessage({ ...msg, data: {} });
    expect(r).toMatchObject({ ok: false, errcode: 47003, attempts: 1, retryable: false });
  });

  it('refreshes an expired token (42001) once and retries', async () => {
    const c = client();
    const first = await c.getAccessToken();
    wx.expireAccessTokens();
    const r = await c.sendSubscribeMessage(msg);
    expect(r.ok).toBe(true);
    expect(wx.tokenIssued).toBe(2);
    expect(wx.sendAttempts.map((a) => a.errcode)).toEqual([42001, 0]);
    expect(await c.getAccessToken()).not.toBe(first);
  });

  it('never reports the access token or secret through its logger', async () => {
    const lines: string[] = [];
    const c = client({ logger: { warn: (o, m) => lines.push(JSON.stringify(o) + m) } });
    wx.failNextSends(1, -1);
    wx.expireAccessTokens();
    await c.sendSubscribeMessage(msg);
    wx.refusedOpenids.add(msg.touser);
    await c.sendSubscribeMessage(msg);
    const token = await c.getAccessToken();
    expect(lines.length).toBeGreaterThan(0);
    for (const l of lines) {
      expect(l).not.toContain(token);
      expect(l).not.toContain(wx.secret);
    }
    expect(JSON.stringify(c)).not.toContain(wx.secret);
  });
});

describe('content security', () => {
  it('passes ordinary text', async () => {
    const r = await client().msgSecCheck({ content: '建议在小区门口增加无障碍坡道', openid: 'o_1', scene: 2 });
    expect(r).toMatchObject({ pass: true, suggest: 'pass', label: 100 });
    expect(wx.secChecks[0]).toMatchObject({ version: 2, scene: 2, openid: 'o_1' });
  });

  it('flags banned words as risky, mapped to a Chinese rejection', async () => {
    const r = await client().msgSecCheck({ content: '楼下有人聚众赌博', openid: 'o_1', scene: 2 });
    expect(r).toMatchObject({ pass: false, suggest: 'risky', label: 20006 });
    expect(secCheckRejection(r)).toMatchObject({ status: 422, code: 'CONTENT_REJECTED', message: expect.stringContaining('违法犯罪') });
    expect(wechatAppError(r)).toMatchObject({ status: 422, code: 'CONTENT_REJECTED' });
  });

  it("treats 'review' as not publishable", async () => {
    await wx.stop();
    wx = await startFakeWechat({ reviewWords: ['可疑'] });
    const r = await client().msgSecCheck({ content: '有点可疑的内容', openid: 'o_1', scene: 3 });
    expect(r).toMatchObject({ pass: false, suggest: 'review' });
  });

  it('starts an async media check and returns its trace id', async () => {
    const r = await client().mediaCheckAsync({ mediaUrl: 'https://cdn.example.com/a.jpg', mediaType: 2, openid: 'o_1', scene: 1 });
    expect(wx.mediaChecks).toEqual([expect.objectContaining({ trace_id: r.traceId, media_type: 2, openid: 'o_1' })]);
  });
});
