import mongoose, { Schema, type Model } from 'mongoose';
import { Dwelling, type DwellingDoc } from './model';
import { reviewerOwners } from './presenter';
import { formatArea } from './workbook';

/**
 * The committee's roster of one complex, kept as one document (`_id` the complex code) so the list is one `{_id}`
 * read: on FerretDB `Dwelling.find({complexCode})` reads and decodes every dwelling of the city. It holds only what
 * the list shows, already masked (reviewerOwners: masked names, no phone or ID digits), in the list's order.
 * The roster import is the only writer of dwellings: it drops this document before writing and rebuilds it after
 * (rebuildRosterView, the repair path, a scan of the complex's dwellings); a missing document is rebuilt on read.
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
export interface RosterViewDoc {
  _id: string;
  totals: { dwellings: number; area: string; headcount: number };
  items: RosterViewItem[];
  builtAt: Date;
}
const RosterViewSchema = new Schema<RosterViewDoc>(
  {
    _id: { type: String, required: true },
    totals: { type: Schema.Types.Mixed, required: true },
    items: { type: Schema.Types.Mixed, required: true },
    builtAt: { type: Date, required: true },
  },
  { versionKey: false },
);
export const RosterView: Model<RosterViewDoc> = mongoose.models.RosterView ?? mongoose.model<RosterViewDoc>('RosterView', RosterViewSchema, 'roster_views');

const cmp = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);

/** The view of these dwellings (sorted by building, entrance, floor, room, as the list always was). */
export function rosterViewOf(complexCode: string, docs: readonly DwellingDoc[]): Omit<RosterViewDoc, 'builtAt'> {
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

/** Repair: recomputes the view from the dwellings collection (one scan) and stores it. Used by the import. */
export async function rebuildRosterView(complexCode: string): Promise<Omit<RosterViewDoc, 'builtAt'>> {
  const view = rosterViewOf(complexCode, await scanComplex(complexCode));
  await RosterView.replaceOne({ _id: complexCode }, { ...view, builtAt: new Date() }, { upsert: true });
  return view;
}

/** Before an import writes dwellings: a reader in between rebuilds from the collection instead of trusting an old view. */
export async function dropRosterView(complexCode: string) {
  await RosterView.deleteOne({ _id: complexCode });
}

/**
 * The view by `_id`; when missing (first read, or an import is writing) it is computed from the collection and stored
 * only if still missing, so an import's own rebuild, which always comes last, is never overwritten by an older read.
 */
export async function rosterView(complexCode: string): Promise<Omit<RosterViewDoc, 'builtAt'>> {
  const stored = await RosterView.findById(complexCode).lean();
  if (stored) return stored;
  const view = rosterViewOf(complexCode, await scanComplex(complexCode));
  await RosterView.updateOne({ _id: complexCode }, { $setOnInsert: { totals: view.totals, items: view.items, builtAt: new Date() } }, { upsert: true });
  return view;
}
