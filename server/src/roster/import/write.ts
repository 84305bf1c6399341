import type { Types } from 'mongoose';
import { Area, Dwelling, type AreaDoc } from '../model';
import { setDwellingCount } from '../complexSummary';
import { dropRosterView, rebuildRosterView } from '../rosterView';
import { dwellingFields } from './plan';
import { dwellingKey, type PlannedDwelling } from './validate';
import { isDuplicateKey } from '../../platform/store';

const CHUNK = 200;

/**
 * The writes of an import, without a keyed filter per row: on FerretDB every filter other than `{_id}` scans the
 * whole collection, so per-row upserts by (building, entrance, room) grew with the city's roster. Instead we read
 * the complex's existing documents once, match rows in memory, update by `_id` and insert the rest.
 * Idempotent: a replay (resume, or a second run) finds the rows it inserted and updates them by `_id`.
 * `heartbeat` runs after each batch so a long apply is not taken for a crashed one. `known` (key → `_id` of the
 * complex's dwellings) may come from the caller's own read, made before it took the complex lock.
 */
export async function writePlan(
  complex: AreaDoc,
  plan: PlannedDwelling[],
  importId: string,
  heartbeat: () => Promise<unknown>,
  known?: Map<string, Types.ObjectId>,
) {
  await writeAreas(complex, plan);
  await writeDwellings(complex, plan, importId, heartbeat, known);
}

async function writeAreas(complex: AreaDoc, plan: PlannedDwelling[]) {
  const wanted = new Map<string, { code: string; level: 'building' | 'entrance'; name: string; parentCode: string; path: string[] }>();
  for (const r of plan) {
    wanted.set(r.buildingCode, {
      code: r.buildingCode,
      level: 'building',
      name: r.buildingName,
      parentCode: complex.code,
      path: [...complex.path, r.buildingCode],
    });
    wanted.set(r.entranceCode, {
      code: r.entranceCode,
      level: 'entrance',
      name: r.entranceName,
      parentCode: r.buildingCode,
      path: [...complex.path, r.buildingCode, r.entranceCode],
    });
  }
  if (wanted.size === 0) return;
  // One scan for all of them (buildings and entrances both carry the complex in their path).
  const have = new Map((await Area.find({ path: complex.code }).select('code name').lean()).map((a) => [a.code, a]));
  const renames = [...wanted.values()].flatMap((w) => {
    const a = have.get(w.code);
    return a && a.name !== w.name ? [{ updateOne: { filter: { _id: a._id }, update: { $set: { name: w.name } } } }] : [];
  });
  const fresh = [...wanted.values()].filter((w) => !have.has(w.code));
  for (let i = 0; i < renames.length; i += CHUNK) await Area.bulkWrite(renames.slice(i, i + CHUNK), { ordered: false });
  for (let i = 0; i < fresh.length; i += CHUNK) await Area.insertMany(fresh.slice(i, i + CHUNK), { ordered: false });
}

async function writeDwellings(
  complex: AreaDoc,
  plan: PlannedDwelling[],
  importId: string,
  heartbeat: () => Promise<unknown>,
  known?: Map<string, Types.ObjectId>,
  retried = false,
): Promise<void> {
  if (plan.length === 0) return;
  const ids =
    known ?? new Map((await Dwelling.find({ complexCode: complex.code }).select('buildingCode entranceCode room').lean()).map((d) => [dwellingKey(d), d._id]));
  const updates: PlannedDwelling[] = [];
  const inserts: PlannedDwelling[] = [];
  for (const r of plan) (ids.has(dwellingKey(r)) ? updates : inserts).push(r);
  const fields = (r: PlannedDwelling) => ({ ...dwellingFields(r, complex.path), lastImportId: importId });
  try {
    await dropRosterView(complex.code);
    for (let i = 0; i < updates.length; i += CHUNK) {
      await Dwelling.bulkWrite(
        updates.slice(i, i + CHUNK).map((r) => ({
          updateOne: { filter: { _id: ids.get(dwellingKey(r))! }, update: { $set: fields(r) } },
        })),
        { ordered: false },
      );
      await heartbeat();
    }
    for (let i = 0; i < inserts.length; i += CHUNK) {
      await Dwelling.insertMany(inserts.slice(i, i + CHUNK).map(fields), { ordered: false });
      await heartbeat();
    }
    // Imports never delete dwellings: what the complex had plus what we inserted (the claim picker shows it).
    await setDwellingCount(complex.code, ids.size + inserts.length);
    await rebuildRosterView(complex.code);
  } catch (e) {
    // Someone inserted one of these keys since we read (the complex lock makes this unexpected): match again.
    if (!isDuplicateKey(e) || retried) throw e;
    await writeDwellings(complex, plan, importId, heartbeat, undefined, true);
  }
}
