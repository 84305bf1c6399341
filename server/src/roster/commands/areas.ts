import type { AreaLevel, AreaView } from '@gongzhi/shared';
import { AREA_LEVELS } from '@gongzhi/shared';
import { badRequest, conflict, forbidden, notFound } from '../../platform/errors';
import type { AuthUser } from '../../platform/http/route';
import { audit } from '../../identity';
import { Area, type AreaFields } from '../model';
import { rosterView, startRosterView } from '../rosterView';
import { canCreateArea } from '../policy';
import { isDuplicateKey } from '../../platform/store';

export function presentArea(a: AreaFields): AreaView {
  return { code: a.code, level: a.level, name: a.name, nameBo: a.nameBo ?? null, parentCode: a.parentCode ?? null, path: a.path };
}

const byCode = (a: { code: string }, b: { code: string }) => a.code.localeCompare(b.code, 'zh', { numeric: true });

/** Children of an area (`root` → the regions), for pickers. */
export async function areaChildren(code: string) {
  const area = code === 'root' ? null : await Area.findOne({ code }).lean();
  if (code !== 'root' && !area) throw notFound('AREA_NOT_FOUND', '区域不存在');
  const items = await Area.find({ parentCode: code === 'root' ? null : code })
    .limit(1000)
    .lean();
  return { area: area ? presentArea(area) : null, items: items.sort(byCode).map(presentArea) };
}

export async function areaDetail(code: string) {
  const area = await Area.findOne({ code }).lean();
  if (!area) throw notFound('AREA_NOT_FOUND', '区域不存在');
  const ancestors = await Area.find({ code: { $in: area.path.slice(0, -1) } }).lean();
  ancestors.sort((a, b) => a.path.length - b.path.length);
  return { area: presentArea(area), ancestors: ancestors.map(presentArea) };
}

/** Rooms of an entrance: ids and room numbers only, never owner data. */
export async function entranceRooms(code: string) {
  const entrance = await Area.findOne({ code, level: 'entrance' }).lean();
  if (!entrance) throw notFound('AREA_NOT_FOUND', '单元不存在');
  // From the complex's roster document (rosterView.ts, kept by the import, one `_id` read): a filter by entranceCode
  // scans every dwelling of the street on FerretDB (4 s at 10,000 dwellings, on a resident's claim screen).
  const complexCode = entrance.path[entrance.path.length - 3];
  const rooms = (await rosterView(complexCode)).items
    .filter((d) => d.entranceCode === code)
    .map((d) => ({ _id: d.dwellingId, room: String(d.room ?? ''), floor: d.floor ?? 0 }));
  rooms.sort((a, b) => a.floor - b.floor || a.room.localeCompare(b.room, 'zh', { numeric: true }));
  return { entrance: presentArea(entrance), items: rooms.map((r) => ({ dwellingId: String(r._id), room: r.room, floor: r.floor })) };
}

/** Adds an administrative area or a complex; buildings and entrances come only from roster imports. */
export async function createArea(user: AuthUser, input: { parentCode: string; code: string; level: AreaLevel; name: string; nameBo?: string }) {
  const parent = await Area.findOne({ code: input.parentCode }).lean();
  if (!parent) throw notFound('AREA_NOT_FOUND', '上级区域不存在');
  if (!canCreateArea(user, parent.path, input.level)) throw forbidden();
  const expected = AREA_LEVELS[AREA_LEVELS.indexOf(parent.level) + 1];
  if (input.level !== expected || input.level === 'building' || input.level === 'entrance') {
    throw badRequest('AREA_LEVEL_INVALID', '区域层级不正确（楼栋和单元由名册导入生成）');
  }
  try {
    const created = await Area.create({ ...input, parentCode: parent.code, path: [...parent.path, input.code] });
    if (input.level === 'complex') await startRosterView(input.code);
    await audit({ actorId: user.id, action: 'area.create', target: { type: 'area', id: input.code }, areaPath: created.path });
    return presentArea(created.toObject());
  } catch (e) {
    if (isDuplicateKey(e)) throw conflict('AREA_EXISTS', '区域编码已存在');
    throw e;
  }
}

/** Idempotent creation used by the demo seed and test helpers: creates or renames, never moves an area. */
export async function ensureArea(a: { code: string; level: AreaLevel; name: string; nameBo?: string; parentCode: string | null }) {
  const parent = a.parentCode ? await Area.findOne({ code: a.parentCode }).lean() : null;
  if (a.parentCode && !parent) throw new Error(`parent area ${a.parentCode} missing`);
  const path = [...(parent?.path ?? []), a.code];
  const now = new Date();
  const r = await Area.updateOne(
    { code: a.code },
    {
      $set: { name: a.name, ...(a.nameBo ? { nameBo: a.nameBo } : {}) },
      $setOnInsert: { code: a.code, level: a.level, parentCode: a.parentCode, path, createdAt: now, updatedAt: now },
    },
    { upsert: true, timestamps: false },
  );
  if (r.upsertedCount === 1 && a.level === 'complex') await startRosterView(a.code);
}
