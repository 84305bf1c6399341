import mongoose from 'mongoose';
import { ObjectId } from 'mongodb';
import type { AuthUser, Role } from '../platform/http/route';

/**
 * What projects, pledges, ratings and evaluation read from identity, roster, consultations and notices (read-only,
 * through the collections named in docs/data-model.md), so the cross-domain contract sits in one file.
 */
const col = (name: string) => {
  const db = mongoose.connection.db;
  if (!db) throw new Error('database not connected');
  return db.collection(name);
};
/** Ids may be stored as ObjectId or string by the owning module: match both. */
export const anyId = (id: string): unknown[] => (/^[0-9a-f]{24}$/i.test(id) ? [id, new ObjectId(id)] : [id]);
const anyIds = (ids: string[]) => ids.flatMap(anyId);
const oids = (ids: string[]) => ids.filter((i) => /^[0-9a-f]{24}$/i.test(i)).map((i) => new ObjectId(i));

export const MANAGER_ROLES: Role[] = ['committee', 'community_worker', 'street_staff'];
export const OFFICIAL_ROLES: Role[] = ['county_official', 'prefecture_official', 'region_official'];
export const GRANT_ROLES: Role[] = [...MANAGER_ROLES, ...OFFICIAL_ROLES];

export const isAdmin = (user: AuthUser): boolean => user.grants.some((g) => g.role === 'admin');
/** True if the user holds one of `roles` on any code of `areaPath` (admins hold every role everywhere). */
export function hasRoleInScope(user: AuthUser, roles: Role[], areaPath: readonly string[]): boolean {
  return isAdmin(user) || user.grants.some((g) => roles.includes(g.role) && areaPath.includes(g.scope));
}

export interface AreaInfo { code: string; level: string; name: string; path: string[] }
export async function areasByCodes(codes: string[]): Promise<AreaInfo[]> {
  if (codes.length === 0) return [];
  const docs = await col('areas').find({ code: { $in: [...new Set(codes)] } }).toArray();
  return docs.map((a: any) => ({ code: a.code, level: a.level, name: a.name ?? a.code, path: a.path ?? [] }));
}
export async function areaByCode(code: string): Promise<AreaInfo | null> {
  return (await areasByCodes([code]))[0] ?? null;
}

export interface MemberDwelling {
  dwellingId: string; relation: string; areaPath: string[]; complexCode: string; buildingCode: string; entranceCode: string;
}
/** Every dwelling the user has an active binding to (any relation: owner, family, tenant). */
export async function memberDwellings(userId: string): Promise<MemberDwelling[]> {
  const bindings = await col('bindings').find({ userId: { $in: anyId(userId) }, status: 'active' }).toArray();
  if (bindings.length === 0) return [];
  const rel = new Map(bindings.map((b: any) => [String(b.dwellingId), String(b.relation ?? 'owner')]));
  const dw = await col('dwellings').find({ _id: { $in: oids([...rel.keys()]) } }).toArray();
  return dw.map((d: any) => ({
    dwellingId: String(d._id), relation: rel.get(String(d._id)) ?? 'owner', areaPath: d.areaPath ?? [],
    complexCode: d.complexCode, buildingCode: d.buildingCode, entranceCode: d.entranceCode,
  }));
}

export interface DwellingInfo {
  dwellingId: string; complexCode: string; buildingCode: string; entranceCode: string; areaPath: string[];
  label: string; floor: number; areaHundredths: number;
}
const toDwelling = (d: any): DwellingInfo => ({
  dwellingId: String(d._id), complexCode: d.complexCode, buildingCode: d.buildingCode, entranceCode: d.entranceCode,
  areaPath: d.areaPath ?? [], floor: d.floor, areaHundredths: d.areaHundredths,
  label: `${d.buildingName ?? d.buildingCode}${d.entranceName ?? ''}${d.room ?? ''}`,
});
export async function dwellingsByIds(ids: string[]): Promise<Map<string, DwellingInfo>> {
  if (ids.length === 0) return new Map();
  const docs = await col('dwellings').find({ _id: { $in: oids(ids) } }).toArray();
  return new Map(docs.map((d: any) => [String(d._id), toDwelling(d)]));
}
/** The dwellings of one entrance (单元), in a stable order: floor, then room. */
export async function dwellingsOfEntrance(complexCode: string, entranceCode: string): Promise<DwellingInfo[]> {
  const docs = await col('dwellings').find({ complexCode, entranceCode }).toArray();
  return docs.map(toDwelling).sort((a, b) => a.floor - b.floor || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
}

export interface UserInfo { id: string; displayName: string; openid: string | null }
export async function usersByIds(ids: string[]): Promise<Map<string, UserInfo>> {
  if (ids.length === 0) return new Map();
  const docs = await col('users').find({ _id: { $in: anyIds([...new Set(ids)]) as any[] } }, { projection: { displayName: 1, openid: 1 } }).toArray();
  return new Map(docs.map((u: any) => [String(u._id), { id: String(u._id), displayName: u.displayName ?? '', openid: u.openid ?? null }]));
}

/** Consultations of these projects: linked by their own `projectId` or listed on the project. */
export async function consultationsFor(projectIds: string[], linkedIds: string[]): Promise<any[]> {
  const or: object[] = [{ projectId: { $in: anyIds(projectIds) } }];
  if (linkedIds.length) or.push({ _id: { $in: oids(linkedIds) } });
  return col('consultations').find({ $or: or }).toArray();
}
export async function consultationById(id: string): Promise<any | null> {
  return /^[0-9a-f]{24}$/i.test(id) ? col('consultations').findOne({ _id: new ObjectId(id) }) : null;
}
export async function noticesByIds(ids: string[]): Promise<any[]> {
  return ids.length ? col('notices').find({ _id: { $in: oids(ids) } }).toArray() : [];
}
/** Objections per notice: total and answered (a written response exists), counted with $sum only. */
export async function objectionCounts(noticeIds: string[]): Promise<Map<string, { total: number; answered: number }>> {
  const out = new Map<string, { total: number; answered: number }>();
  if (noticeIds.length === 0) return out;
  const rows = await col('notice_objections').aggregate([
    { $match: { noticeId: { $in: anyIds(noticeIds) } } },
    { $group: { _id: { noticeId: '$noticeId', by: '$response.by' }, n: { $sum: 1 } } },
  ]).toArray();
  for (const r of rows as any[]) {
    const key = String(r._id.noticeId);
    const cur = out.get(key) ?? { total: 0, answered: 0 };
    cur.total += r.n;
    if (r._id.by !== null && r._id.by !== undefined) cur.answered += r.n;
    out.set(key, cur);
  }
  return out;
}
