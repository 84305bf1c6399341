// Login through WeChat, refresh-token rotation with reuse detection, logout, dev login, /api/me and privacy.
import jwt from 'jsonwebtoken';
import { MeResponse, PRIVACY_VERSION, TokenResponse } from '@gongzhi/shared';
import { startTestServer, type TestServer } from '../support/server';
import { startFakeWechat, type FakeWechat } from '../support/fakeWechat';
import { wechatEnvOf, wechatLogin } from '../support/identity';
import { RefreshToken, User } from '../../server/src/identity/model';

let s: TestServer;
let wx: FakeWechat;
beforeAll(async () => {
  wx = await startFakeWechat();
  s = await startTestServer({ DB_PREFIX: 'identity', ...wechatEnvOf(wx) });
});
afterAll(async () => {
  await s.stop();
  await wx.stop();
});

describe('WeChat login', () => {
  it('exchanges the code at the configured WeChat API, creates the user once, keeps the unionid', async () => {
    const first = await wechatLogin(s, wx, 'openid-alice', 'union-alice');
    expect(TokenResponse.parse(first).user.isNew).toBe(true);
    const call = wx.calls.find((c) => c.path === '/sns/jscode2session')!;
    expect(call.query).toEqual(expect.objectContaining({ appid: wx.appid, grant_type: 'authorization_code' }));
    const again = await wechatLogin(s, wx, 'openid-alice');
    expect(again.user).toEqual({ ...first.user, isNew: false });
    expect(await User.countDocuments({ openid: 'openid-alice' })).toBe(1);
    expect((await User.findOne({ openid: 'openid-alice' }).lean())!.unionid).toBe('union-alice');
    const me = await s.api('/api/me', { token: again.accessToken });
    expect(me.status).toBe(200);
    expect(me.body.id).toBe(first.user.id);
  });

  it('a used or unknown code is 401 WECHAT_LOGIN_FAILED; WeChat rate limiting is 429 with Retry-After', async () => {
    const code = wx.issueCode('openid-bob');
    expect((await s.api('/api/auth/wechat', { body: { code } })).status).toBe(200);
    const reused = await s.api('/api/auth/wechat', { body: { code } });
    expect(reused.status).toBe(401);
    expect(reused.body.error.code).toBe('WECHAT_LOGIN_FAILED');
    wx.setRateLimited(true);
    const limited = await s.api('/api/auth/wechat', { body: { code: wx.issueCode('openid-bob') } });
    wx.setRateLimited(false);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBeTruthy();
  });
});

