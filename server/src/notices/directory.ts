import mongoose from 'mongoose';
import { ObjectId } from 'mongodb';
import type { AuthUser, Role } from '../platform/http/route';

/**
 * The notices module's view of identity/roster/consultations data (areas, dwellings, bindings, users, electorates).
 * Everything notices needs from other domains goes through here, so the contract lives in one file.
 */
const col = (name: string) => {
  const db = mongoose.connection.db;
  if (!db) throw new Error('database not connected');
  return db.collection(name);
};
/** Ids may be stored as ObjectId or string by the owning module: match both. */
const anyId = (id: string) => (ObjectId.isValid(id) && /^[0-9a-f]{24}$/i.test(id) ? [id, new ObjectId(id)] : [id]);
const anyIds = (ids: string[]) => ids.flatMap(anyId);

export interface AreaInfo { code: string; level: string; name: string | null; path: string[] }
export interface MemberDwelling { dwellingId: string; areaPath: string[]; buildingCode: string }
export interface AudienceDwelling { _id: ObjectId; buildingCode: string; buildingName: string | null; entranceName: string | null; room: string }
export interface UserContact { id: string; openid: string | null; lang: 'zh' | 'bo'; subscribed: boolean }

export function hasRoleInScope(user: AuthUser, roles: Role[], areaPath: string[]): boolean {
  return user.grants.some((g) => roles.includes(g.role) && areaPath.includes(g.scope));
}

export async function areasByCodes(codes: string[]): Promise<AreaInfo[]> {
  if (codes.length === 0) return [];
  const docs = await col('areas').find({ code: { $in: codes } }).toArray();
  return docs.map((a: any) => ({ code: a.code, level: a.level, name: a.name ?? null, path: a.path ?? [] }));
}

export async function areaByCode(code: string): Promise<AreaInfo | null> {
  return (await areasByCodes([code]))[0] ?? null;
}

/** Every dwelling the user has an active binding to (any relation). */
export async function memberDwellings(userId: string): Promise<MemberDwelling[]> {
  const bindings = await col('bindings').find({ userId: { $in: anyId(userId) }, status: 'active' }).toArray();
  if (bindings.length === 0) return [];
  const ids = bindings.map((b: any) => new ObjectId(String(b.dwellingId)));
  const dw = await col('dwellings').find({ _id: { $in: ids } }).toArray();
  return dw.map((d: any) => ({ dwellingId: String(d._id), areaPath: d.areaPath ?? [], buildingCode: d.buildingCode ?? '' }));
}

/** Mongo filter on `dwellings` for a notice's audience. */
export function audienceDwellingFilter(n: { audienceCodes: string[]; audienceDwellingIds: unknown[] }) {
  if (n.audienceDwellingIds.length > 0) return { _id: { $in: n.audienceDwellingIds.map((x) => new ObjectId(String(x))) } };
  return { areaPath: { $in: n.audienceCodes } };
}

export async function findDwellings(filter: object, opts: { limit?: number; afterId?: string } = {}): Promise<AudienceDwelling[]> {
  const f: any = opts.afterId ? { $and: [filter, { _id: { $gt: new ObjectId(opts.afterId) } }] } : filter;
  let cur = col('dwellings').find(f, { projection: { buildingCode: 1, buildingName: 1, entranceName: 1, room: 1 } }).sort({ _id: 1 });
  if (opts.limit) cur = cur.limit(opts.limit);
  return (await cur.toArray()).map((d: any) => ({
    _id: d._id, buildingCode: d.buildingCode ?? '', buildingName: d.buildingName ?? null, entranceName: d.entranceName ?? null, room: String(d.room ?? ''),
  }));
}

/** Audience size per building, counted in the database. */
export async function countDwellingsByBuilding(filter: object): Promise<{ buildingCode: string; total: number }[]> {
  const rows = await col('dwellings').aggregate([{ $match: filter }, { $group: { _id: '$buildingCode', total: { $sum: 1 } } }]).toArray();
  return rows.map((r: any) => ({ buildingCode: String(r._id ?? ''), total: r.total }));
}

export async function activeBindingsFor(dwellingIds: ObjectId[]): Promise<{ userId: string; dwellingId: string }[]> {
  if (dwellingIds.length === 0) return [];
  const ids = dwellingIds.flatMap((d) => [d, String(d)]);
  const rows = await col('bindings').find({ dwellingId: { $in: ids }, status: 'active' }, { projection: { userId: 1, dwellingId: 1 } }).toArray();
  return rows.map((b: any) => ({ userId: String(b.userId), dwellingId: String(b.dwellingId) }));
}

export async function userContacts(userIds: string[]): Promise<UserContact[]> {
  if (userIds.length === 0) return [];
  const docs = await col('users').find({ _id: { $in: anyIds(userIds) as any[] } }, { projection: { openid: 1, lang: 1, subscribe: 1 } }).toArray();
  return docs.map((u: any) => ({
    id: String(u._id), openid: u.openid ?? null, lang: u.lang === 'bo' ? 'bo' : 'zh', subscribed: u.subscribe?.notices === true,
  }));
}

export async function userContact(userId: string): Promise<UserContact | null> {
  return (await userContacts([userId]))[0] ?? null;
}

/** A consultation's frozen electorate: its area path and the dwellings in it. */
export async function consultationElectorate(consultationId: string): Promise<{ areaPath: string[]; dwellingIds: ObjectId[] } | null> {
  if (!ObjectId.isValid(consultationId)) return null;
  const c: any = await col('consultations').findOne({ _id: new ObjectId(consultationId) });
  if (!c) return null;
  const raw: unknown[] = Array.isArray(c.electorate) ? c.electorate : Array.isArray(c.electorate?.dwellings) ? c.electorate.dwellings : [];
  const dwellingIds = raw
    .map((e: any) => String(e?.dwellingId ?? e?._id ?? e))
    .filter((s) => /^[0-9a-f]{24}$/i.test(s))
    .map((s) => new ObjectId(s));
  return { areaPath: c.areaPath ?? [], dwellingIds };
}
