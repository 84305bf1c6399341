import mongoose, { Schema } from 'mongoose';
import { tooManyRequests } from './errors';
import { tryInsert } from './store';

/**
 * Fixed-window limits shared by every instance. The n-th hit of a window is the insert of `_id`
 * `<key>:<windowStart>:<n>`: inserts against the unique `_id` are atomic on FerretDB as well as MongoDB (`$inc` is not
 * on FerretDB, see locks.ts), so across instances each n is taken once and a burst never admits more than `limit`.
 * Nothing is counted by a query (on FerretDB any filter other than `{_id}` scans the collection): each process
 * remembers the last n it took per window and tries the next one, moving on when another instance has it. Refused
 * hits are not stored. Old hits are deleted by a periodic job (no TTL indexes on FerretDB).
 */
const HitSchema = new Schema({ _id: String, key: String, windowStart: Number, at: Date }, { versionKey: false });
HitSchema.index({ at: 1 });
export const RateHit = mongoose.models.RateHit ?? mongoose.model('RateHit', HitSchema, 'rate_hits');

/** Last n taken (or found taken) per `<key>:<windowStart>` in this process. */
const taken = new Map<string, { n: number; until: number }>();

function forget(now: number) {
  if (taken.size < 10_000) return;
  for (const [k, v] of taken) if (v.until <= now) taken.delete(k);
}

export async function rateLimit(key: string, limit: number, windowSeconds: number, message?: string) {
  const now = Date.now();
  const windowMs = windowSeconds * 1000;
  const windowStart = Math.floor(now / windowMs) * windowMs;
  const refuse = () => tooManyRequests(Math.max(1, (windowStart + windowMs - now) / 1000), message);
  const slotKey = `${key}:${windowStart}`;
  forget(now);
  const slot = taken.get(slotKey) ?? { n: 0, until: windowStart + windowMs };
  taken.set(slotKey, slot);
  for (;;) {
    // Reserved synchronously, so concurrent hits in this process try different n instead of colliding.
    const n = ++slot.n;
    if (n > limit) throw refuse();
    // false: taken by another instance, try the next n
    if (await tryInsert(RateHit, { _id: `${slotKey}:${n}`, key, windowStart, at: new Date(now) })) return;
  }
}

export async function purgeRateCounters() {
  await RateHit.deleteMany({ at: { $lt: new Date(Date.now() - 2 * 24 * 3600_000) } });
}
