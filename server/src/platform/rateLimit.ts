import mongoose, { Schema } from 'mongoose';
import { tooManyRequests } from './errors';

/**
 * Fixed-window limits shared by every instance. Each hit is an insert and the window is counted, because inserts are
 * atomic on FerretDB as well as MongoDB while `$inc` is not on FerretDB (see locks.ts). Old hits are deleted by a
 * periodic job (no TTL indexes on FerretDB).
 */
const HitSchema = new Schema({ key: String, windowStart: Number, at: Date }, { versionKey: false });
HitSchema.index({ key: 1, windowStart: 1 });
HitSchema.index({ at: 1 });
export const RateHit = mongoose.models.RateHit ?? mongoose.model('RateHit', HitSchema, 'rate_hits');

export async function rateLimit(key: string, limit: number, windowSeconds: number, message?: string) {
  const now = Date.now();
  const windowMs = windowSeconds * 1000;
  const windowStart = Math.floor(now / windowMs) * windowMs;
  const hit = await RateHit.create({ key, windowStart, at: new Date(now) });
  // Count only the hits up to this one (ObjectIds grow within a process), so each hit sees its own rank: a burst
  // admits exactly `limit`, instead of every request seeing the whole burst and all being refused.
  const count = await RateHit.countDocuments({ key, windowStart, _id: { $lte: hit._id } });
  if (count > limit) throw tooManyRequests(Math.max(1, (windowStart + windowMs - now) / 1000), message);
}

export async function purgeRateCounters() {
  await RateHit.deleteMany({ at: { $lt: new Date(Date.now() - 2 * 24 * 3600_000) } });
}
