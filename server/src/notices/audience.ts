import type { NoticeAudience } from '@gongzhi/shared';
import type { ObjectId } from 'mongodb';
import { unprocessable } from '../platform/errors';
import { areaByCode, areasByCodes, consultationAudience } from './directory';

export interface ResolvedAudience {
  audienceCodes: string[];
  audienceDwellingIds: ObjectId[];
  /** Path of the area the notice belongs to (publisher scope is checked against it). */
  scopePath: string[];
  rooms: string[];
}

const AREA_LEVELS = ['street', 'community', 'complex', 'building', 'entrance'];
const invalid = (msg: string, details?: unknown) => unprocessable('AUDIENCE_INVALID', msg, details);

/** Checks an audience against the area tree (or the consultation's electorate) and freezes what it means. */
export async function resolveAudience(a: NoticeAudience): Promise<ResolvedAudience> {
  if (a.type === 'area') {
    const area = await areaByCode(a.code);
    if (!area || !AREA_LEVELS.includes(area.level)) throw invalid('发布范围不存在或不是街道、社区、小区、楼栋或单元', { code: a.code });
    return { audienceCodes: [area.code], audienceDwellingIds: [], scopePath: area.path, rooms: [`area:${area.code}`] };
  }
  if (a.type === 'buildings') {
    const codes = [...new Set(a.codes)];
    const areas = await areasByCodes(codes);
    const parents = new Set(areas.map((b) => b.path[b.path.length - 2]));
    if (areas.length !== codes.length || areas.some((b) => b.level !== 'building') || parents.size !== 1) {
      throw invalid('所选楼栋不存在，或不属于同一个小区', { codes });
    }
    const scopePath = areas[0].path.slice(0, -1);
    return { audienceCodes: codes, audienceDwellingIds: [], scopePath, rooms: codes.map((c) => `area:${c}`) };
  }
  const c = await consultationAudience(a.consultationId);
  if (!c || c.areaPath.length === 0) throw invalid('议事不存在', { consultationId: a.consultationId });
  // Electorate members are told in their own `user:` rooms (computed at fan-out), never the whole complex.
  if (c.dwellingIds.length > 0) return { audienceCodes: [], audienceDwellingIds: c.dwellingIds, scopePath: c.areaPath, rooms: [] };
  return { audienceCodes: c.codes, audienceDwellingIds: [], scopePath: c.areaPath, rooms: c.codes.map((code) => `area:${code}`) };
}
