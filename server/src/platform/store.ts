import type { ApplyBasicCreateCasting, Model } from 'mongoose';

/*
 * The one seam for the storage quirks (see docs/conventions.md): on FerretDB 1.24 an insert against a unique index is
 * the only write that is atomic everywhere, so "exactly once" is "whoever inserted the key". Duplicate-key detection
 * lives here and nowhere else.
 */

const DUPLICATE_KEY = 11000;

interface WriteErrorLike {
  code?: unknown;
  err?: { code?: unknown };
}

function codeOf(x: unknown): unknown {
  if (!x || typeof x !== 'object') return undefined;
  const w = x as WriteErrorLike;
  return w.code ?? w.err?.code;
}

/**
 * True for a duplicate-key error (E11000), including a bulk write whose every failed row was a duplicate
 * (an unordered `insertMany` that only met existing rows).
 */
export function isDuplicateKey(e: unknown): boolean {
  if (!e || typeof e !== 'object') return false;
  const writeErrors = (e as { writeErrors?: unknown }).writeErrors;
  if (writeErrors !== undefined && writeErrors !== null) {
    const list: unknown[] = Array.isArray(writeErrors) ? writeErrors : [writeErrors];
    return list.length > 0 && list.every((x) => codeOf(x) === DUPLICATE_KEY);
  }
  return codeOf(e) === DUPLICATE_KEY;
}

/** Resolves to `fallback` on a duplicate key, rethrows anything else: `.catch(ignoreDuplicate(null))`. */
export function ignoreDuplicate<T>(fallback: T): (e: unknown) => T {
  return (e) => {
    if (isDuplicateKey(e)) return fallback;
    throw e;
  };
}

/**
 * A document for `insertOnce`: the model's own fields, `_id` included. A model keyed by a deterministic string declares
 * `_id: String` in its schema (and `_id: string` in its type), so mongoose keeps the key a string and a caller cannot
 * pass one where the model still expects an ObjectId.
 */
export type InsertDoc<T> = Partial<ApplyBasicCreateCasting<T>>;

/**
 * Inserts `doc` through the model (cast and validated by its schema). Resolves `true` when this call inserted it and
 * `false` when a row with the same unique key already existed; other errors are thrown.
 */
export async function tryInsert<T>(model: Model<T>, doc: InsertDoc<T>): Promise<boolean> {
  try {
    await model.insertOne(doc);
    return true;
  } catch (e) {
    if (isDuplicateKey(e)) return false;
    throw e;
  }
}

export type InsertOnceResult<T> = { inserted: true } | { inserted: false; existing: T | null };

/**
 * Exactly-once write: the first caller inserts, every later (or concurrent) caller gets the row that won, looked up
 * by `_id` (or by `lookup` when the unique key is another field). `existing` is null only if the winner was removed
 * in between.
 */
export async function insertOnce<T extends { _id: unknown }>(
  model: Model<T>,
  doc: InsertDoc<T>,
  lookup?: Record<string, unknown>,
): Promise<InsertOnceResult<T>> {
  if (await tryInsert(model, doc)) return { inserted: true };
  const existing = await model.findOne(lookup ?? { _id: doc._id }).lean<T>();
  return { inserted: false, existing };
}

/**
 * Documents by `_id`, `batch` point reads in flight at a time, in the order asked (null where missing). On FerretDB a
 * point read by `_id` is the one read that uses an index; `$in` is filtered in Go over the whole collection.
 */
export async function findByIds<T>(model: Model<T>, ids: readonly unknown[], batch = 64): Promise<(T | null)[]> {
  const out: (T | null)[] = [];
  for (let i = 0; i < ids.length; i += batch) {
    out.push(...(await Promise.all(ids.slice(i, i + batch).map((id) => model.findById(id).lean<T>()))));
  }
  return out;
}
