import type { Participation } from './staffApi';

type Row = Participation['notVoted'][number];
export interface DeliveryGroup {
  buildingName: string;
  dwellings: { dwellingId: string; label: string; delivered: boolean }[];
}

/**
 * Not-yet-voted dwellings by building, in the server's order (building, entrance, floor, room). Those already
 * recorded as delivered stay listed (they still have not voted) but cannot be selected again.
 */
export function groupByBuilding(rows: readonly Row[], delivered: ReadonlySet<string> = new Set()): DeliveryGroup[] {
  const groups = new Map<string, DeliveryGroup>();
  for (const r of rows) {
    const g = groups.get(r.buildingName) ?? { buildingName: r.buildingName, dwellings: [] };
    g.dwellings.push({ dwellingId: r.dwellingId, label: `${r.entranceName} ${r.room}`, delivered: delivered.has(r.dwellingId) });
    groups.set(r.buildingName, g);
  }
  return [...groups.values()];
}

export const toggleOne = (selected: ReadonlySet<string>, id: string): Set<string> => {
  const next = new Set(selected);
  if (!next.delete(id)) next.add(id);
  return next;
};

const open = (g: DeliveryGroup) => g.dwellings.filter((d) => !d.delivered);

/** "Select the building" adds every undelivered dwelling of it; when all are already selected it clears them instead. */
export function toggleGroup(selected: ReadonlySet<string>, g: DeliveryGroup): Set<string> {
  const next = new Set(selected);
  const all = open(g).every((d) => next.has(d.dwellingId));
  for (const d of open(g)) {
    if (all) next.delete(d.dwellingId);
    else next.add(d.dwellingId);
  }
  return next;
}

export const groupAllSelected = (selected: ReadonlySet<string>, g: DeliveryGroup) => open(g).length > 0 && open(g).every((d) => selected.has(d.dwellingId));
/** A building whose every not-voted dwelling already had its ballot delivered: nothing left to select. */
export const groupDone = (g: DeliveryGroup) => open(g).length === 0;
