// WeChat server-API client: login (jscode2session), access token, subscribe messages, content security.
// Secrets and access tokens travel only in request URLs/bodies; they are never logged or put in error messages.
import { AppError, tooManyRequests } from './errors';

/** Local pseudo-errcodes for failures that never reached a WeChat answer (both are transient). */
export const NETWORK_ERRCODE = -10001;
export const BAD_RESPONSE_ERRCODE = -10002;
const TOKEN_ERRCODES = new Set([40001, 41001, 42001]);
const TRANSIENT_ERRCODES = new Set([-1, NETWORK_ERRCODE, BAD_RESPONSE_ERRCODE]);
const TOKEN_REFRESH_MARGIN_MS = 5 * 60_000;

export class WechatError extends Error {
  readonly transient: boolean;
  constructor(
    readonly errcode: number,
    readonly errmsg: string,
    transient?: boolean,
  ) {
    super(`WeChat API error ${errcode}: ${errmsg}`);
    this.name = 'WechatError';
    this.transient = transient ?? TRANSIENT_ERRCODES.has(errcode);
  }
}

export interface StoredAccessToken {
  token: string;
  expiresAt: number; /* epoch ms */
}
/** Optional shared cache (e.g. MongoDB) so several server instances reuse one token. */
export interface AccessTokenStore {
  get(): Promise<StoredAccessToken | null>;
  set(value: StoredAccessToken): Promise<void>;
}
/** pino-compatible subset. */
export interface WechatLogger {
  warn(obj: object, msg: string): void;
}

export interface WechatClientOptions {
  apiBase: string; // 'https://api.weixin.qq.com' in production
  appid: string;
  secret: string;
  fetch?: typeof fetch;
  tokenStore?: AccessTokenStore;
  /** 'stable' (default) = POST /cgi-bin/stable_token, which doesn't invalidate tokens other instances hold. */
  tokenEndpoint?: 'stable' | 'legacy';
  maxSendAttempts?: number; // default 4
  retryBaseDelayMs?: number; // default 200, doubled per attempt (plus jitter)
  retryMaxDelayMs?: number; // default 5000
  timeoutMs?: number; // per request, default 10000
  now?: () => number;
  logger?: WechatLogger;
}

export interface Code2SessionResult {
  openid: string;
  unionid?: string;
  sessionKey: string;
}
export type SubscribeData = Record<string, string | { value: string }>;
export interface SubscribeMessage {
  touser: string;
  templateId: string;
  page?: string;
  data: SubscribeData;
  miniprogramState?: 'developer' | 'trial' | 'formal';
  lang?: 'zh_CN' | 'en_US' | 'zh_HK' | 'zh_TW';
}
export interface SendResult {
  ok: boolean;
  errcode: number;
  errmsg: string;
  attempts: number;
  msgid?: number;
  /** ok:false only: true when the failure was transient (worth re-queueing later). */
  retryable: boolean;
}
/** 1 资料 2 评论 3 论坛 4 社交日志 */
export type SecCheckScene = 1 | 2 | 3 | 4;
export type SecSuggest = 'pass' | 'review' | 'risky';
export interface SecCheckResult {
  pass: boolean;
  suggest: SecSuggest;
  label: number;
  traceId?: string;
}

type Outcome<T> = { ok: true; value: T; attempts: number } | { ok: false; error: WechatError; attempts: number };

/** The fields of WeChat's JSON answers read here. Every answer is checked to be an object; each field before use. */
interface WechatAnswer {
  errcode?: unknown;
  errmsg?: unknown;
  openid?: unknown;
  session_key?: unknown;
  unionid?: unknown;
  access_token?: unknown;
  expires_in?: unknown;
  msgid?: number;
  trace_id?: string;
  result?: { suggest?: string; label?: number | string };
  phone_info?: { phoneNumber?: string; purePhoneNumber?: string; countryCode?: string; watermark?: { appid?: string } };
}

export class WechatClient {
  readonly appid: string;
  readonly #secret: string; // private field: not enumerable, so never serialized into logs
  readonly #opts: WechatClientOptions;
  #cached: StoredAccessToken | null = null;
  #rejected: string | null = null;
  #inflight: Promise<StoredAccessToken> | null = null;

  constructor(opts: WechatClientOptions) {
    this.appid = opts.appid;
    this.#secret = opts.secret;
    this.#opts = { ...opts, secret: '' };
  }

