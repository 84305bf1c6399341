import { conflict } from '../platform/errors';
import { withLock as platformLock } from '../platform/locks';

/** Serializes the writers of one project, pledge or rating: see platform/locks.ts for why updates alone are not enough. */
export function withLock<T>(key: string, fn: () => Promise<T>, opts: { ttlMs?: number; waitMs?: number } = {}): Promise<T> {
  return platformLock(key, fn, { leaseMs: opts.ttlMs ?? 15_000, waitMs: opts.waitMs, busy: () => conflict('BUSY', '该记录正被他人修改，请稍后重试') });
}
