import mongoose, { Schema, type Model } from 'mongoose';
import type { AreaLevel } from '@gongzhi/shared';
import { readThrough } from '../platform/locks';
import { Area, AREA_DIRECTORY_COLLECTION, type AreaDoc, type AreaFields } from './model';

/*
 * The claim picker's list of complexes (issue 18): one document with every complex and the names of the areas above
 * them, read by `_id`, instead of two scans of `areas` per search (every building and entrance of the city is in
 * that collection: 0.5 s at 50,000 dwellings). Any write to `areas` through the model drops it (model.ts), and the
 * next search rebuilds it under a lock. A rebuild that read the collection just before a write and stored after its
 * drop would keep a stale list, so a document older than MAX_AGE_MS is rebuilt too.
 */
const ID = 'complexes';
const MAX_AGE_MS = 10 * 60_000;
const ABOVE_BUILDINGS: AreaLevel[] = ['region', 'prefecture', 'county', 'street', 'community', 'complex'];

interface DirectoryDoc {
  _id: string;
  /** Every area from the region down to the complexes (not buildings, not entrances). */
  areas: AreaFields[];
  builtAt: Date;
}
const DirectorySchema = new Schema<DirectoryDoc>(
  { _id: String, areas: { type: Schema.Types.Mixed, required: true }, builtAt: { type: Date, required: true } },
  { versionKey: false },
);
const AreaDirectory: Model<DirectoryDoc> =
  mongoose.models.AreaDirectory ?? mongoose.model<DirectoryDoc>('AreaDirectory', DirectorySchema, AREA_DIRECTORY_COLLECTION);

async function read(now: number): Promise<AreaFields[] | null> {
  const doc = await AreaDirectory.findById(ID).lean();
  return doc && now - new Date(doc.builtAt).getTime() < MAX_AGE_MS ? doc.areas : null;
}

async function rebuild(): Promise<AreaFields[]> {
  const rows = await Area.find({ level: { $in: ABOVE_BUILDINGS } })
    .select('code level name nameBo parentCode path')
    .lean<AreaDoc[]>();
  return rows.map(({ code, level, name, nameBo, parentCode, path }) => ({ code, level, name, nameBo, parentCode, path }));
}

/** The areas from the region down to the complexes: one `{_id}` read; rebuilt by one scan when dropped or old. */
export function directoryAreas(now = Date.now()): Promise<AreaFields[]> {
  return readThrough('area-directory', {
    read: () => read(now),
    rebuild,
    store: (areas) => AreaDirectory.replaceOne({ _id: ID }, { areas, builtAt: new Date() }, { upsert: true }),
  });
}