  /** Exchanges a wx.login() code. Throws WechatError (40029/40163 invalid or used code, 45011 rate limit, …). */
  async code2Session(code: string): Promise<Code2SessionResult> {
    if (typeof code !== 'string' || code.trim() === '') throw new WechatError(41008, 'missing code');
    const r = await this.#request('GET', '/sns/jscode2session', {
      appid: this.appid,
      secret: this.#secret,
      js_code: code,
      grant_type: 'authorization_code',
    });
    if (typeof r.openid !== 'string' || typeof r.session_key !== 'string') {
      throw new WechatError(BAD_RESPONSE_ERRCODE, 'jscode2session: missing openid/session_key');
    }
    return { openid: r.openid, sessionKey: r.session_key, ...(typeof r.unionid === 'string' ? { unionid: r.unionid } : {}) };
  }

  /** Cached until 5 min before expiry; concurrent callers share one refresh. */
  async getAccessToken(): Promise<string> {
    const c = this.#cached;
    if (c && this.#fresh(c)) return c.token;
    this.#inflight ??= this.#refreshToken().finally(() => {
      this.#inflight = null;
    });
    return (await this.#inflight).token;
  }

  /** Drops a token WeChat rejected so the next getAccessToken() fetches another (also skipping it in the store). */
  invalidateAccessToken(token: string): void {
    this.#rejected = token;
    if (this.#cached?.token === token) this.#cached = null;
  }

  /** Never throws for WeChat-side failures: 43101 (user refused/not subscribed) etc. come back as ok:false. */
  async sendSubscribeMessage(msg: SubscribeMessage): Promise<SendResult> {
    const data = Object.fromEntries(Object.entries(msg.data).map(([k, v]) => [k, typeof v === 'string' ? { value: v } : { value: v.value }]));
    const body = {
      touser: msg.touser,
      template_id: msg.templateId,
      data,
      ...(msg.page ? { page: msg.page } : {}),
      miniprogram_state: msg.miniprogramState ?? 'formal',
      lang: msg.lang ?? 'zh_CN',
    };
    const out = await this.#withToken('/cgi-bin/message/subscribe/send', body, this.#opts.maxSendAttempts ?? 4);
    if (out.ok) {
      return { ok: true, errcode: 0, errmsg: 'ok', attempts: out.attempts, msgid: out.value.msgid, retryable: false };
    }
    const e = out.error;
    return { ok: false, errcode: e.errcode, errmsg: e.errmsg, attempts: out.attempts, retryable: e.transient };
  }

  /**
   * Text security check (v2). `pass` is true only for suggest 'pass': 'review' (machine unsure) is treated as
   * not publishable, because everything we check is displayed publicly to the whole community.
   * Throws WechatError when WeChat can't give a verdict — callers decide whether to fail closed.
   */
  async msgSecCheck(input: { content: string; openid: string; scene: SecCheckScene; title?: string }): Promise<SecCheckResult> {
    const body = { content: input.content, version: 2, scene: input.scene, openid: input.openid, ...(input.title ? { title: input.title } : {}) };
    const out = await this.#withToken('/wxa/msg_sec_check', body, 2);
    if (!out.ok) throw out.error;
    const suggest = out.value.result?.suggest as SecSuggest | undefined;
    if (suggest !== 'pass' && suggest !== 'review' && suggest !== 'risky') {
      throw new WechatError(BAD_RESPONSE_ERRCODE, 'msg_sec_check: missing result.suggest');
    }
    return { pass: suggest === 'pass', suggest, label: Number(out.value.result?.label ?? 0), traceId: out.value.trace_id };
  }

  /**
   * 手机号快速验证: exchanges the getPhoneNumber button's one-time code for the user's verified phone.
   * Throws WechatError (40029 invalid/expired/used code, -1 busy after retries, 40013 appid mismatch, …).
   */
  async getPhoneNumber(code: string): Promise<{ phoneNumber: string; purePhoneNumber: string; countryCode: string }> {
    if (typeof code !== 'string' || code.trim() === '') throw new WechatError(40029, 'missing code');
    const out = await this.#withToken('/wxa/business/getuserphonenumber', { code }, 2);
    if (!out.ok) throw out.error;
    const info = out.value.phone_info;
    if (typeof info?.purePhoneNumber !== 'string' || !info.purePhoneNumber) {
      throw new WechatError(BAD_RESPONSE_ERRCODE, 'getuserphonenumber: missing phone_info');
    }
    if (info.watermark?.appid !== undefined && info.watermark.appid !== this.appid) throw new WechatError(40013, 'watermark appid mismatch');
    return {
      phoneNumber: String(info.phoneNumber ?? info.purePhoneNumber),
      purePhoneNumber: info.purePhoneNumber,
      countryCode: String(info.countryCode ?? ''),
    };
  }

  /** Starts an async image/audio check; the verdict arrives later as a push event carrying this traceId. */
  async mediaCheckAsync(input: { mediaUrl: string; mediaType: 1 | 2; openid: string; scene: SecCheckScene }): Promise<{ traceId: string }> {
    const body = { media_url: input.mediaUrl, media_type: input.mediaType, version: 2, scene: input.scene, openid: input.openid };
    const out = await this.#withToken('/wxa/media_check_async', body, 2);
    if (!out.ok) throw out.error;
    return { traceId: String(out.value.trace_id) };
  }

  #now(): number {
    return (this.#opts.now ?? Date.now)();
  }
  #fresh(t: StoredAccessToken): boolean {
    return t.token !== this.#rejected && this.#now() < t.expiresAt - TOKEN_REFRESH_MARGIN_MS;
  }

  async #refreshToken(): Promise<StoredAccessToken> {
    const store = this.#opts.tokenStore;
    if (store) {
      const stored = await store.get().catch((e: unknown) => {
        this.#warn({ err: errName(e) }, 'wechat token store get failed');
        return null;
      });
      if (stored && this.#fresh(stored)) return (this.#cached = stored);
    }
    const legacy = this.#opts.tokenEndpoint === 'legacy';
    const r = legacy
      ? await this.#request('GET', '/cgi-bin/token', { grant_type: 'client_credential', appid: this.appid, secret: this.#secret })
      : await this.#request('POST', '/cgi-bin/stable_token', {}, { grant_type: 'client_credential', appid: this.appid, secret: this.#secret });
    if (typeof r.access_token !== 'string' || typeof r.expires_in !== 'number') {
      throw new WechatError(BAD_RESPONSE_ERRCODE, 'token: missing access_token/expires_in');
    }
    const fresh = { token: r.access_token, expiresAt: this.#now() + r.expires_in * 1000 };
    this.#cached = fresh;
    this.#rejected = null; // WeChat's own answer is authoritative, even if it repeats the rejected token
    if (store) await store.set(fresh).catch((e: unknown) => this.#warn({ err: errName(e) }, 'wechat token store set failed'));
    return fresh;
  }

  /** POSTs with an access token: one refresh+retry on token errors, backoff retries on transient errors. */
  async #withToken(path: string, body: unknown, maxAttempts: number): Promise<Outcome<WechatAnswer>> {
    let attempts = 0;
    let tokenRetried = false;
    for (;;) {
      attempts++;
      let token: string | undefined;
      try {
        token = await this.getAccessToken();
        return { ok: true, value: await this.#request('POST', path, { access_token: token }, body), attempts };
      } catch (e) {
        const err = e instanceof WechatError ? e : new WechatError(NETWORK_ERRCODE, errName(e), true);
        if (token && TOKEN_ERRCODES.has(err.errcode) && !tokenRetried) {
          tokenRetried = true;
          this.invalidateAccessToken(token);
          continue; // immediate retry with a fresh token
        }
        if (!err.transient || attempts >= maxAttempts) {
          this.#warn({ api: path, errcode: err.errcode, attempts }, 'wechat call failed');
          return { ok: false, error: err, attempts };
        }
        this.#warn({ api: path, errcode: err.errcode, attempt: attempts }, 'wechat call failed, retrying');
        await sleep(this.#backoff(attempts));
      }
    }
  }

  #backoff(attempt: number): number {
    const base = this.#opts.retryBaseDelayMs ?? 200;
    const d = Math.min(this.#opts.retryMaxDelayMs ?? 5000, base * 2 ** (attempt - 1));
    return d / 2 + Math.random() * (d / 2);
  }

  async #request(method: 'GET' | 'POST', path: string, query: Record<string, string>, body?: unknown): Promise<WechatAnswer> {
    const url = new URL(this.#opts.apiBase.replace(/\/+$/, '') + path);
    for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
    const doFetch = this.#opts.fetch ?? fetch;
    let res: Response;
    try {
      res = await doFetch(url, {
        method,
        headers: body === undefined ? undefined : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.#opts.timeoutMs ?? 10_000),
      });
    } catch (e) {
      throw new WechatError(NETWORK_ERRCODE, `network error: ${errName(e)}`, true);
    }
    const text = await res.text().catch(() => '');
    if (!res.ok) throw new WechatError(BAD_RESPONSE_ERRCODE, `http ${res.status}`, res.status >= 500 || res.status === 429);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new WechatError(BAD_RESPONSE_ERRCODE, 'response is not JSON', true);
    }
    // `null`, a number or an array is JSON too: callers read fields, so anything but an object is a bad answer.
    if (json === null || typeof json !== 'object' || Array.isArray(json)) throw new WechatError(BAD_RESPONSE_ERRCODE, 'response is not a JSON object', true);
    const answer = json as WechatAnswer;
    if (typeof answer.errcode === 'number' && answer.errcode !== 0) throw new WechatError(answer.errcode, String(answer.errmsg ?? ''));
    return answer;
  }

  #warn(obj: object, msg: string): void {
    this.#opts.logger?.warn(obj, msg);
  }
}

