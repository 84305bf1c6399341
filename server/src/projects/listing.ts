import mongoose, { Schema, type Model } from 'mongoose';
import { logger } from '../platform/logger';
import { readThrough, withLock } from '../platform/locks';
import { messageOf } from '../platform/errors';
import { Project, type ProjectDoc } from './model';

/*
 * Which projects are under an area (issue 18): one document per area code (region … complex), `_id` the code, so a
 * project list is one `{_id}` read per area of the caller plus one `{_id}` read per project shown, instead of
 * `Project.find({areaPath: {$in: …}})`, which reads every project of the city on FerretDB. Entries hold only what never
 * changes (complex, year, path: one project per complex and year, never moved or deleted); everything shown, the
 * stage included, is read fresh from the project itself. createProject adds the entry; a missing document is rebuilt
 * from the collection on read; repairProjectListings adds what a creator that died in between left out.
 */
export interface ListedProject {
  id: string;
  complexCode: string;
  year: number;
  areaPath: string[];
}
interface ListingDoc {
  _id: string;
  items: ListedProject[];
  builtAt: Date;
}
const ListingSchema = new Schema<ListingDoc>(
  { _id: { type: String, required: true }, items: { type: Schema.Types.Mixed, required: true }, builtAt: { type: Date, required: true } },
  { versionKey: false },
);
export const ProjectListing: Model<ListingDoc> =
  mongoose.models.ProjectListing ?? mongoose.model<ListingDoc>('ProjectListing', ListingSchema, 'project_listings');

type Listable = Pick<ProjectDoc, '_id' | 'complexCode' | 'year' | 'areaPath'>;
const entryOf = (p: Listable): ListedProject => ({ id: String(p._id), complexCode: p.complexCode, year: p.year, areaPath: [...p.areaPath] });
const byId = (a: ListedProject, b: ListedProject) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The entries as the collection says now (one scan): the rebuild and the reference the tests compare with. */
export async function recountProjectListing(code: string): Promise<ListedProject[]> {
  const rows = (await Project.find({ areaPath: code }).select('complexCode year areaPath').lean()) as Listable[];
  return rows.map(entryOf).sort(byId);
}

const lockName = (code: string) => `project-listing:${code}`;
const readStored = async (code: string) => (await ProjectListing.findById(code).lean())?.items ?? null;
const store = (code: string, items: ListedProject[]) =>
  ProjectListing.replaceOne({ _id: code }, { items: [...items].sort(byId), builtAt: new Date() }, { upsert: true });

/** The projects under one area code: one `{_id}` read; rebuilt from the collection when missing. */
export function projectListingOf(code: string): Promise<ListedProject[]> {
  return readThrough(lockName(code), { read: () => readStored(code), rebuild: () => recountProjectListing(code), store: (items) => store(code, items) });
}

async function addTo(code: string, entries: ListedProject[]) {
  await withLock(lockName(code), async () => {
    const stored = await readStored(code);
    if (!stored) return; // the next read builds it from the collection, which already has the project
    const missing = entries.filter((e) => !stored.some((s) => s.id === e.id));
    if (missing.length) await store(code, [...stored, ...missing]);
  });
}

/** After a project is created: its entry in the listing of every area on its path (dropped when that fails). */
export async function addProjectToListings(p: Listable): Promise<void> {
  await Promise.all(
    p.areaPath.map(async (code) => {
      try {
        await addTo(code, [entryOf(p)]);
      } catch (e) {
        logger.warn({ projectId: String(p._id), code, err: messageOf(e) }, 'project listing not updated; dropping it');
        await ProjectListing.deleteOne({ _id: code }).catch(() => undefined);
      }
    }),
  );
}

/** Repair (periodic job): adds projects a stored listing misses, from one scan of the collection. */
export async function repairProjectListings(): Promise<number> {
  const [rows, docs] = await Promise.all([
    Project.find({}).select('complexCode year areaPath').lean() as Promise<Listable[]>,
    ProjectListing.find({}).select('_id').lean(),
  ]);
  let fixed = 0;
  for (const { _id: code } of docs) {
    const stored = new Set(((await readStored(code)) ?? []).map((e) => e.id));
    const missing = rows.filter((p) => p.areaPath.includes(code) && !stored.has(String(p._id))).map(entryOf);
    if (missing.length === 0) continue;
    fixed++;
    await addTo(code, missing);
  }
  if (fixed) logger.warn({ listings: fixed }, 'project listings repaired');
  return fixed;
}
