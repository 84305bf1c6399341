import { ROLE_GROUPS } from '@gongzhi/shared';
import { Types } from 'mongoose';
import type { Role } from '../platform/http/route';
import { hasRoleInScope, isAdmin } from '../identity';
import { User } from '../identity';
import { Area, Dwelling } from '../roster';
import { dwellingsInScope, memberDwellings as rosterMemberDwellings, type MemberDwelling as RosterMemberDwelling } from '../roster';
import { Consultation, type ConsultationDoc } from '../consultations';
import { Notice } from '../notices';
import { NoticeObjection } from '../notices';

/**
 * What projects, pledges, ratings and evaluation read from identity, roster, consultations and notices (read-only,
 * through their models and query functions), so the cross-domain contract sits in one file.
 */
const oids = (ids: string[]) => ids.filter((i) => /^[0-9a-f]{24}$/i.test(i)).map((i) => new Types.ObjectId(i));

export const MANAGER_ROLES: Role[] = [...ROLE_GROUPS.publishers];
export const OFFICIAL_ROLES: Role[] = [...ROLE_GROUPS.officials];
/** Everyone who reads a complex's projects through a grant (officials read-only); admins read everything. */
export const GRANT_ROLES: Role[] = [...MANAGER_ROLES, ...OFFICIAL_ROLES, 'admin'];

export { hasRoleInScope, isAdmin };

export interface AreaInfo {
  code: string;
  level: string;
  name: string;
  path: string[];
}
export async function areasByCodes(codes: string[]): Promise<AreaInfo[]> {
  if (codes.length === 0) return [];
  const docs = await Area.find({ code: { $in: [...new Set(codes)] } }).lean();
  return docs.map((a) => ({ code: a.code, level: a.level, name: a.name ?? a.code, path: a.path ?? [] }));
}
export async function areaByCode(code: string): Promise<AreaInfo | null> {
  return (await areasByCodes([code]))[0] ?? null;
}

export type MemberDwelling = RosterMemberDwelling;
/** Every dwelling the user has an active binding to (any relation: owner, family, tenant). */
export const memberDwellings = (userId: string) => rosterMemberDwellings(userId);

export interface DwellingInfo {
  dwellingId: string;
  complexCode: string;
  buildingCode: string;
  entranceCode: string;
  areaPath: string[];
  label: string;
  floor: number;
  areaHundredths: number;
}
/** The dwelling fields read here (lean documents of the roster's model). */
interface DwellingRow {
  _id: unknown;
  complexCode: string;
  buildingCode: string;
  entranceCode: string;
  areaPath?: string[];
  floor: number;
  areaHundredths: number;
  buildingName?: string | null;
  entranceName?: string | null;
  room?: string | null;
}
const toDwelling = (d: DwellingRow): DwellingInfo => ({
  dwellingId: String(d._id),
  complexCode: d.complexCode,
  buildingCode: d.buildingCode,
  entranceCode: d.entranceCode,
  areaPath: d.areaPath ?? [],
  floor: d.floor,
  areaHundredths: d.areaHundredths,
  label: `${d.buildingName ?? d.buildingCode}${d.entranceName ?? ''}${d.room ?? ''}`,
});
export async function dwellingsByIds(ids: string[]): Promise<Map<string, DwellingInfo>> {
  if (ids.length === 0) return new Map();
  const docs = await Dwelling.find({ _id: { $in: oids(ids) } }).lean();
  return new Map(docs.map((d) => [String(d._id), toDwelling(d)]));
}
/** The dwellings of one entrance (单元), floor by floor (refused while a roster import is being applied). */
export async function dwellingsOfEntrance(complexCode: string, entranceCode: string): Promise<DwellingInfo[]> {
  return (await dwellingsInScope({ complexCode, entranceCode })).map(toDwelling);
}

export interface UserInfo {
  id: string;
  displayName: string;
  openid: string | null;
}
export async function usersByIds(ids: string[]): Promise<Map<string, UserInfo>> {
  if (ids.length === 0) return new Map();
  const docs = await User.find({ _id: { $in: oids([...new Set(ids)]) } })
    .select('displayName openid')
    .lean();
  return new Map(docs.map((u) => [String(u._id), { id: String(u._id), displayName: u.displayName ?? '', openid: u.openid ?? null }]));
}

/** Consultations of these projects: linked by their own `projectId` or listed on the project. */
export async function consultationsFor(projectIds: string[], linkedIds: string[]): Promise<ConsultationDoc[]> {
  const or: object[] = [{ projectId: { $in: projectIds } }];
  if (linkedIds.length) or.push({ _id: { $in: oids(linkedIds) } });
  return Consultation.find({ $or: or }).lean();
}
export async function consultationById(id: string): Promise<ConsultationDoc | null> {
  return /^[0-9a-f]{24}$/i.test(id) ? Consultation.findById(id).lean() : null;
}
export async function noticesByIds(ids: string[]) {
  return ids.length ? Notice.find({ _id: { $in: oids(ids) } }).lean() : [];
}
/** Objections per notice: total and answered (a written response exists), counted with $sum only. */
export async function objectionCounts(noticeIds: string[]): Promise<Map<string, { total: number; answered: number }>> {
  const out = new Map<string, { total: number; answered: number }>();
  if (noticeIds.length === 0) return out;
  const rows = await NoticeObjection.aggregate([
    { $match: { noticeId: { $in: oids(noticeIds) } } },
    { $group: { _id: { noticeId: '$noticeId', by: '$response.by' }, n: { $sum: 1 } } },
  ]);
  for (const r of rows) {
    const key = String(r._id.noticeId);
    const cur = out.get(key) ?? { total: 0, answered: 0 };
    cur.total += r.n;
    if (r._id.by !== null && r._id.by !== undefined) cur.answered += r.n;
    out.set(key, cur);
  }
  return out;
}
