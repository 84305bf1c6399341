import { AppError } from '../platform/errors';
import { withLock as platformLock } from '../platform/locks';

/** Every writer of a notice holds its lock: see platform/locks.ts for why conditional updates are not enough. */
export class LockBusyError extends AppError {
  constructor() {
    super(409, 'NOTICE_BUSY', '该公告正在被处理，请稍后重试', undefined, { 'Retry-After': '1' });
  }
}

export function withLock<T>(name: string, fn: () => Promise<T>, opts: { leaseMs?: number; waitMs?: number } = {}): Promise<T> {
  return platformLock(name, fn, { ...opts, busy: () => new LockBusyError() });
}

export const noticeLock = (id: unknown) => `notice:${String(id)}`;
