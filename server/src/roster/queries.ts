import { Types } from 'mongoose';
import { conflict } from '../platform/errors';
import { Area, Dwelling, type AreaDoc, type DwellingDoc } from './model';
import { Binding, ProxyAuth, type Relation } from './bindingModel';

const oid = (id: string) => (Types.ObjectId.isValid(id) ? new Types.ObjectId(id) : null);

/**
 * Dwellings this user may cast an owners' ballot for: an active owner binding, or an approved proxy.
 * Tenants and family members without a proxy get none. A dwelling appears once (owner wins over proxy).
 */
export async function votingDwellings(userId: string): Promise<{ dwellingId: string; via: 'owner' | 'proxy' }[]> {
  const uid = oid(userId);
  if (!uid) return [];
  const [owned, proxied] = await Promise.all([
    Binding.find({ userId: uid, relation: 'owner', status: 'active' }).select('dwellingId').lean(),
    ProxyAuth.find({ proxyUserId: uid, status: 'approved' }).select('dwellingId').lean(),
  ]);
  const out = new Map<string, 'owner' | 'proxy'>();
  for (const b of owned) out.set(String(b.dwellingId), 'owner');
  for (const p of proxied) if (!out.has(String(p.dwellingId))) out.set(String(p.dwellingId), 'proxy');
  return [...out].map(([dwellingId, via]) => ({ dwellingId, via }));
}

export interface MemberDwelling {
  dwellingId: string; relation: Relation; areaPath: string[]; complexCode: string; buildingCode: string; entranceCode: string;
}

/** Every active binding of the user (any relation): notice feeds, ratings, surveys. */
export async function memberDwellings(userId: string): Promise<MemberDwelling[]> {
  const uid = oid(userId);
  if (!uid) return [];
  const bindings = await Binding.find({ userId: uid, status: 'active' }).select('dwellingId relation').lean();
  if (bindings.length === 0) return [];
  const dwellings = await Dwelling.find({ _id: { $in: bindings.map((b) => b.dwellingId) } })
    .select('areaPath complexCode buildingCode entranceCode').lean();
  const byId = new Map(dwellings.map((d) => [String(d._id), d]));
  return bindings.flatMap((b) => {
    const d = byId.get(String(b.dwellingId));
    return d ? [{
      dwellingId: String(d._id), relation: b.relation, areaPath: d.areaPath,
      complexCode: d.complexCode, buildingCode: d.buildingCode, entranceCode: d.entranceCode,
    }] : [];
  });
}

/**
 * Dwellings of a complex (optionally some buildings or one entrance), for freezing an electorate.
 * Refuses (409 ROSTER_BUSY) while a roster import is being applied to the complex, so an electorate is never
 * frozen from a half-applied roster.
 */
export async function dwellingsInScope(opts: { complexCode: string; buildingCodes?: string[]; entranceCode?: string }): Promise<DwellingDoc[]> {
  const complex = await Area.findOne({ code: opts.complexCode, level: 'complex' }).select('rosterApplying').lean();
  if (complex?.rosterApplying) throw conflict('ROSTER_BUSY', '小区名册正在导入，请稍后再试');
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
