import { Area, Dwelling, type AreaDoc, type DwellingDoc } from '../model';
import { setDwellingCount } from '../complexSummary';
import { dropRosterView, rosterViewOf, storeRosterView } from '../rosterView';
import { dwellingFields } from './plan';
import { dwellingKey, type PlannedDwelling } from './validate';
import { dwellingIdOf } from './existing';
import { isDuplicateKey } from '../../platform/store';
import { giveWay } from '../../platform/foreground';

const CHUNK = 200;
/**
 * Statements per bulk update. Stock FerretDB 1.24 holds a pooled connection per statement until the whole command
 * ends (PostgreSQL pool 50, SQLite 100) and hangs at that many; our launcher fixes it (docs/ferretdb.md), a user's
 * own FerretDB may not.
 */
const UPDATE_CHUNK = 40;

/**
 * The writes of an import, without a keyed filter per row: on FerretDB every filter other than `{_id}` scans the
 * whole collection, so per-row upserts by (building, entrance, room) grew with the city's roster. Rows are matched
 * in memory against the complex's dwellings (`known`, read by the caller through the roster document, or scanned
 * here on a resume), existing ones updated by `_id`, new ones inserted under their deterministic `_id`.
 * Idempotent: a replay (resume, or a second run) finds the rows it inserted and updates them.
 * `heartbeat` runs after each batch so a long apply is not taken for a crashed one. Before each batch the import
 * gives way to the requests in flight (votes cast meanwhile): FerretDB's one writer would queue them behind it.
 * The roster document is then computed from what the import knows (the dwellings it left alone and the ones it
 * wrote), not re-read.
 */
export async function writePlan(complex: AreaDoc, plan: PlannedDwelling[], importId: string, heartbeat: () => Promise<unknown>, known?: DwellingDoc[]) {
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
  for (let i = 0; i < renames.length; i += UPDATE_CHUNK) await Area.bulkWrite(renames.slice(i, i + UPDATE_CHUNK), { ordered: false });
  for (let i = 0; i < fresh.length; i += CHUNK) await Area.insertMany(fresh.slice(i, i + CHUNK), { ordered: false });
}

async function writeDwellings(
  complex: AreaDoc,
  plan: PlannedDwelling[],
  importId: string,
  heartbeat: () => Promise<unknown>,
  known?: DwellingDoc[],
  retried = false,
): Promise<void> {
  if (plan.length === 0) return;
  const had = new Map((known ?? (await Dwelling.find({ complexCode: complex.code }).lean())).map((d) => [dwellingKey(d), d]));
  const updates: PlannedDwelling[] = [];
  const inserts: PlannedDwelling[] = [];
  for (const r of plan) (had.has(dwellingKey(r)) ? updates : inserts).push(r);
  const fields = (r: PlannedDwelling) => ({ ...dwellingFields(r, complex.path), lastImportId: importId });
  try {
    await dropRosterView(complex.code);
    for (let i = 0; i < updates.length; i += UPDATE_CHUNK) {
      await giveWay();
      await Dwelling.bulkWrite(
        updates.slice(i, i + UPDATE_CHUNK).map((r) => ({
          updateOne: { filter: { _id: had.get(dwellingKey(r))!._id }, update: { $set: fields(r) } },
        })),
        { ordered: false },
      );
      await heartbeat();
    }
    for (let i = 0; i < inserts.length; i += CHUNK) {
      await giveWay();
      // lean: the rows are validated and shaped already (validate.ts, dwellingFields); building 200 mongoose documents
      // per batch held the event loop (1.6 s for 10,000 rows) while votes were waiting on it. The JSON round trip
      // drops undefined members as casting would (the driver would store them as null); timestamps by hand.
      const now = new Date();
      const batch = inserts
        .slice(i, i + CHUNK)
        .map((r) => ({ _id: dwellingIdOf(dwellingKey(r)), ...JSON.parse(JSON.stringify(fields(r))), createdAt: now, updatedAt: now }));
      await Dwelling.insertMany(batch, { ordered: false, lean: true });
      await heartbeat();
    }
  } catch (e) {
    // A replayed apply meets the rows it inserted before it stopped (or someone inserted one since we read): match again.
    if (!isDuplicateKey(e) || retried) throw e;
    return writeDwellings(complex, plan, importId, heartbeat, undefined, true);
  }
  // Imports never delete dwellings: what the complex had, updated, plus what we inserted.
  const after = new Map(had);
  for (const r of plan) {
    const k = dwellingKey(r);
    after.set(k, { ...(had.get(k) ?? { _id: dwellingIdOf(k) }), ...fields(r) } as DwellingDoc);
  }
  await setDwellingCount(complex.code, after.size);
  await storeRosterView(rosterViewOf(complex.code, [...after.values()]));
}
