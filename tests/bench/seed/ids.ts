import { createHash } from 'node:crypto';
import { Types } from 'mongoose';

/** Deterministic ObjectIds and salts: the same seed arguments write the same `_id`s (re-runs and diffs line up). */
export const hex = (key: string, n = 24) => createHash('sha1').update(key).digest('hex').slice(0, n);
export const oid = (key: string) => new Types.ObjectId(hex(key));
/** A small deterministic PRNG (mulberry32) so choices and read patterns repeat run to run. */
export function rng(seed: string) {
  let a = parseInt(hex(seed, 8), 16) >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
export const DAY = 86_400_000;
