import type { Context, Next } from 'koa';
import { AppError, errorBody, thrownLike } from '../errors';
import { isDuplicateKey } from '../store';

const DOWN_CLASSES = new Set([
  'MongoNetworkError', // also every subclass: pool cleared after a failed connection, network timeouts
  'MongoServerSelectionError',
  'MongooseServerSelectionError',
  'MongoNotConnectedError',
  'MongoTopologyClosedError',
  'MongoServerClosedError',
  'PoolClosedError',
  'MongoClientClosedError',
]);

/** Class names along the prototype chain: the driver's subclasses (MongoPoolClearedError…) name themselves differently. */
function classNames(thrown: unknown): string[] {
  const names: string[] = [];
  for (let p = thrown && typeof thrown === 'object' ? Object.getPrototypeOf(thrown) : null; p && p !== Object.prototype; p = Object.getPrototypeOf(p)) {
    const name = (p as { constructor?: { name?: string } }).constructor?.name;
    if (name) names.push(name);
  }
  return names;
}

/** The driver's own frames: a bare socket error thrown from them is the database's connection, not the client's. */
const FROM_DRIVER = /[\\/]node_modules[\\/]mongodb[\\/]/;

function isDbDown(thrown: unknown, depth = 0): boolean {
  const e = thrownLike(thrown);
  if ([String(e.name ?? ''), ...classNames(thrown)].some((n) => DOWN_CLASSES.has(n) || /^Mongo(PoolCleared|PoolClosed)Error$/.test(n))) return true;
  if (/buffering timed out|Client must be connected|connection .* closed|ECONNREFUSED/i.test(String(e?.message ?? ''))) return true;
  // A write on a connection the database closed mid-command (kill -9 under load) reaches us as Node's bare EPIPE,
  // not wrapped in a MongoNetworkError; requests never write to a socket themselves.
  if (e.code === 'EPIPE' || /socket has been ended by the other party/i.test(String(e?.message ?? ''))) return true;
  if ((e.code === 'ECONNRESET' || e.code === 'ETIMEDOUT') && FROM_DRIVER.test(String(e.stack ?? ''))) return true;
  return depth < 3 && e.cause !== undefined && isDbDown(e.cause, depth + 1);
}

/** Maps every thrown error to the one error shape. Unknown errors: 500, logged in full, no stack to the client. */
export async function errorHandler(ctx: Context, next: Next) {
  try {
    await next();
    if (ctx.status === 404 && ctx.body === undefined) {
      ctx.status = 404;
      ctx.body = errorBody('ROUTE_NOT_FOUND', '请求的接口不存在');
    }
  } catch (thrown) {
    const err = thrownLike(thrown);
    let e: AppError;
    if (thrown instanceof AppError) e = thrown;
    else if (err?.status === 413 || err?.type === 'entity.too.large') e = new AppError(413, 'PAYLOAD_TOO_LARGE', '请求内容过大');
    else if (/forbidden prototype property/.test(String(err?.message))) e = new AppError(400, 'INVALID_KEY', '请求中包含不允许的字段名');
    else if (
      err?.type === 'entity.parse.failed' ||
      (err?.status === 400 && err?.body !== undefined) ||
      (err?.status === 400 && /JSON|parse/i.test(String(err?.message)))
    )
      e = new AppError(400, 'INVALID_JSON', '请求体不是有效的 JSON');
    else if (err?.status === 415 || err?.type === 'encoding.unsupported') e = new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', '不支持的内容类型');
    else if (isDbDown(thrown)) e = new AppError(503, 'DB_UNAVAILABLE', '数据库暂时不可用，请稍后重试');
    // A body that does not inflate as its Content-Encoding says (zlib errors carry no HTTP status).
    else if (/^Z_/.test(String(err?.code)) || err?.type === 'request.aborted' || err?.code === 'ECONNRESET')
      e = new AppError(400, 'INVALID_ENCODING', '请求体的压缩格式不正确');
    else if (err?.name === 'MulterError') {
      e =
        err.code === 'LIMIT_FILE_SIZE'
          ? new AppError(413, 'FILE_TOO_LARGE', '文件超过大小限制')
          : new AppError(400, 'UPLOAD_INVALID', '上传的文件不正确', { reason: err.code });
    } else if (isDuplicateKey(thrown)) e = new AppError(409, 'DUPLICATE', '记录已存在');
    else if (/^Mongo/.test(String(err?.name)) && /timed out/i.test(String(err?.message)))
      e = new AppError(503, 'DB_TIMEOUT', '数据库响应超时，请稍后重试', undefined, { 'Retry-After': '5' });
    else if (err?.name === 'CastError') e = new AppError(404, 'NOT_FOUND', '对象不存在');
    else if (typeof err?.status === 'number' && err.status >= 400 && err.status < 500 && err.expose) e = new AppError(err.status, 'BAD_REQUEST', '请求不正确');
    else e = new AppError(500, 'INTERNAL_ERROR', '服务器内部错误，请稍后重试');
    if (e.status >= 500) ctx.state.log?.error({ err: thrown }, 'request failed');
    else ctx.state.log?.info({ code: e.code, status: e.status }, 'request rejected');
    ctx.status = e.status;
    for (const [k, v] of Object.entries(e.headers)) ctx.set(k, v);
    ctx.body = errorBody(e.code, e.message, e.details);
  }
}
