import type { AuthUser } from '../platform/http/route';
import type { ProjectStatus } from '@gongzhi/shared';
import { isAdmin } from '../identity';
import { memberDwellings } from '../roster';
import { GRANT_ROLES } from './policy';
import { Project, ProjectProgress } from './model';
import { projectListingOf } from './listing';

const newestYearFirst = (a: { year: number; complexCode: string }, b: { year: number; complexCode: string }) =>
  b.year - a.year || (a.complexCode < b.complexCode ? -1 : a.complexCode > b.complexCode ? 1 : 0);
const MAX = 500;

/**
 * Projects the user may see: those under any of their grants, and those of complexes they live in. Found through
 * the per-area listings (listing.ts, one `{_id}` read per area) and then read one by one by `_id`, so what is shown
 * (the stage too) is always the project as stored. Only an admin still reads the whole collection.
 */
export async function listProjects(user: AuthUser, q: { complexCode?: string; scope?: string; year?: number; status?: ProjectStatus }) {
  if (isAdmin(user)) {
    const filter: Record<string, unknown> = {};
    if (q.complexCode) filter.complexCode = q.complexCode;
    if (q.scope) filter.areaPath = q.scope;
    if (q.year) filter.year = q.year;
    if (q.status) filter.status = q.status;
    return Project.find(filter).sort({ year: -1, complexCode: 1 }).limit(MAX);
  }
  const scopes = user.grants.filter((g) => GRANT_ROLES.includes(g.role)).map((g) => g.scope);
  const complexes = (await memberDwellings(user.id)).map((d) => d.complexCode);
  const codes = [...new Set([...scopes, ...complexes])];
  const visible = new Map((await Promise.all(codes.map(projectListingOf))).flat().map((e) => [e.id, e]));
  const wanted = [...visible.values()]
    .filter((e) => (!q.complexCode || e.complexCode === q.complexCode) && (!q.scope || e.areaPath.includes(q.scope)) && (!q.year || e.year === q.year))
    .sort(newestYearFirst);
  const docs = await Promise.all((q.status ? wanted : wanted.slice(0, MAX)).map((e) => Project.findById(e.id)));
  return docs.filter((p): p is NonNullable<typeof p> => !!p && (!q.status || p.status === q.status)).slice(0, MAX);
}

export async function listProgress(projectId: string) {
  return ProjectProgress.find({ projectId }).sort({ at: -1 }).limit(200).lean();
}
