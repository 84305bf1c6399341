import type { AuthUser } from '../../platform/http/route';
import { conflict, notFound, unprocessable } from '../../platform/errors';
import { authorize } from '../../platform/http/authorize';
import { audit } from '../../identity';
import { areaByCode, areasByCodes } from '../../roster';
import { consultationById } from '../../consultations';
import { canCreateProject } from '../policy';
import { Project, type ProjectDoc } from '../model';
import { addProjectToListings } from '../listing';
import { isDuplicateKey } from '../../platform/store';

const LEVELS = ['region', 'prefecture', 'county', 'street', 'community'] as const;

/** Opens a complex's project for a year, in 储备 (one per complex and year: a unique index). */
export async function createProject(
  user: AuthUser,
  body: { complexCode: string; year: number; name?: string; nameBo?: string; buildingCodes?: string[]; consultationIds?: string[] },
) {
  const area = await areaByCode(body.complexCode);
  if (!area || area.level !== 'complex') throw notFound('AREA_NOT_FOUND', '小区不存在');
  authorize(canCreateProject(user, area.path));
  // Buildings of this complex and consultations of this complex only; anything else is refused before writing.
  const buildingCodes = [...new Set(body.buildingCodes ?? [])];
  const buildings = await areasByCodes(buildingCodes);
  if (buildings.length !== buildingCodes.length || buildings.some((b) => b.level !== 'building' || !b.path.includes(area.code))) {
    throw unprocessable('BUILDING_INVALID', '所选楼栋不属于该小区');
  }
  const consultationIds = [...new Set(body.consultationIds ?? [])];
  for (const id of consultationIds) {
    const c = await consultationById(id);
    if (!c || c.complexCode !== area.code) throw unprocessable('LINK_TARGET_INVALID', '该协商议题不存在或不属于本小区');
  }
  const ancestors = await areasByCodes(area.path);
  const levels = Object.fromEntries(LEVELS.map((l) => [l, ancestors.find((a) => a.level === l)?.code ?? null])) as ProjectDoc['levels'];
  const now = new Date();
  try {
    const p = await Project.create({
      complexCode: area.code,
      complexName: area.name,
      areaPath: area.path,
      levels,
      year: body.year,
      name: body.name ?? `${area.name}${body.year}年老旧小区改造`,
      nameBo: body.nameBo ?? null,
      status: 'reserve',
      transitions: [{ from: null, to: 'reserve', at: now, by: user.id, note: '列入储备' }],
      createdBy: user.id,
      buildingCodes,
      consultationIds,
    });
    await addProjectToListings(p);
    await audit({
      actorId: user.id,
      action: 'project.create',
      target: { type: 'project', id: String(p._id) },
      areaPath: area.path,
      details: { year: body.year, buildingCodes, consultationIds },
    });
    return p;
  } catch (e) {
    if (isDuplicateKey(e)) throw conflict('PROJECT_EXISTS', `该小区 ${body.year} 年已有改造项目`);
    throw e;
  }
}
