import type { Context, Next } from 'koa';
import { badRequest } from '../errors';

const MAX_DEPTH = 20;

/**
 * Rejects operator injection (`{"$gt": ""}`), dotted keys and pathologically deep JSON before any handler runs,
 * so no field ever reaches a query as an object it did not expect.
 */
function check(value: unknown, depth: number, path: string): void {
  if (depth > MAX_DEPTH) throw badRequest('JSON_TOO_DEEP', '请求内容嵌套过深');
  if (Array.isArray(value)) {
    value.forEach((v, i) => check(v, depth + 1, `${path}[${i}]`));
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k.startsWith('$') || k.includes('.') || k === '__proto__') {
        throw badRequest('INVALID_KEY', '请求中包含不允许的字段名', { path: path ? `${path}.${k}` : k });
      }
      check(v, depth + 1, path ? `${path}.${k}` : k);
    }
  }
}

export async function jsonGuard(ctx: Context, next: Next) {
  check((ctx.request as { body?: unknown }).body, 0, '');
  for (const [k, v] of Object.entries(ctx.query)) {
    if (k.startsWith('$') || k.includes('[')) throw badRequest('INVALID_KEY', '请求中包含不允许的字段名', { path: k });
    if (Array.isArray(v) && v.length > 50) throw badRequest('VALIDATION_FAILED', '请求参数不正确', { path: k });
  }
  await next();
}
