import type { DwellingDoc, OwnerDoc } from '../model';
import { dwellingKey, type PlannedDwelling } from './validate';

const OWNER_FIELDS: (keyof OwnerDoc)[] = ['name', 'nameKey', 'phoneHash', 'phoneLast4Hash', 'phoneMasked', 'idHash', 'idLast4Hash', 'idMasked'];
const ownersKey = (owners: OwnerDoc[]) => JSON.stringify(owners.map((o) => OWNER_FIELDS.map((f) => o[f] ?? null)));

/** The fields an import writes: anything else on a dwelling (its _id, bindings pointing at it) is left alone. */
export function dwellingFields(row: PlannedDwelling, complexPath: string[]) {
  return {
    complexCode: complexPath[complexPath.length - 1],
    buildingCode: row.buildingCode,
    entranceCode: row.entranceCode,
    room: row.room,
    areaPath: [...complexPath, row.buildingCode, row.entranceCode],
    buildingName: row.buildingName,
    entranceName: row.entranceName,
    floor: row.floor,
    areaHundredths: row.areaHundredths,
    areaSource: row.areaSource,
    propertyType: row.propertyType,
    developerHeld: row.developerHeld,
    owners: row.owners,
    headcountKey: row.headcountKey,
    note: row.note ?? '',
  };
}

function same(row: PlannedDwelling, d: DwellingDoc): boolean {
  return (
    row.buildingName === d.buildingName &&
    row.entranceName === d.entranceName &&
    row.floor === d.floor &&
    row.areaHundredths === d.areaHundredths &&
    row.areaSource === d.areaSource &&
    row.propertyType === (d.propertyType ?? '') &&
    row.developerHeld === d.developerHeld &&
    row.headcountKey === d.headcountKey &&
    (row.note ?? '') === (d.note ?? '') &&
    ownersKey(row.owners) === ownersKey(d.owners ?? [])
  );
}

/** What an import would change: rows to write (new or different), counts, and dwellings the file no longer lists. */
export function diffPlan(rows: PlannedDwelling[], existing: Map<string, DwellingDoc>) {
  const seen = new Set<string>();
  const changed: PlannedDwelling[] = [];
  let created = 0;
  let updated = 0;
  for (const r of rows) {
    const k = dwellingKey(r);
    seen.add(k);
    const d = existing.get(k);
    if (!d) {
      created++;
      changed.push(r);
    } else if (!same(r, d)) {
      updated++;
      changed.push(r);
    }
  }
  const missing = [...existing]
    .filter(([k]) => !seen.has(k))
    .map(([, d]) => ({
      dwellingId: String(d._id),
      buildingName: d.buildingName,
      entranceName: d.entranceName,
      room: d.room,
    }));
  return {
    changed,
    created,
    updated,
    unchanged: rows.length - created - updated,
    missing,
    buildings: new Set(rows.map((r) => r.buildingCode)).size,
    entrances: new Set(rows.map((r) => r.entranceCode)).size,
  };
}
