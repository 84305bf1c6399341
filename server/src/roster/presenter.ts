import type { DwellingLabel } from '@gongzhi/shared';
import { maskName } from '../identity';
import { Area, Dwelling, type DwellingDoc } from './model';
import { formatArea } from './workbook';
import { Types } from 'mongoose';

/** Residents never see owners' names or phone digits (issue 12); kept for type compatibility of MyBinding. */
export function maskedOwners(_d: Pick<DwellingDoc, 'owners'>): { name: string; phoneMasked: string | null }[] {
  return [];
}

/**
 * Staff rosters and claim reviews: masked names, no phone or ID digits; full values come one owner at a time from
 * the audited reveal route (revealOwner).
 */
export function reviewerOwners(d: Pick<DwellingDoc, 'owners'>) {
  return (d.owners ?? []).map((o, index) => ({
    index,
    name: maskName(o.name),
    phoneMasked: null,
    idMasked: null,
    hasPhone: !!o.phoneHash,
    hasId: !!o.idHash,
  }));
}

export function revealedOwner(o: NonNullable<DwellingDoc['owners']>[number]) {
  return { name: o.name, phoneMasked: o.phoneMasked ?? null, idMasked: o.idMasked ?? null };
}

export function dwellingLabel(d: DwellingDoc, complexName: string): DwellingLabel {
  return {
    dwellingId: String(d._id),
    complexCode: d.complexCode,
    complexName,
    buildingName: d.buildingName,
    entranceName: d.entranceName,
    room: d.room,
    floor: d.floor,
    area: formatArea(d.areaHundredths),
  };
}

/** Loads dwellings and their complexes' names in two queries; returns a lookup by dwelling id. */
export async function loadDwellings(ids: (string | Types.ObjectId)[]) {
  const docs = ids.length ? await Dwelling.find({ _id: { $in: ids } }).lean() : [];
  const codes = [...new Set(docs.map((d) => d.complexCode))];
  const complexes = codes.length
    ? await Area.find({ code: { $in: codes } })
        .select('code name')
        .lean()
    : [];
  const names = new Map(complexes.map((c) => [c.code, c.name]));
  const byId = new Map(docs.map((d) => [String(d._id), { doc: d, label: dwellingLabel(d, names.get(d.complexCode) ?? '') }]));
  return byId;
}

export const iso = (d?: Date | null) => (d ? new Date(d).toISOString() : null);
