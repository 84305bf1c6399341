// A real HTTP server that behaves like api.weixin.qq.com for the endpoints we use: same paths,
// parameters, HTTP-200-with-errcode error style and error codes. Every call is recorded for assertions.
import http from 'node:http';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Json } from './json';

export interface FakeWechatOptions {
  appid?: string;
  secret?: string;
  tokenTtlSeconds?: number; // expires_in of issued access tokens (WeChat: 7200)
  bannedWords?: string[]; // msg_sec_check → suggest 'risky', label 20006
  reviewWords?: string[]; // msg_sec_check → suggest 'review', label 21000
  refusedOpenids?: string[]; // subscribe/send → 43101
  templates?: Record<string, string[]>; // template_id → required data keys; unset = any template accepted
}
export interface RecordedCall {
  method: string;
  path: string;
  query: Record<string, string>;
  body: Json;
  errcode: number;
}
export interface SubscribeSend {
  touser: string;
  template_id: string;
  page?: string;
  data: Record<string, { value: string }>;
  miniprogram_state?: string;
  lang?: string;
  msgid: number;
}
export interface SecCheckRecord {
  content: string;
  openid?: string;
  scene?: number;
  version?: number;
  suggest: string;
  label: number;
}
export interface MediaCheckRecord {
  media_url: string;
  media_type: number;
  openid?: string;
  scene?: number;
  trace_id: string;
}
export type SendFailure = number | 'network' | 'http500';

export interface FakeWechat {
  baseUrl: string;
  appid: string;
  secret: string;
  stop(): Promise<void>;
  issueCode(openid: string, opts?: { unionid?: string }): string;
  calls: RecordedCall[];
  sent: SubscribeSend[]; // successfully delivered messages
  sendAttempts: RecordedCall[]; // every subscribe/send call, failed ones included
  secChecks: SecCheckRecord[];
  mediaChecks: MediaCheckRecord[];
  readonly tokenIssued: number; // successful token responses (both endpoints)
  readonly tokensMinted: number; // distinct access tokens created
  refusedOpenids: Set<string>;
  bannedWords: string[];
  setRateLimited(on: boolean): void;
  expireAccessTokens(): void;
  failNextSends(n: number, errcode?: SendFailure): void;
  /** A 手机号快速验证 code (getPhoneNumber button) for `phone`: valid 5 minutes, one use; `appid` other than ours → 40013. */
  issuePhoneCode(phone: string, opts?: { appid?: string; ttlMs?: number }): string;
  /** The next n getuserphonenumber calls answer this errcode (e.g. -1 busy). */
  failNextPhoneCalls(n: number, errcode?: number): void;
  phoneLookups: { code: string; errcode: number }[];
}

const ERR: Record<number, string> = {
  [-1]: 'system error',
  40001: 'invalid credential, access_token is invalid or not latest',
  40002: 'invalid grant_type',
  40003: 'invalid openid',
  40013: 'invalid appid',
  40029: 'invalid code',
  40037: 'invalid template_id',
  40097: 'invalid args',
  40125: 'invalid appsecret',
  40163: 'code been used',
  41001: 'access_token missing',
  41002: 'appid missing',
  41004: 'appsecret missing',
  41008: 'missing code',
  42001: 'access_token expired',
  43101: 'user refuse to accept the msg',
  45011: 'api minute-quota reach limit  mustslower  retry next minute',
  47001: 'data format error',
  87014: 'risky content',
};
const rid = () => randomBytes(6).toString('hex');
const err = (code: number, msg = ERR[code] ?? 'error') => ({ errcode: code, errmsg: `${msg}, rid: ${rid()}` });

interface TokenRec {
  kind: 'legacy' | 'stable';
  expiresAt: number;
  invalidAfter?: number;
}
interface CodeRec {
  openid: string;
  unionid?: string;
  expiresAt: number;
  used: boolean;
}
interface PhoneCodeRec {
  phone: string;
  appid: string;
  expiresAt: number;
  used: boolean;
}

