import type { Participation } from './staffApi';

type Row = Participation['notVoted'][number];
export interface DeliveryGroup { buildingName: string; dwellings: { dwellingId: string; label: string }[] }

/** Not-yet-voted dwellings by building, in the server's order (building, entrance, floor, room). */
export function groupByBuilding(rows: readonly Row[]): DeliveryGroup[] {
  const groups = new Map<string, DeliveryGroup>();
  for (const r of rows) {
    const g = groups.get(r.buildingName) ?? { buildingName: r.buildingName, dwellings: [] };
    g.dwellings.push({ dwellingId: r.dwellingId, label: `${r.entranceName} ${r.room}` });
    groups.set(r.buildingName, g);
  }
  return [...groups.values()];
}

export const toggleOne = (selected: ReadonlySet<string>, id: string): Set<string> => {
  const next = new Set(selected);
  if (!next.delete(id)) next.add(id);
  return next;
};

/** "Select the building" adds every dwelling of it; when all are already selected it clears them instead. */
export function toggleGroup(selected: ReadonlySet<string>, g: DeliveryGroup): Set<string> {
  const next = new Set(selected);
  const all = g.dwellings.every((d) => next.has(d.dwellingId));
  for (const d of g.dwellings) {
    if (all) next.delete(d.dwellingId);
    else next.add(d.dwellingId);
  }
  return next;
}

export const groupAllSelected = (selected: ReadonlySet<string>, g: DeliveryGroup) => g.dwellings.length > 0 && g.dwellings.every((d) => selected.has(d.dwellingId));
