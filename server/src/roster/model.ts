import mongoose, { Schema, type Model, type Types } from 'mongoose';
import type { AreaLevel } from '@gongzhi/shared';

export interface AreaDoc {
  _id: Types.ObjectId;
  code: string;
  level: AreaLevel;
  name: string;
  nameBo?: string;
  parentCode: string | null;
  /** Ancestor codes from the region down, including this area. */
  path: string[];
  createdAt: Date;
  updatedAt: Date;
}
/** What a picker shows of an area (no ids, no timestamps). */
export type AreaFields = Pick<AreaDoc, 'code' | 'level' | 'name' | 'nameBo' | 'parentCode' | 'path'>;
const AreaSchema = new Schema<AreaDoc>(
  {
    code: { type: String, required: true, unique: true },
    level: { type: String, required: true, enum: ['region', 'prefecture', 'county', 'street', 'community', 'complex', 'building', 'entrance'] },
    name: { type: String, required: true },
    nameBo: String,
    parentCode: { type: String, default: null },
    path: { type: [String], required: true },
  },
  { timestamps: true, versionKey: false },
);
AreaSchema.index({ parentCode: 1, code: 1 });
AreaSchema.index({ level: 1, path: 1 });
// The claim picker's directory of complexes (complexDirectory.ts, which imports this file) is dropped by any write of
// an area through the model but an import's new buildings and entrances; the next search rebuilds it.
export const AREA_DIRECTORY_COLLECTION = 'area_directory';
const dropDirectory = () => mongoose.connection.collection<{ _id: string }>(AREA_DIRECTORY_COLLECTION).deleteOne({ _id: 'complexes' });
AreaSchema.post('save', async () => void (await dropDirectory()));
AreaSchema.post('insertMany', async (docs: unknown) => {
  if ((docs as AreaDoc[]).some((a) => a.level !== 'building' && a.level !== 'entrance')) await dropDirectory();
});
for (const op of ['updateOne', 'updateMany', 'findOneAndUpdate', 'replaceOne', 'deleteOne', 'deleteMany'] as const) {
  AreaSchema.post(op, { document: false, query: true }, async () => void (await dropDirectory()));
}
export const Area: Model<AreaDoc> = mongoose.models.Area ?? mongoose.model<AreaDoc>('Area', AreaSchema, 'areas');

/**
 * An owner as the roster names them. Phone/ID digits exist only as keyed hashes (full value, last 4) and a
 * masked form; `nameKey` is the normalized name used for matching.
 */
export interface OwnerDoc {
  name: string;
  nameKey: string;
  phoneHash?: string;
  phoneLast4Hash?: string;
  phoneMasked?: string;
  idHash?: string;
  idLast4Hash?: string;
  idMasked?: string;
}
const OwnerSchema = new Schema<OwnerDoc>(
  {
    name: { type: String, required: true },
    nameKey: { type: String, required: true },
    phoneHash: String,
    phoneLast4Hash: String,
    phoneMasked: String,
    idHash: String,
    idLast4Hash: String,
    idMasked: String,
  },
  { _id: false },
);

export type AreaSource = 'registered' | 'surveyed' | 'contract';

export interface DwellingDoc {
  _id: Types.ObjectId;
  complexCode: string;
  buildingCode: string;
  entranceCode: string;
  areaPath: string[];
  buildingName: string;
  entranceName: string;
  room: string;
  floor: number;
  areaHundredths: number;
  areaSource: AreaSource;
  propertyType: string;
  developerHeld: boolean;
  owners: OwnerDoc[];
  headcountKey: string;
  note?: string;
  /** The last applied import that listed this dwelling: dwellings missing from a newer file keep an older id. */
  lastImportId?: string;
  createdAt: Date;
  updatedAt: Date;
}
const DwellingSchema = new Schema<DwellingDoc>(
  {
    complexCode: { type: String, required: true },
    buildingCode: { type: String, required: true },
    entranceCode: { type: String, required: true },
    areaPath: { type: [String], required: true },
    buildingName: { type: String, required: true },
    entranceName: { type: String, required: true },
    room: { type: String, required: true },
    floor: { type: Number, required: true },
    areaHundredths: { type: Number, required: true, min: 1 },
    areaSource: { type: String, required: true, enum: ['registered', 'surveyed', 'contract'] },
    propertyType: { type: String, default: '' },
    developerHeld: { type: Boolean, default: false },
    owners: { type: [OwnerSchema], default: [] },
    headcountKey: { type: String, required: true },
    note: String,
    lastImportId: String,
  },
  { timestamps: true, versionKey: false },
);
DwellingSchema.index({ complexCode: 1, buildingCode: 1, entranceCode: 1, room: 1 }, { unique: true });
DwellingSchema.index({ areaPath: 1 });
DwellingSchema.index({ entranceCode: 1, floor: 1 });
DwellingSchema.index({ headcountKey: 1 });
// The committee's roster document (rosterView.ts) is kept by the import; any other write through the model (fixtures,
// repairs) drops the affected complexes' documents so the next read rebuilds them rather than show an old roster.
const dropViews = (codes: unknown[]) => {
  const c = [...new Set(codes.filter((x): x is string => typeof x === 'string'))];
  const views = mongoose.connection.collection<{ _id: string }>('roster_views'); // the model lives in rosterView.ts, which imports this file
  // One delete by `_id` per complex: `$in` is a scan on FerretDB (5 s per import chunk on the 10,000-dwelling street).
  return c.length ? Promise.all(c.map((_id) => views.deleteOne({ _id }))) : views.deleteMany({});
};
DwellingSchema.post('save', async (d: DwellingDoc) => {
  await dropViews([d.complexCode]);
});
DwellingSchema.post('insertMany', async (docs: unknown) => {
  await dropViews((docs as DwellingDoc[]).map((d) => d.complexCode));
});
for (const op of ['updateOne', 'updateMany', 'findOneAndUpdate', 'deleteOne', 'deleteMany'] as const) {
  DwellingSchema.post(op, { document: false, query: true }, async function (this: mongoose.Query<unknown, DwellingDoc>) {
    const code = this.getFilter().complexCode;
    await dropViews(typeof code === 'string' ? [code] : []);
  });
}
export const Dwelling: Model<DwellingDoc> = mongoose.models.Dwelling ?? mongoose.model<DwellingDoc>('Dwelling', DwellingSchema, 'dwellings');
