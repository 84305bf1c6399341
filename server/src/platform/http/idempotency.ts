import { createHash, randomUUID } from 'node:crypto';
import type { Context } from 'koa';
import mongoose, { Schema, type Model } from 'mongoose';
import { canonicalJson, sha256Hex } from '@gongzhi/shared';
import { badRequest, conflict, unprocessable } from '../errors';
import { acquireLease } from '../jobs';
import { insertOnce } from '../store';
import { uploadedFiles } from './uploads';

const LOCK_MS = 30_000;
const KEY_SYNTAX = /^[A-Za-z0-9_-]{8,100}$/;

/** One stored answer per (user, method + path, client key); `_id` is the hash of the three, the one cheap filter on FerretDB. */
export interface IdempotencyDoc {
  _id: string;
  bodyHash: string;
  status: 'pending' | 'done';
  lockedUntil: Date;
  responseStatus: number | null;
  response: unknown;
  createdAt: Date;
}
const IdempotencySchema = new Schema<IdempotencyDoc>(
  {
    _id: { type: String, required: true },
    bodyHash: { type: String, required: true },
    status: { type: String, required: true },
    lockedUntil: { type: Date, required: true },
    responseStatus: { type: Number, default: null },
    response: { type: Schema.Types.Mixed, default: null },
    createdAt: { type: Date, default: () => new Date() },
  },
  { versionKey: false, minimize: false },
);
IdempotencySchema.index({ createdAt: 1 });
export const IdempotencyRecord: Model<IdempotencyDoc> =
  mongoose.models.IdempotencyRecord ?? mongoose.model<IdempotencyDoc>('IdempotencyRecord', IdempotencySchema, 'idempotency_keys');

export interface Reply {
  status: number;
  body: unknown;
}

/** Multipart routes: the uploaded bytes are part of "the same request", so they go into the body hash. */
function uploadsDigest(ctx: Context): string[] {
  return uploadedFiles(ctx).map((f) => `${f.fieldname}:${createHash('sha256').update(f.buffer).digest('hex')}`);
}

const inProgress = () => conflict('IDEMPOTENCY_IN_PROGRESS', '相同的请求正在处理，请稍后重试');
export const keyReused = () => unprocessable('IDEMPOTENCY_KEY_REUSED', '同一个 Idempotency-Key 不能用于不同的请求内容');

/** The stored record's `_id`: the caller, the route and the client's key, or null without the header. */
function recordKey(ctx: Context, userId: string): string | null {
  const raw = ctx.get('idempotency-key');
  if (!raw) return null;
  if (!KEY_SYNTAX.test(raw)) throw badRequest('IDEMPOTENCY_KEY_INVALID', 'Idempotency-Key 格式不正确（8–100 位字母、数字、下划线或短横线）');
  return sha256Hex(`${userId}\u0000${ctx.method} ${ctx.path}\u0000${raw}`);
}

/** A request's id without `Idempotency-Key`: random (prefix `r:`), never matching an earlier attempt. */
export const randomRequestId = () => `r:${randomUUID()}`;
const requestIdOf = (key: string | null) => (key ? `k:${key.slice(0, 40)}` : randomRequestId());

/**
 * For routes declared `idempotent: 'handler'`, whose own write is the idempotency record (a ballot's castId in the
 * hash-chained log): the same `requestId` withIdempotency would hand over, with nothing stored per request. The
 * handler finds what an earlier attempt wrote, compares the request with it (keyReused) and answers as before.
 */
export const keyedRequestId = (ctx: Context, userId: string): string => requestIdOf(recordKey(ctx, userId));

/**
 * `Idempotency-Key` (IETF draft semantics) for routes declared `idempotent: true`:
 * - first request: a pending record is inserted (unique `_id`), the handler runs, its status and body are stored;
 * - retry with the same body after success: the stored status and body are returned (`Idempotent-Replayed: true`);
 * - same key, different body: 422 IDEMPOTENCY_KEY_REUSED;
 * - same key while the first is still running: 409 IDEMPOTENCY_IN_PROGRESS;
 * - the handler failed (4xx/5xx): the record is removed, so a failed attempt writes nothing and may be retried.
 * A pending record whose holder died is taken over after LOCK_MS by a lease (a unique insert, no compare-and-set).
 * The handler receives a `requestId` derived from the key, so a takeover finds what the dead holder may have written.
 * Without the header the handler runs once with a random `requestId` (prefix `r:`).
 */
export async function withIdempotency(ctx: Context, userId: string, body: unknown, run: (requestId: string) => Promise<Reply>): Promise<Reply> {
  const key = recordKey(ctx, userId);
  if (!key) return run(requestIdOf(null));
  const bodyHash = sha256Hex(canonicalJson({ body: body ?? null, files: uploadsDigest(ctx) }));
  const now = new Date();
  const first = await insertOnce(IdempotencyRecord, {
    _id: key,
    bodyHash,
    status: 'pending',
    lockedUntil: new Date(now.getTime() + LOCK_MS),
    responseStatus: null,
    response: null,
    createdAt: now,
  });
  if (!first.inserted) {
    const rec = first.existing;
    if (!rec) throw inProgress();
    if (rec.bodyHash !== bodyHash) throw keyReused();
    if (rec.status === 'done') {
      ctx.set('Idempotent-Replayed', 'true');
      return { status: rec.responseStatus ?? 200, body: rec.response };
    }
    // The holder is presumed dead once its lock expired; one contender per window wins the takeover.
    if (rec.lockedUntil.getTime() >= now.getTime() || !(await acquireLease(`idem:${key}`, LOCK_MS, randomUUID()))) throw inProgress();
    await IdempotencyRecord.updateOne({ _id: key }, { $set: { lockedUntil: new Date(now.getTime() + LOCK_MS) } });
  }
  let reply: Reply;
  try {
    reply = await run(requestIdOf(key));
  } catch (e) {
    await IdempotencyRecord.deleteOne({ _id: key, status: 'pending' });
    throw e;
  }
  await IdempotencyRecord.updateOne({ _id: key }, { $set: { status: 'done', responseStatus: reply.status, response: reply.body } });
  return reply;
}
