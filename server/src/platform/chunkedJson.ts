import type { Model } from 'mongoose';
import { ignoreDuplicate } from './store';

/**
 * A long list kept as a few documents `{ _id: '<prefix>:<i>', json }`, each written and read by `_id`. On FerretDB
 * one multi-megabyte document is one long write that every other writer waits behind (SQLite has one writer), and
 * nested rows decode about 6× slower than one JSON string; chunks of a few hundred rows keep each write short.
 */
export interface JsonChunkDoc {
  _id: string;
  json: string;
}

export const chunkId = (prefix: string, i: number) => `${prefix}:${i}`;

/** Writes the chunks one insert each (idempotent: a replay meets its own `_id`s); returns how many there are. */
export async function writeJsonChunks<T>(model: Model<JsonChunkDoc>, prefix: string, items: readonly T[], size: number): Promise<number> {
  const chunks = Math.ceil(items.length / size);
  for (let i = 0; i < chunks; i++) {
    await model
      .insertMany([{ _id: chunkId(prefix, i), json: JSON.stringify(items.slice(i * size, (i + 1) * size)) }], { lean: true })
      .catch(ignoreDuplicate(undefined));
  }
  return chunks;
}

/** The list back, in order; null when a chunk is missing or unreadable (the caller decides what that means). */
export async function readJsonChunks<T>(model: Model<JsonChunkDoc>, prefix: string, chunks: number): Promise<T[] | null> {
  const parts = await Promise.all(Array.from({ length: chunks }, (_, i) => model.findById(chunkId(prefix, i)).lean<JsonChunkDoc>()));
  const out: T[] = [];
  for (const p of parts) {
    if (!p) return null;
    try {
      out.push(...(JSON.parse(p.json) as T[]));
    } catch {
      return null;
    }
  }
  return out;
}

/** Deletes the chunks by `_id` (a filter on the prefix would scan the collection on FerretDB). */
export async function dropJsonChunks(model: Model<JsonChunkDoc>, prefix: string, chunks: number) {
  await Promise.all(Array.from({ length: chunks }, (_, i) => model.deleteOne({ _id: chunkId(prefix, i) })));
}