export async function startFakeWechat(opts: FakeWechatOptions = {}): Promise<FakeWechat> {
  const appid = opts.appid ?? 'wxfake0000000001';
  const secret = opts.secret ?? 'fake-secret-' + randomBytes(8).toString('hex');
  const ttl = opts.tokenTtlSeconds ?? 7200;
  const codes = new Map<string, CodeRec>();
  const tokens = new Map<string, TokenRec>();
  const latest: Record<TokenRec['kind'], string | undefined> = { legacy: undefined, stable: undefined };
  let rateLimited = false;
  let tokenIssued = 0;
  let msgid = 2_000_000_000;
  const failQueue: SendFailure[] = [];
  const phoneCodes = new Map<string, PhoneCodeRec>();
  const phoneFailQueue: number[] = [];

  const fake = {
    baseUrl: '',
    appid,
    secret,
    calls: [] as RecordedCall[],
    sent: [] as SubscribeSend[],
    sendAttempts: [] as RecordedCall[],
    secChecks: [] as SecCheckRecord[],
    mediaChecks: [] as MediaCheckRecord[],
    refusedOpenids: new Set(opts.refusedOpenids ?? []),
    bannedWords: opts.bannedWords ?? ['违禁词', '赌博', 'badword'],
    get tokenIssued() {
      return tokenIssued;
    },
    get tokensMinted() {
      return tokens.size;
    },
    issueCode(openid: string, o: { unionid?: string } = {}) {
      const code = randomBytes(16).toString('hex');
      codes.set(code, { openid, unionid: o.unionid, expiresAt: Date.now() + 5 * 60_000, used: false });
      return code;
    },
    setRateLimited(on: boolean) {
      rateLimited = on;
    },
    expireAccessTokens() {
      const now = Date.now();
      for (const t of tokens.values()) t.expiresAt = Math.min(t.expiresAt, now);
    },
    failNextSends(n: number, errcode: SendFailure = -1) {
      for (let i = 0; i < n; i++) failQueue.push(errcode);
    },
    phoneLookups: [] as { code: string; errcode: number }[],
    issuePhoneCode(phone: string, o: { appid?: string; ttlMs?: number } = {}) {
      const code = randomBytes(16).toString('hex');
      phoneCodes.set(code, { phone, appid: o.appid ?? appid, expiresAt: Date.now() + (o.ttlMs ?? 5 * 60_000), used: false });
      return code;
    },
    failNextPhoneCalls(n: number, errcode = -1) {
      for (let i = 0; i < n; i++) phoneFailQueue.push(errcode);
    },
    stop: async () => {},
  };

  function mint(kind: TokenRec['kind']) {
    const token = `${kind === 'stable' ? 'ST' : 'AT'}_${randomBytes(24).toString('base64url')}`;
    tokens.set(token, { kind, expiresAt: Date.now() + ttl * 1000 });
    latest[kind] = token;
    return token;
  }
  const grant = (token: string) => {
    tokenIssued++;
    return { access_token: token, expires_in: Math.max(0, Math.round((tokens.get(token)!.expiresAt - Date.now()) / 1000)) };
  };
  const credentialError = (a?: string, s?: string) => (!a ? err(41002) : a !== appid ? err(40013) : !s ? err(41004) : s !== secret ? err(40125) : null);

  function tokenError(q: Record<string, string>) {
    const rec = q.access_token ? tokens.get(q.access_token) : undefined;
    if (!q.access_token) return err(41001);
    if (!rec || (rec.invalidAfter !== undefined && Date.now() >= rec.invalidAfter)) return err(40001);
    if (Date.now() >= rec.expiresAt) return err(42001);
    return null;
  }

  const routes: Record<string, (q: Record<string, string>, b: Json) => Json> = {
    'GET /sns/jscode2session': (q) => {
      const bad = credentialError(q.appid, q.secret);
      if (bad) return bad;
      if (q.grant_type !== 'authorization_code') return err(40002);
      if (!q.js_code) return err(41008);
      if (rateLimited) return err(45011);
      const rec = codes.get(q.js_code);
      if (!rec || Date.now() > rec.expiresAt) return err(40029);
      if (rec.used) return err(40163); // real WeChat answers a reused code with 40163, not 40029
      rec.used = true;
      return { openid: rec.openid, session_key: randomBytes(16).toString('base64'), ...(rec.unionid ? { unionid: rec.unionid } : {}) };
    },
    'GET /cgi-bin/token': (q) => {
      if (q.grant_type !== 'client_credential') return err(40002);
      const bad = credentialError(q.appid, q.secret);
      if (bad) return bad;
      // A new legacy token leaves the previous one valid for 5 more minutes, then it stops working.
      const prev = latest.legacy && tokens.get(latest.legacy);
      if (prev) prev.invalidAfter = Math.min(prev.invalidAfter ?? Infinity, Date.now() + 5 * 60_000);
      return grant(mint('legacy'));
    },
    'POST /cgi-bin/stable_token': (_q, b) => {
      if (!b || b.grant_type !== 'client_credential') return err(40002);
      const bad = credentialError(b.appid, b.secret);
      if (bad) return bad;
      const cur = latest.stable && tokens.get(latest.stable);
      if (b.force_refresh === true) {
        if (cur) cur.invalidAfter = Date.now();
        return grant(mint('stable'));
      }
      // Normal mode: same token while valid; renewed in its last 5 minutes (old one lives until expiry).
      if (cur && cur.invalidAfter === undefined && cur.expiresAt - Date.now() > 5 * 60_000) return grant(latest.stable!);
      return grant(mint('stable'));
    },
    'POST /cgi-bin/message/subscribe/send': (q, b) => {
      const bad = tokenError(q);
      if (bad) return bad;
      const fail = failQueue.shift();
      if (fail !== undefined) return fail === 'network' ? DROP : fail === 'http500' ? HTTP500 : err(fail);
      if (!b || typeof b.touser !== 'string' || !b.touser) return err(40003);
      if (typeof b.template_id !== 'string' || !b.template_id) return err(40037);
      const required = opts.templates ? opts.templates[b.template_id] : [];
      if (!required) return err(40037);
      if (fake.refusedOpenids.has(b.touser)) return err(43101);
      const data = b.data;
      if (!data || typeof data !== 'object' || Object.keys(data).length === 0) return err(47003, 'argument invalid! data is empty');
      for (const k of new Set([...required, ...Object.keys(data)])) {
        if (typeof data[k]?.value !== 'string' || !data[k].value) return err(47003, `argument invalid! data.${k}.value is empty`);
      }
      if (b.miniprogram_state !== undefined && !['developer', 'trial', 'formal'].includes(b.miniprogram_state)) {
        return err(47001, 'miniprogram_state invalid');
      }
      const rec: SubscribeSend = { ...b, msgid: ++msgid };
      fake.sent.push(rec);
      return { errcode: 0, errmsg: 'ok', msgid: rec.msgid };
    },
    // 手机号快速验证: the button's one-time code → the user's verified phone (real error codes: -1, 40029, 40013).
    'POST /wxa/business/getuserphonenumber': (q, b) => {
      const bad = tokenError(q);
      if (bad) return bad;
      const code = typeof b?.code === 'string' ? b.code : '';
      const answer = (out: Json) => {
        fake.phoneLookups.push({ code, errcode: out.errcode ?? 0 });
        return out;
      };
      const fail = phoneFailQueue.shift();
      if (fail !== undefined) return answer(err(fail));
      if (!code) return answer(err(47001));
      const rec = phoneCodes.get(code);
      if (!rec || rec.used || Date.now() > rec.expiresAt) return answer(err(40029));
      if (rec.appid !== appid) return answer(err(40013));
      rec.used = true;
      const pure = rec.phone.replace(/^\+?86/, '');
      return answer({
        errcode: 0,
        errmsg: 'ok',
        phone_info: { phoneNumber: pure, purePhoneNumber: pure, countryCode: '86', watermark: { timestamp: Math.floor(Date.now() / 1000), appid } },
      });
    },
    'POST /wxa/msg_sec_check': (q, b) => {
      const bad = tokenError(q);
      if (bad) return bad;
      if (!b || typeof b.content !== 'string') return err(47001);
      const content: string = b.content;
      const hit = fake.bannedWords.find((w) => content.includes(w));
      const review = (opts.reviewWords ?? []).find((w) => content.includes(w));
      const suggest = hit ? 'risky' : review ? 'review' : 'pass';
      const label = hit ? 20006 : review ? 21000 : 100;
      if (b.version !== 2) {
        // legacy v1: only errcode 87014 for risky content
        fake.secChecks.push({ content, version: b.version, suggest, label });
        return hit ? err(87014) : { errcode: 0, errmsg: 'ok' };
      }
      if (typeof b.openid !== 'string' || !b.openid) return err(40003);
      if (![1, 2, 3, 4].includes(b.scene)) return err(40097, 'invalid args: scene');
      fake.secChecks.push({ content, openid: b.openid, scene: b.scene, version: 2, suggest, label });
      return {
        errcode: 0,
        errmsg: 'ok',
        result: { suggest, label },
        detail: [
          { strategy: 'content_model', errcode: 0, suggest, label, prob: hit || review ? 90 : 0 },
          { strategy: 'keyword', errcode: 0, suggest, label, level: hit ? 20 : 0, ...(hit || review ? { keyword: hit ?? review } : {}) },
        ],
        trace_id: `${Date.now().toString(16)}-${rid()}`,
      };
    },
    'POST /wxa/media_check_async': (q, b) => {
      const bad = tokenError(q);
      if (bad) return bad;
      if (!b || typeof b.media_url !== 'string' || !b.media_url || ![1, 2].includes(b.media_type)) return err(47001);
      if (b.version === 2 && (typeof b.openid !== 'string' || !b.openid)) return err(40003);
      const trace_id = `${Date.now().toString(16)}-${rid()}`;
      fake.mediaChecks.push({ media_url: b.media_url, media_type: b.media_type, openid: b.openid, scene: b.scene, trace_id });
      return { errcode: 0, errmsg: 'ok', trace_id };
    },
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://fake');
      const query = Object.fromEntries(url.searchParams);
      const raw = Buffer.concat(chunks).toString('utf8');
      let body: Json;
      let out: Json;
      try {
        body = raw ? JSON.parse(raw) : undefined;
      } catch {
        out = err(47001);
      }
      const handler = routes[`${req.method} ${url.pathname}`];
      if (!out) out = handler ? handler(query, body) : NOT_FOUND;
      const call: RecordedCall = { method: req.method ?? '', path: url.pathname, query, body, errcode: out?.errcode ?? 0 };
      if (out === DROP) call.errcode = -99;
      if (out === HTTP500) call.errcode = -500;
      fake.calls.push(call);
      if (url.pathname === '/cgi-bin/message/subscribe/send') fake.sendAttempts.push(call);
      if (out === DROP) return void req.socket.destroy();
      if (out === HTTP500) {
        res.writeHead(500, { 'content-type': 'text/html' });
        return void res.end('<html>500 Internal Server Error</html>');
      }
      // jscode2session really answers with text/plain; the rest with JSON.
      const type = url.pathname === '/sns/jscode2session' ? 'text/plain' : 'application/json; encoding=utf-8';
      res.writeHead(out === NOT_FOUND ? 404 : 200, { 'content-type': type });
      res.end(JSON.stringify(out));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.stop = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return fake;
}

const DROP = { errcode: -99, errmsg: 'connection dropped' };
const HTTP500 = { errcode: -500, errmsg: 'http 500' };
const NOT_FOUND = { errcode: 404, errmsg: 'not found' };
