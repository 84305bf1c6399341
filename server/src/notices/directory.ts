import { Types } from 'mongoose';
import type { ObjectId } from 'mongodb';
import { Area, Dwelling } from '../roster';
import { Binding } from '../roster';
import { memberDwellings as rosterMemberDwellings } from '../roster';
import { User } from '../identity';
import { Consultation } from '../consultations';
import { ElectorateMember } from '../consultations';
export { hasRoleInScope } from '../identity';

/**
 * The notices module's view of identity/roster/consultations data (areas, dwellings, bindings, users, electorates).
 * Everything notices needs from other domains goes through here, so the contract lives in one file.
 */
const oid = (id: string) => new Types.ObjectId(id);
const validIds = (ids: string[]) => ids.filter((i) => Types.ObjectId.isValid(i)).map(oid);

export interface AreaInfo {
  code: string;
  level: string;
  name: string | null;
  path: string[];
}
export interface MemberDwelling {
  dwellingId: string;
  areaPath: string[];
  buildingCode: string;
}
export interface AudienceDwelling {
  _id: ObjectId;
  buildingCode: string;
  buildingName: string | null;
  entranceName: string | null;
  room: string;
}
export interface UserContact {
  id: string;
  openid: string | null;
  lang: 'zh' | 'bo';
  subscribed: boolean;
}

export async function areasByCodes(codes: string[]): Promise<AreaInfo[]> {
  if (codes.length === 0) return [];
  const docs = await Area.find({ code: { $in: codes } })
    .select('code level name path')
    .lean();
  return docs.map((a) => ({ code: a.code, level: a.level, name: a.name ?? null, path: a.path ?? [] }));
}

export async function areaByCode(code: string): Promise<AreaInfo | null> {
  return (await areasByCodes([code]))[0] ?? null;
}

/** Every dwelling the user has an active binding to (any relation). */
export async function memberDwellings(userId: string): Promise<MemberDwelling[]> {
  return (await rosterMemberDwellings(userId)).map((d) => ({ dwellingId: d.dwellingId, areaPath: d.areaPath, buildingCode: d.buildingCode }));
}

/** Mongo filter on `dwellings` for a notice's audience. */
export function audienceDwellingFilter(n: { audienceCodes: string[]; audienceDwellingIds: unknown[] }): Record<string, unknown> {
  if (n.audienceDwellingIds.length > 0) return { _id: { $in: n.audienceDwellingIds.map((x) => oid(String(x))) } };
  return { areaPath: { $in: n.audienceCodes } };
}

export async function findDwellings(filter: object, opts: { limit?: number; afterId?: string } = {}): Promise<AudienceDwelling[]> {
  const f: object = opts.afterId ? { $and: [filter, { _id: { $gt: oid(opts.afterId) } }] } : filter;
  let q = Dwelling.find(f).select('buildingCode buildingName entranceName room').sort({ _id: 1 });
  if (opts.limit) q = q.limit(opts.limit);
  return (await q.lean()).map((d) => ({
    _id: d._id as unknown as ObjectId,
    buildingCode: d.buildingCode ?? '',
    buildingName: d.buildingName ?? null,
    entranceName: d.entranceName ?? null,
    room: String(d.room ?? ''),
  }));
}

/** Audience size per building, counted in the database. */
export async function countDwellingsByBuilding(filter: object): Promise<{ buildingCode: string; total: number }[]> {
  const rows = await Dwelling.aggregate([{ $match: filter }, { $group: { _id: '$buildingCode', total: { $sum: 1 } } }]);
  return rows.map((r) => ({ buildingCode: String(r._id ?? ''), total: r.total }));
}

/**
 * Above this many ids, `$in` is replaced by one read of the wider set kept by id in memory. FerretDB filters in Go,
 * comparing every document with every listed id: a 10,000-dwelling audience took longer than the driver's timeout.
 * On MongoDB either form is fine; the wider read costs one pass over the collection.
 */
const IN_LIST_MAX = 200;

export async function activeBindingsFor(dwellingIds: ObjectId[]): Promise<{ userId: string; dwellingId: string }[]> {
  if (dwellingIds.length === 0) return [];
  const many = dwellingIds.length > IN_LIST_MAX;
  const rows = await Binding.find(many ? { status: 'active' } : { dwellingId: { $in: dwellingIds }, status: 'active' })
    .select('userId dwellingId')
    .lean();
  const wanted = new Set(dwellingIds.map(String));
  return rows.filter((b) => !many || wanted.has(String(b.dwellingId))).map((b) => ({ userId: String(b.userId), dwellingId: String(b.dwellingId) }));
}

export async function userContacts(userIds: string[]): Promise<UserContact[]> {
  const ids = validIds(userIds);
  if (ids.length === 0) return [];
  const many = ids.length > IN_LIST_MAX;
  const wanted = new Set(ids.map(String));
  const docs = (
    await User.find(many ? { disabled: { $ne: true } } : { _id: { $in: ids }, disabled: { $ne: true } })
      .select('openid lang subscribe')
      .lean()
  ).filter((u) => !many || wanted.has(String(u._id)));
  return docs.map((u) => ({
    id: String(u._id),
    openid: u.openid ?? null,
    lang: u.lang === 'bo' ? 'bo' : 'zh',
    subscribed: u.subscribe?.notices === true,
  }));
}

export async function userContact(userId: string): Promise<UserContact | null> {
  return (await userContacts([userId]))[0] ?? null;
}

/**
 * A consultation's audience: its frozen electorate once it has opened, before that the area its scope names
 * (complex, buildings or entrance), which is where the electorate will be drawn from.
 */
export async function consultationAudience(consultationId: string): Promise<{ areaPath: string[]; dwellingIds: ObjectId[]; codes: string[] } | null> {
  if (!Types.ObjectId.isValid(consultationId)) return null;
  const c = await Consultation.findById(consultationId).select('areaPath complexCode scope').lean();
  if (!c) return null;
  const members = await ElectorateMember.find({ consultationId: String(c._id) })
    .select('dwellingId')
    .lean();
  const dwellingIds = validIds(members.map((m) => m.dwellingId)) as unknown as ObjectId[];
  const s = c.scope ?? { level: 'complex', buildingCodes: [], entranceCode: null };
  const codes =
    s.level === 'buildings' && s.buildingCodes?.length ? s.buildingCodes : s.level === 'entrance' && s.entranceCode ? [s.entranceCode] : [c.complexCode];
  return { areaPath: c.areaPath ?? [], dwellingIds, codes };
}