function errName(e: unknown): string {
  const cause = (e as { cause?: { code?: string } })?.cause?.code;
  return cause ?? (e instanceof Error ? e.name : 'unknown'); // names/codes only: messages may echo URLs
}
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

// ---- mapping to our API errors ({ error: { code, message } }) ----

export interface WechatApiError {
  status: number;
  code: string;
  message: string;
  retryAfterSeconds?: number;
}

/** Status/code/Chinese message for a WeChat failure seen by one of our API calls (login, content checks). */
export function wechatErrorToApiError(e: WechatError): WechatApiError {
  switch (e.errcode) {
    case 40029:
    case 40163:
    case 41008:
      return { status: 401, code: 'WECHAT_LOGIN_FAILED', message: '微信登录失败：登录凭证无效或已使用，请重新登录' };
    case 45011:
      return { status: 429, code: 'RATE_LIMITED', message: '登录过于频繁，请稍后再试', retryAfterSeconds: 60 };
    case 40226:
      return { status: 403, code: 'WECHAT_USER_RISKY', message: '该微信账号存在安全风险，暂时无法登录' };
    case 87014:
      return { status: 422, code: 'CONTENT_REJECTED', message: '内容含有违规信息，请修改后再提交' };
    default: // misconfiguration (40013/40125/40164…) and outages look the same to users; details go to our logs
      return e.transient
        ? { status: 503, code: 'WECHAT_UNAVAILABLE', message: '微信服务繁忙，请稍后再试', retryAfterSeconds: 5 }
        : { status: 502, code: 'WECHAT_ERROR', message: '微信服务调用失败，请稍后再试' };
  }
}

