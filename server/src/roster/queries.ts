import { conflict } from '../platform/errors';
import { presentArea } from './commands/areas';
import { dwellingCount } from './complexSummary';
import { directoryAreas } from './complexDirectory';
import { Area, Dwelling, type AreaDoc, type DwellingDoc } from './model';
import type { Relation } from './bindingModel';
import { rightsOf, type Rights } from './rights';
import { isApplying } from './import/lock';

/**
 * Dwellings this user may cast an owners' ballot for: an active owner binding, or an approved proxy.
 * Tenants and family members without a proxy get none. A dwelling appears once (owner wins over proxy).
 * Read from the user's `user_dwellings` document (one `_id` lookup), see rights.ts.
 */
export async function votingDwellings(userId: string): Promise<VotingDwelling[]> {
  return votingOf(await rightsOf(userId));
}

export interface VotingDwelling {
  dwellingId: string;
  via: 'owner' | 'proxy';
}

function votingOf({ bindings, proxies }: Rights): VotingDwelling[] {
  const out = new Map<string, 'owner' | 'proxy'>();
  for (const b of bindings) if (b.relation === 'owner') out.set(b.dwellingId, 'owner');
  for (const p of proxies) if (!out.has(p.dwellingId)) out.set(p.dwellingId, 'proxy');
  return [...out].map(([dwellingId, via]) => ({ dwellingId, via }));
}

export interface MemberDwelling {
  dwellingId: string;
  relation: Relation;
  areaPath: string[];
  complexCode: string;
  buildingCode: string;
  entranceCode: string;
}

/** Every active binding of the user (any relation): notice feeds, ratings, surveys. */
export async function memberDwellings(userId: string): Promise<MemberDwelling[]> {
  return membersOf(await rightsOf(userId));
}

function membersOf({ bindings }: Rights): MemberDwelling[] {
  return bindings.flatMap((b) =>
    b.areaPath
      ? [
          {
            dwellingId: b.dwellingId,
            relation: b.relation,
            areaPath: b.areaPath,
            complexCode: b.complexCode!,
            buildingCode: b.buildingCode!,
            entranceCode: b.entranceCode!,
          },
        ]
      : [],
  );
}

/**
 * Both lists from one read of the rights document, plus the complexes the user votes in as a proxy (stored with
 * each proxy): the vote path and the consultation view need all of them.
 */
export async function dwellingRights(userId: string): Promise<{ voting: VotingDwelling[]; members: MemberDwelling[]; proxyComplexCodes: string[] }> {
  const rights = await rightsOf(userId);
  return { voting: votingOf(rights), members: membersOf(rights), proxyComplexCodes: rights.proxies.map((p) => p.complexCode) };
}

/**
 * Dwellings of a complex (optionally some buildings or one entrance), for freezing an electorate.
 * Refuses (409 ROSTER_BUSY) while a roster import is being applied to the complex, so an electorate is never
 * frozen from a half-applied roster.
 */
export async function dwellingsInScope(opts: { complexCode: string; buildingCodes?: string[]; entranceCode?: string }): Promise<DwellingDoc[]> {
  if (await isApplying(opts.complexCode)) throw conflict('ROSTER_BUSY', '小区名册正在导入，请稍后再试');
  const filter: Record<string, unknown> = { complexCode: opts.complexCode };
  if (opts.buildingCodes?.length) filter.buildingCode = { $in: opts.buildingCodes };
  if (opts.entranceCode) filter.entranceCode = opts.entranceCode;
  return Dwelling.find(filter).sort({ buildingCode: 1, entranceCode: 1, floor: 1, room: 1 }).lean();
}

export async function areaByCode(code: string): Promise<AreaDoc | null> {
  return Area.findOne({ code }).lean();
}

/** The area's path (ancestors from the region down, including itself); null when unknown. */
export async function areaPathOf(code: string): Promise<string[] | null> {
  const a = await Area.findOne({ code }).select('path').lean();
  return a ? a.path : null;
}

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const byCode = (a: { code: string }, b: { code: string }) => a.code.localeCompare(b.code, 'zh', { numeric: true });

/**
 * The claim picker: complexes, optionally under an area and/or by name, with their dwelling counts. Reads only
 * `areas` (a few hundred documents per street office) and one summary per complex by `_id`; it used to count each
 * complex's dwellings with a query that scanned every dwelling of the city (3.2 s at 10,448 dwellings).
 */
export async function searchComplexes(q?: string, under?: string) {
  const areas = await directoryAreas();
  const names = new Map(areas.map((a) => [a.code, a.name]));
  let items = areas.filter((a) => a.level === 'complex' && (!under || a.path.includes(under)));
  if (q) {
    const re = new RegExp(escapeRegex(q), 'i');
    items = items.filter((a) => re.test(a.name) || (a.nameBo && re.test(a.nameBo)));
  }
  items = items.sort(byCode).slice(0, 200);
  const counts = await Promise.all(items.map((a) => dwellingCount(a.code)));
  return items.map((a, i) => ({ ...presentArea(a), dwellings: counts[i], pathNames: a.path.slice(0, -1).map((c) => names.get(c) ?? c) }));
}
