import mongoose, { Schema } from 'mongoose';
import { tooManyRequests } from './errors';

/**
 * Fixed-window counters in MongoDB, so the limit holds across server instances.
 * Old windows are deleted by a periodic job (no TTL indexes: FerretDB lacks them).
 */
const RateSchema = new Schema({ _id: String, count: Number, windowEnd: Date }, { versionKey: false });
RateSchema.index({ windowEnd: 1 });
export const RateCounter = mongoose.models.RateCounter ?? mongoose.model('RateCounter', RateSchema, 'rate_counters');

export async function rateLimit(key: string, limit: number, windowSeconds: number, message?: string) {
  const now = Date.now();
  const windowStart = Math.floor(now / (windowSeconds * 1000)) * windowSeconds * 1000;
  const windowEnd = new Date(windowStart + windowSeconds * 1000);
  const bump = () => RateCounter.findOneAndUpdate(
    { _id: `${key}|${windowStart}` },
    { $inc: { count: 1 }, $setOnInsert: { windowEnd } },
    { upsert: true, returnDocument: 'after', lean: true },
  );
  // Two first hits in the same window race on the upsert; the loser retries as an update.
  const doc = await bump().catch((e) => (e?.code === 11000 ? bump() : Promise.reject(e)));
  if ((doc as any).count > limit) {
    throw tooManyRequests(Math.max(1, (windowEnd.getTime() - now) / 1000), message);
  }
}

export async function purgeRateCounters() {
  await RateCounter.deleteMany({ windowEnd: { $lt: new Date(Date.now() - 60_000) } });
}
