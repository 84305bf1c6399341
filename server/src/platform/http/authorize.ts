import { forbidden } from '../errors';

/** Deny by default: every route passes the result of a policy function here. */
export function authorize(allowed: boolean, code = 'FORBIDDEN', message = '没有权限执行此操作'): asserts allowed {
  if (!allowed) throw forbidden(code, message);
}