describe('tokens', () => {
  it('refresh rotates: a new refresh token each time, the old one no longer works', async () => {
    const login = await wechatLogin(s, wx, 'openid-rot');
    const r1 = await s.api('/api/auth/refresh', { body: { refreshToken: login.refreshToken } });
    expect(r1.status).toBe(200);
    expect(r1.body.refreshToken).not.toBe(login.refreshToken);
    expect((await s.api('/api/me', { token: r1.body.accessToken })).status).toBe(200);
    const r2 = await s.api('/api/auth/refresh', { body: { refreshToken: r1.body.refreshToken } });
    expect(r2.status).toBe(200);
    // refresh tokens are stored hashed
    const stored = await RefreshToken.find({}).lean();
    expect(stored.some((t) => JSON.stringify(t).includes(r2.body.refreshToken))).toBe(false);
  });

  it('reusing a rotated refresh token revokes the whole family, access tokens included', async () => {
    const login = await wechatLogin(s, wx, 'openid-reuse');
    const r1 = await s.api('/api/auth/refresh', { body: { refreshToken: login.refreshToken } });
    const stolen = await s.api('/api/auth/refresh', { body: { refreshToken: login.refreshToken } });
    expect(stolen.status).toBe(401);
    expect(stolen.body.error.code).toBe('REFRESH_REUSED');
    const legit = await s.api('/api/auth/refresh', { body: { refreshToken: r1.body.refreshToken } });
    expect(legit.status).toBe(401);
    expect((await s.api('/api/me', { token: r1.body.accessToken })).status).toBe(401);
    // another device's session of the same user is untouched
    const other = await wechatLogin(s, wx, 'openid-reuse');
    expect((await s.api('/api/me', { token: other.accessToken })).status).toBe(200);
  });

  it('logout revokes the session: refresh fails and the access token stops working at once', async () => {
    const login = await wechatLogin(s, wx, 'openid-logout');
    const out = await s.api('/api/auth/logout', { token: login.accessToken, body: { refreshToken: login.refreshToken } });
    expect(out.status).toBe(200);
    const me = await s.api('/api/me', { token: login.accessToken });
    expect(me.status).toBe(401);
    expect(me.body.error.code).toBe('TOKEN_REVOKED');
    const r = await s.api('/api/auth/refresh', { body: { refreshToken: login.refreshToken } });
    expect(r.status).toBe(401);
    expect(r.body.error.code).toBe('REFRESH_REVOKED');
  });

  it('forged, expired and garbage tokens are 401 with stable codes', async () => {
    const login = await wechatLogin(s, wx, 'openid-forge');
    const claims = jwt.decode(login.accessToken) as Record<string, unknown>;
    const forged = jwt.sign({ typ: 'access', sid: claims.sid }, 'not-the-secret-at-all', { subject: String(claims.sub), expiresIn: 600 });
    expect((await s.api('/api/me', { token: forged })).body.error.code).toBe('TOKEN_INVALID');
    const expired = jwt.sign({ typ: 'access', sid: claims.sid, exp: Math.floor(Date.now() / 1000) - 10 }, 'dev-only-secret-change-me-please', {
      subject: String(claims.sub),
    });
    const e = await s.api('/api/me', { token: expired });
    expect(e.status).toBe(401);
    expect(e.body.error.code).toBe('TOKEN_EXPIRED');
    expect((await s.api('/api/me', { token: 'abc.def.ghi' })).status).toBe(401);
    expect((await s.api('/api/auth/refresh', { body: { refreshToken: 'rt_not-a-real-token-at-all' } })).body.error.code).toBe('REFRESH_INVALID');
    expect((await s.api('/api/me')).status).toBe(401);
  });
});

describe('me, privacy, preferences', () => {
  it('stores privacy agreement time and version; PATCH sets language and subscribe consent', async () => {
    const login = await wechatLogin(s, wx, 'openid-me');
    const before = MeResponse.parse((await s.api('/api/me', { token: login.accessToken })).body);
    expect(before.privacy).toEqual({ agreedAt: null, version: null, currentVersion: PRIVACY_VERSION, needsAgreement: true });
    expect(before).toEqual(expect.objectContaining({ lang: 'zh', subscribe: { notices: false }, grants: [], bindings: [] }));
    const old = await s.api('/api/me/privacy', { token: login.accessToken, body: { version: '2020-01' } });
    expect(old.status).toBe(400);
    expect(old.body.error.code).toBe('PRIVACY_VERSION_UNKNOWN');
    const agreed = await s.api('/api/me/privacy', { token: login.accessToken, body: { version: PRIVACY_VERSION } });
    expect(agreed.body.privacy.version).toBe(PRIVACY_VERSION);
    expect(agreed.body.privacy.needsAgreement).toBe(false);
    expect(Date.now() - Date.parse(agreed.body.privacy.agreedAt)).toBeLessThan(60_000);
    const patched = await s.api('/api/me', { method: 'PATCH', token: login.accessToken, body: { lang: 'bo', subscribeNotices: true, displayName: '次仁' } });
    expect(patched.status).toBe(200);
    expect(patched.body).toEqual(expect.objectContaining({ lang: 'bo', subscribe: { notices: true }, displayName: '次仁' }));
    const bad = await s.api('/api/me', { method: 'PATCH', token: login.accessToken, body: { lang: 'en' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
  });
});

describe('dev login', () => {
  it('does not exist unless DEV_LOGIN=true', async () => {
    expect((await s.api('/api/auth/dev-users')).status).toBe(404);
    const u = await User.create({ displayName: '测试' });
    expect((await s.api('/api/auth/dev-login', { body: { userId: String(u._id) } })).status).toBe(404);
  });
});
