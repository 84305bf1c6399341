import mongoose, { Schema, type Model, type Types } from 'mongoose';
import { isDuplicateKey } from './store';

/**
 * Timed work kept on write (issue 18): one small entry `<kind>:<subject id>` per thing a periodic job must do later
 * (publish a notice, open or close a vote…), so the job reads a collection as long as the work waiting instead of
 * filtering the domain's collection every tick, which on FerretDB reads every document ever stored. An entry is only a
 * hint: it is written before the state that needs the work, and the job re-reads the subject by `_id` and acts on
 * what it says, so an entry left behind by a crash or a refused request does nothing but move or go.
 * Ids starting with `#` are markers (a domain's one-time conversion), never work.
 */
export interface DueHint<K extends string> {
  kind: K;
  subjectId: string;
  at: Date;
}

export function dueHints<K extends string>(modelName: string, collection: string, idField: string) {
  const model: Model<Record<string, unknown>> =
    mongoose.models[modelName] ??
    mongoose.model(modelName, new Schema({ _id: String, kind: String, [idField]: String, at: Date }, { versionKey: false }), collection);
  const hintId = (kind: K, id: Types.ObjectId | string) => `${kind}:${String(id)}`;
  return {
    model,
    async mark(kind: K, id: Types.ObjectId | string, at: Date) {
      try {
        await model.updateOne({ _id: hintId(kind, id) }, { $set: { kind, [idField]: String(id), at } }, { upsert: true });
      } catch (e) {
        if (!isDuplicateKey(e)) throw e; // two upserts raced to insert it: it is there
      }
    },
    async clear(kind: K, id: Types.ObjectId | string) {
      await model.deleteOne({ _id: hintId(kind, id) });
    },
    /** Every waiting entry due by `until` of its kind, oldest first: one read of the whole (small) collection. */
    async due(until: (kind: K) => Date): Promise<DueHint<K>[]> {
      const rows = await model.find({}).lean<{ _id: string; kind: K; at: Date; [k: string]: unknown }[]>();
      return rows
        .filter((r) => !r._id.startsWith('#') && r.at <= until(r.kind))
        .map((r) => ({ kind: r.kind, subjectId: String(r[idField]), at: r.at }))
        .sort((a, b) => a.at.getTime() - b.at.getTime());
    },
  };
}
