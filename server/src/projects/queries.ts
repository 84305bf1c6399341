import type { AuthUser } from '../platform/http/route';
import type { ProjectStatus } from '@gongzhi/shared';
import { GRANT_ROLES, isAdmin, memberDwellings } from './directory';
import { Project, ProjectProgress } from './model';

/** Projects the user may see: those under any of their grants, and those of complexes they live in. */
export async function listProjects(user: AuthUser, q: { complexCode?: string; scope?: string; year?: number; status?: ProjectStatus }) {
  const or: object[] = [];
  if (isAdmin(user)) or.push({});
  const scopes = user.grants.filter((g) => GRANT_ROLES.includes(g.role)).map((g) => g.scope);
  if (scopes.length) or.push({ areaPath: { $in: scopes } });
  const complexes = [...new Set((await memberDwellings(user.id)).map((d) => d.complexCode))];
  if (complexes.length) or.push({ complexCode: { $in: complexes } });
  if (or.length === 0) return [];
  const filter: Record<string, unknown> = { $or: or };
  if (q.complexCode) filter.complexCode = q.complexCode;
  if (q.scope) filter.areaPath = q.scope;
  if (q.year) filter.year = q.year;
  if (q.status) filter.status = q.status;
  return Project.find(filter).sort({ year: -1, complexCode: 1 }).limit(500);
}

export async function listProgress(projectId: string) {
  return ProjectProgress.find({ projectId }).sort({ at: -1 }).limit(200).lean();
}
