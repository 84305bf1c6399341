import { randomUUID } from 'node:crypto';
import mongoose, { Schema, type Model } from 'mongoose';
import { Dwelling, type DwellingDoc } from './model';
import { reviewerOwners } from './presenter';
import { formatArea } from './workbook';

/**
 * The committee's roster of one complex, kept as one document (`_id` the complex code) so the list is one `{_id}`
 * read: on FerretDB `Dwelling.find({complexCode})` reads and decodes every dwelling of the city. It holds only what
 * the list shows, already masked (reviewerOwners: masked names, no phone or ID digits), in the list's order.
 * The roster import is the only writer of dwellings: it drops this document before writing and stores the new one
 * after; any other write through the model drops it (model.ts). A missing document is rebuilt on read from the
 * collection (the repair path, one scan). Because it is complete whenever it exists, the import also uses it as the
 * index of the complex's dwellings (`rev` tells it whether the document changed while it waited for the complex).
 * The items are stored as one JSON string: FerretDB decodes a document value by value, and 5,000 nested items took
 * about half a second to write or read, the string a few milliseconds.
 */
export interface RosterViewItem {
  dwellingId: string;
  buildingCode: string;
  buildingName: string;
  entranceCode: string;
  entranceName: string;
  room: string;
  floor: number;
  area: string;
  areaSource: string;
  propertyType: string;
  developerHeld: boolean;
  owners: ReturnType<typeof reviewerOwners>;
  headcountKey: string;
}
export interface RosterViewData {
  _id: string;
  totals: { dwellings: number; area: string; headcount: number };
  items: RosterViewItem[];
}
interface RosterViewDoc {
  _id: string;
  totals: RosterViewData['totals'];
  /** JSON of RosterViewItem[]. */
  itemsJson?: string;
  /** Documents stored before the string form. */
  items?: RosterViewItem[];
  /** A new value on every store: the import compares it before and after it takes the complex. */
  rev?: string;
  builtAt: Date;
}
const RosterViewSchema = new Schema<RosterViewDoc>(
  {
    _id: { type: String, required: true },
    totals: { type: Schema.Types.Mixed, required: true },
    itemsJson: String,
    items: { type: Schema.Types.Mixed, default: undefined },
    rev: String,
    builtAt: { type: Date, required: true },
  },
  { versionKey: false },
);
export const RosterView: Model<RosterViewDoc> = mongoose.models.RosterView ?? mongoose.model<RosterViewDoc>('RosterView', RosterViewSchema, 'roster_views');

const cmp = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);

/** The view of these dwellings (sorted by building, entrance, floor, room, as the list always was). */
export function rosterViewOf(complexCode: string, docs: readonly DwellingDoc[]): RosterViewData {
  const sorted = [...docs].sort(
    (a, b) => cmp(a.buildingCode, b.buildingCode) || cmp(a.entranceCode, b.entranceCode) || cmp(a.floor ?? 0, b.floor ?? 0) || cmp(a.room, b.room),
  );
  return {
    _id: complexCode,
    totals: {
      dwellings: docs.length,
      area: formatArea(docs.reduce((s, d) => s + d.areaHundredths, 0)),
      headcount: new Set(docs.map((d) => d.headcountKey)).size,
    },
    items: sorted.map((d) => ({
      dwellingId: String(d._id),
      buildingCode: d.buildingCode,
      buildingName: d.buildingName,
      entranceCode: d.entranceCode,
      entranceName: d.entranceName,
      room: d.room,
      floor: d.floor,
      area: formatArea(d.areaHundredths),
      areaSource: d.areaSource,
      propertyType: d.propertyType ?? '',
      developerHeld: d.developerHeld,
      owners: reviewerOwners(d),
      headcountKey: d.headcountKey,
    })),
  };
}

const scanComplex = async (complexCode: string) => (await Dwelling.find({ complexCode }).lean()) as DwellingDoc[];

const stored = (view: RosterViewData) => ({ totals: view.totals, itemsJson: JSON.stringify(view.items), rev: randomUUID(), builtAt: new Date() });
const parsed = (doc: RosterViewDoc): RosterViewData => ({
  _id: doc._id,
  totals: doc.totals,
  items: doc.itemsJson ? JSON.parse(doc.itemsJson) : (doc.items ?? []),
});

/** Stores the view the import computed (it knows every dwelling it wrote and every one it left alone). */
export async function storeRosterView(view: RosterViewData): Promise<void> {
  await RosterView.replaceOne({ _id: view._id }, stored(view), { upsert: true });
}

/** Repair: recomputes the view from the dwellings collection (one scan) and stores it. */
export async function rebuildRosterView(complexCode: string): Promise<RosterViewData> {
  const view = rosterViewOf(complexCode, await scanComplex(complexCode));
  await storeRosterView(view);
  return view;
}

/** Before an import writes dwellings: a reader in between rebuilds from the collection instead of trusting an old view. */
export async function dropRosterView(complexCode: string) {
  await RosterView.deleteOne({ _id: complexCode });
}

/** A new complex has no dwellings: its empty view saves the first import and the first reader a scan. Never overwrites. */
export async function startRosterView(complexCode: string) {
  await RosterView.updateOne({ _id: complexCode }, { $setOnInsert: stored(rosterViewOf(complexCode, [])) }, { upsert: true });
}

/** The stored view and its revision, or null when there is none (or it predates revisions). */
export async function storedRosterView(complexCode: string): Promise<{ view: RosterViewData; rev: string } | null> {
  const doc = await RosterView.findById(complexCode).lean();
  return doc?.rev ? { view: parsed(doc), rev: doc.rev } : null;
}

/** The revision only, for the import's second look after it took the complex. */
export async function rosterViewRev(complexCode: string): Promise<string | null> {
  return (await RosterView.findById(complexCode).select('rev').lean())?.rev ?? null;
}

/**
 * The view by `_id`; when missing (first read, or an import is writing) it is computed from the collection and stored
 * only if still missing, so an import's own store, which always comes last, is never overwritten by an older read.
 */
export async function rosterView(complexCode: string): Promise<RosterViewData> {
  const doc = await RosterView.findById(complexCode).lean();
  if (doc) return parsed(doc);
  const view = rosterViewOf(complexCode, await scanComplex(complexCode));
  await RosterView.updateOne({ _id: complexCode }, { $setOnInsert: stored(view) }, { upsert: true });
  return view;
}
