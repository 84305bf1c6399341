import { RuleInputError } from '@gongzhi/shared';

/** The one error model: `{ error: { code, message (Chinese), details? } }` with an HTTP status. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export const badRequest = (code: string, msg: string, details?: unknown) => new AppError(400, code, msg, details);
export const unauthorized = (code = 'UNAUTHORIZED', msg = '请先登录') => new AppError(401, code, msg);
export const forbidden = (code = 'FORBIDDEN', msg = '没有权限执行此操作') => new AppError(403, code, msg);
export const notFound = (code = 'NOT_FOUND', msg = '对象不存在') => new AppError(404, code, msg);
export const conflict = (code: string, msg: string, details?: unknown) => new AppError(409, code, msg, details);
export const unprocessable = (code: string, msg: string, details?: unknown) => new AppError(422, code, msg, details);
/** A shared rule refused its input (`RuleInputError`): 422 with the rule's Chinese message; anything else is rethrown. */
export function ruleError(e: unknown): never {
  if (e instanceof RuleInputError) throw unprocessable('RULE_INPUT_INVALID', e.message);
  throw e;
}
export const tooManyRequests = (retryAfterSeconds: number, msg = '操作过于频繁，请稍后再试') =>
  new AppError(429, 'RATE_LIMITED', msg, { retryAfterSeconds }, { 'Retry-After': String(Math.ceil(retryAfterSeconds)) });
export const serviceUnavailable = (code = 'DB_UNAVAILABLE', msg = '数据库暂时不可用，请稍后重试') => new AppError(503, code, msg);

export function errorBody(code: string, message: string, details?: unknown) {
  return { error: details === undefined ? { code, message } : { code, message, details } };
}

/** Whatever was thrown, as the loose shape Node, Koa, the driver and multer errors share (every field may be missing). */
export interface ThrownLike {
  name?: unknown;
  message?: unknown;
  code?: unknown;
  status?: unknown;
  type?: unknown;
  body?: unknown;
  expose?: unknown;
  cause?: unknown;
  stack?: unknown;
}
export const thrownLike = (e: unknown): ThrownLike => (e && typeof e === 'object' ? (e as ThrownLike) : {});

/** For logs: the message of what was thrown, or the thrown value as text. */
export const messageOf = (e: unknown): string => String(thrownLike(e).message ?? e);