const SEC_LABELS: Record<number, string> = {
  10001: '广告',
  20001: '时政',
  20002: '色情',
  20003: '辱骂',
  20006: '违法犯罪',
  20008: '欺诈',
  20012: '低俗',
  20013: '版权',
  21000: '其他',
};
/** API error for content that failed msgSecCheck (pass:false). */
export function secCheckRejection(r: SecCheckResult): WechatApiError {
  const what = SEC_LABELS[r.label];
  return r.suggest === 'review'
    ? { status: 422, code: 'CONTENT_REJECTED', message: '内容未通过安全审核，请修改后再提交' }
    : { status: 422, code: 'CONTENT_REJECTED', message: `内容含有违规信息${what ? `（${what}）` : ''}，请修改后再提交` };
}

/** The AppError to throw from a route for a WechatError (or for a pass:false msgSecCheck result). */
export function wechatAppError(e: WechatError | SecCheckResult): AppError {
  const m = e instanceof WechatError ? wechatErrorToApiError(e) : secCheckRejection(e);
  if (m.status === 429) return tooManyRequests(m.retryAfterSeconds ?? 60, m.message);
  const headers: Record<string, string> = m.retryAfterSeconds ? { 'Retry-After': String(m.retryAfterSeconds) } : {};
  return new AppError(m.status, m.code, m.message, undefined, headers);
}
