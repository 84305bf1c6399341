import { randomUUID } from 'node:crypto';
import type { Context } from 'koa';
import { canonicalJson, sha256Hex } from '@gongzhi/shared';
import { badRequest, conflict, unprocessable } from '../platform/errors';
import { IdempotencyRecord } from './tallyModels';

const LOCK_MS = 30_000;

/**
 * `Idempotency-Key` for ballot writes. The record's unique key is (user, scope, key):
 * - first request: a pending record is inserted, the command runs, its response is stored;
 * - retry with the same body after success: the stored response is returned, nothing runs again;
 * - same key, different body: 422 IDEMPOTENCY_KEY_REUSED;
 * - same key while the first is still running: 409 IDEMPOTENCY_IN_PROGRESS;
 * - the command failed (4xx/5xx): the record is removed, so a failed attempt writes nothing and may be retried.
 * A pending record whose holder died is taken over after LOCK_MS. The command receives a stable `castId` derived
 * from the key, so a takeover finds the log entry the dead holder may already have appended.
 * Records are keyed by `_id` = the key hash (the one filter FerretDB does not answer with a collection scan);
 * records from before that have an ObjectId `_id` and are found by `key`.
 */
export async function withIdempotency<T>(
  ctx: Context, userId: string, scope: string, body: unknown, run: (castId: string) => Promise<T>,
): Promise<T> {
  const raw = ctx.get('idempotency-key');
  if (!raw) return run(`r:${randomUUID()}`);
  if (!/^[A-Za-z0-9_-]{8,100}$/.test(raw)) throw badRequest('IDEMPOTENCY_KEY_INVALID', 'Idempotency-Key 格式不正确（8–100 位字母、数字、下划线或短横线）');
  const key = sha256Hex(`${userId}\u0000${scope}\u0000${raw}`);
  const bodyHash = sha256Hex(canonicalJson(body ?? null));
  const castId = `k:${key.slice(0, 40)}`;
  const now = new Date();
  let claimed = false;
  let recId: unknown = key;
  const coll = IdempotencyRecord.collection;
  try {
    await coll.insertOne({
      _id: key, key, bodyHash, status: 'pending', lockedUntil: new Date(now.getTime() + LOCK_MS), responseStatus: null, response: null, createdAt: now,
    } as any);
    claimed = true;
  } catch (e: any) {
    if (e?.code !== 11000) throw e;
  }
  if (!claimed) {
    const rec: any = (await coll.findOne({ _id: key as any })) ?? await IdempotencyRecord.findOne({ key }).lean();
    if (!rec) throw conflict('IDEMPOTENCY_IN_PROGRESS', '相同的请求正在处理，请稍后重试');
    if (rec.bodyHash !== bodyHash) throw unprocessable('IDEMPOTENCY_KEY_REUSED', '同一个 Idempotency-Key 不能用于不同的请求内容');
    if (rec.status === 'done') {
      ctx.set('Idempotent-Replayed', 'true');
      return rec.response as T;
    }
    recId = rec._id;
    const takeover = await coll.findOneAndUpdate(
      { _id: rec._id, status: 'pending', lockedUntil: { $lt: now } },
      { $set: { lockedUntil: new Date(now.getTime() + LOCK_MS) } },
      { returnDocument: 'after' },
    );
    if (!takeover) throw conflict('IDEMPOTENCY_IN_PROGRESS', '相同的请求正在处理，请稍后重试');
  }
  let result: T;
  try {
    result = await run(castId);
  } catch (e) {
    await coll.deleteOne({ _id: recId as any, status: 'pending' });
    throw e;
  }
  await coll.updateOne({ _id: recId as any }, { $set: { status: 'done', responseStatus: 201, response: result as any } });
  return result;
}
