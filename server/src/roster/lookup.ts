import { Types } from 'mongoose';
import { Area, Dwelling } from './model';
import { dwellingsInScope } from './queries';

/** Read-only lookups of areas and dwellings for other domains (projects, pledges, ratings, evaluation). */
const oids = (ids: string[]) => ids.filter((i) => /^[0-9a-f]{24}$/i.test(i)).map((i) => new Types.ObjectId(i));

export interface AreaInfo {
  code: string;
  level: string;
  name: string;
  path: string[];
}
export async function areasByCodes(codes: string[]): Promise<AreaInfo[]> {
  if (codes.length === 0) return [];
  const docs = await Area.find({ code: { $in: [...new Set(codes)] } }).lean();
  return docs.map((a) => ({ code: a.code, level: a.level, name: a.name ?? a.code, path: a.path ?? [] }));
}
export async function areaByCode(code: string): Promise<AreaInfo | null> {
  return (await areasByCodes([code]))[0] ?? null;
}

export interface DwellingInfo {
  dwellingId: string;
  complexCode: string;
  buildingCode: string;
  entranceCode: string;
  areaPath: string[];
  label: string;
  floor: number;
  areaHundredths: number;
}
/** The dwelling fields read here (lean documents of the roster's model). */
interface DwellingRow {
  _id: unknown;
  complexCode: string;
  buildingCode: string;
  entranceCode: string;
  areaPath?: string[];
  floor: number;
  areaHundredths: number;
  buildingName?: string | null;
  entranceName?: string | null;
  room?: string | null;
}
const toDwelling = (d: DwellingRow): DwellingInfo => ({
  dwellingId: String(d._id),
  complexCode: d.complexCode,
  buildingCode: d.buildingCode,
  entranceCode: d.entranceCode,
  areaPath: d.areaPath ?? [],
  floor: d.floor,
  areaHundredths: d.areaHundredths,
  label: `${d.buildingName ?? d.buildingCode}${d.entranceName ?? ''}${d.room ?? ''}`,
});
export async function dwellingsByIds(ids: string[]): Promise<Map<string, DwellingInfo>> {
  if (ids.length === 0) return new Map();
  const docs = await Dwelling.find({ _id: { $in: oids(ids) } }).lean();
  return new Map(docs.map((d) => [String(d._id), toDwelling(d)]));
}
/** The dwellings of one entrance (单元), floor by floor (refused while a roster import is being applied). */
export async function dwellingsOfEntrance(complexCode: string, entranceCode: string): Promise<DwellingInfo[]> {
  return (await dwellingsInScope({ complexCode, entranceCode })).map(toDwelling);
}
