import type { Model, PipelineStage } from 'mongoose';

/** A group key as FerretDB/MongoDB return it: the grouped fields' values. */
export type GroupKey = Record<string, string | number | boolean | null | undefined>;

/**
 * `$group` with several `$sum` accumulators, run as one `$group` per accumulator and merged by group key: FerretDB
 * 1.24 computes only the first accumulator of a `$group` (the others come back 0), and its `$unwind` keeps only
 * `_id` and the unwound field — so callers `$match` before unwinding and group on the unwound element's own fields.
 */
export async function groupSums<K extends string, T = unknown>(
  model: Model<T>,
  pipeline: object[],
  id: Record<string, string>,
  sums: Record<K, 1 | string>,
): Promise<({ _id: GroupKey } & Record<K, number>)[]> {
  const keys = Object.keys(sums) as K[];
  const results = await Promise.all(keys.map((k) => model.aggregate([...pipeline, { $group: { _id: id, v: { $sum: sums[k] } } }] as PipelineStage[])));
  const rows = new Map<string, { _id: GroupKey } & Record<K, number>>();
  results.forEach((res, i) => {
    for (const r of res as { _id: GroupKey; v: number }[]) {
      const key = JSON.stringify(Object.keys(id).map((f) => String(r._id?.[f] ?? null)));
      const row = rows.get(key) ?? ({ _id: r._id ?? {}, ...Object.fromEntries(keys.map((kk) => [kk, 0])) } as { _id: GroupKey } & Record<K, number>);
      (row as Record<string, unknown>)[keys[i]] = r.v;
      rows.set(key, row);
    }
  });
  return [...rows.values()];
}
