import Taro from '@tarojs/taro';
import { errorText } from '../i18n/errors';
import { clearSession, getAccessToken, getRefreshToken, saveTokens } from './session';

/** '' = same origin (H5 served by the server); set at build time from TARO_APP_API_BASE (config/index.ts). */
export const API_BASE: string = (process.env.TARO_APP_API_BASE ?? '').replace(/\/$/, '');

/** The server's one error shape: `{ error: { code, message (中文), details? } }`. */
export interface ApiErrorBody {
  error: { code: string; message: string; details?: unknown };
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export type Query = Record<string, string | number | boolean | null | undefined>;
type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  /** Sent as `Idempotency-Key` so a retried write is applied once. */
  idempotencyKey?: string;
  /** Skip the bearer token (login endpoints). */
  anonymous?: boolean;
  timeoutMs?: number;
}

function isErrorBody(x: unknown): x is ApiErrorBody {
  const e = (x as ApiErrorBody | null)?.error;
  return typeof e === 'object' && e !== null && typeof e.code === 'string' && typeof e.message === 'string';
}

export function buildUrl(path: string, query?: Query): string {
  const qs = Object.entries(query ?? {})
    .filter(([, v]) => v !== undefined && v !== null)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
    .join('&');
  return `${API_BASE}${path}${qs ? (path.includes('?') ? '&' : '?') + qs : ''}`;
}

/** A random key for one user action; reuse it when retrying that same action. */
export function newIdempotencyKey(): string {
  const rnd = () => Math.random().toString(36).slice(2, 10);
  return `${Date.now().toString(36)}-${rnd()}${rnd()}`;
}

interface RawResponse {
  statusCode: number;
  data: unknown;
}

async function send(method: Method, path: string, opts: RequestOptions): Promise<RawResponse> {
  const header: Record<string, string> = { Accept: 'application/json' };
  if (opts.body !== undefined) header['Content-Type'] = 'application/json';
  if (opts.idempotencyKey) header['Idempotency-Key'] = opts.idempotencyKey;
  const token = opts.anonymous ? undefined : getAccessToken();
  if (token) header.Authorization = `Bearer ${token}`;
  try {
    return await Taro.request({
      url: buildUrl(path, opts.query),
      method,
      data: opts.body as Taro.request.Option['data'],
      header,
      dataType: 'json',
      timeout: opts.timeoutMs ?? 15000,
    });
  } catch {
    throw new ApiError(0, 'NETWORK_ERROR', '网络连接失败，请检查网络后重试');
  }
}

function toError(res: RawResponse): ApiError {
  if (isErrorBody(res.data)) {
    const { code, message, details } = res.data.error;
    return new ApiError(res.statusCode, code, message, details);
  }
  return new ApiError(res.statusCode, 'HTTP_' + res.statusCode, `请求失败（${res.statusCode}），请稍后重试`);
}

// One refresh at a time: concurrent 401s wait for the same attempt.
let refreshing: Promise<boolean> | null = null;

/** POST /api/auth/refresh with the stored refresh token; false (and the session cleared) when it is refused. */
export function refreshAccessToken(): Promise<boolean> {
  const refreshToken = getRefreshToken();
  if (!refreshToken) return Promise.resolve(false);
  refreshing ??= (async () => {
    try {
      const res = await send('POST', '/api/auth/refresh', { body: { refreshToken }, anonymous: true });
      const data = res.data as { accessToken?: string; refreshToken?: string } | null;
      if (res.statusCode >= 200 && res.statusCode < 300 && data?.accessToken) {
        saveTokens({ accessToken: data.accessToken, refreshToken: data.refreshToken });
        return true;
      }
      if (res.statusCode === 401 || res.statusCode === 400) clearSession();
      return false;
    } catch {
      return false; // network trouble: keep the session, the caller sees the original 401
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}

export async function request<T>(method: Method, path: string, opts: RequestOptions = {}): Promise<T> {
  let res = await send(method, path, opts);
  // An expired access token is renewed once; a second 401 is final.
  if (res.statusCode === 401 && !opts.anonymous && getRefreshToken() && (await refreshAccessToken())) {
    res = await send(method, path, opts);
  }
  if (res.statusCode >= 200 && res.statusCode < 300) return res.data as T;
  throw toError(res);
}

type WriteOpts = Pick<RequestOptions, 'idempotencyKey' | 'anonymous' | 'query' | 'timeoutMs'>;

export const api = {
  get: <T>(path: string, query?: Query, opts?: Omit<RequestOptions, 'query' | 'body'>) => request<T>('GET', path, { ...opts, query }),
  post: <T>(path: string, body?: unknown, opts?: WriteOpts) => request<T>('POST', path, { ...opts, body }),
  put: <T>(path: string, body?: unknown, opts?: WriteOpts) => request<T>('PUT', path, { ...opts, body }),
  patch: <T>(path: string, body?: unknown, opts?: WriteOpts) => request<T>('PATCH', path, { ...opts, body }),
  del: <T>(path: string, opts?: WriteOpts) => request<T>('DELETE', path, opts),
};

/** The message to show a person, in their language: mapped from the error code (i18n/errors.ts), never raw for bo. */
export function errorMessage(e: unknown): string {
  if (e instanceof ApiError) return errorText({ status: e.status, code: e.code, message: e.message });
  return errorText(null);
}
