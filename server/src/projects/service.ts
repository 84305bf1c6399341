import { Types } from 'mongoose';
import type { AuthUser } from '../platform/http/route';
import { conflict, notFound } from '../platform/errors';
import { memberDwellings } from '../roster';
import { canReadProject } from './policy';
import { Project, type ProjectDoc } from './model';
import mongoose from 'mongoose';
import { withLock } from '../platform/locks';
import { attachFiles } from '../platform/fileRefs';

export type ProjectHydrated = mongoose.HydratedDocument<ProjectDoc>;

export const projectNotFound = () => notFound('PROJECT_NOT_FOUND', '改造项目不存在');

/** The project if the user may see it; otherwise the same 404 whether or not it exists. */
export async function loadReadableProject(user: AuthUser, id: string): Promise<{ project: ProjectHydrated; memberComplexCodes: string[] }> {
  if (!Types.ObjectId.isValid(id)) throw projectNotFound();
  const project = await Project.findById(id);
  if (!project) throw projectNotFound();
  const memberComplexCodes = [...new Set((await memberDwellings(user.id)).map((d) => d.complexCode))];
  if (!canReadProject(user, project, memberComplexCodes)) throw projectNotFound();
  return { project, memberComplexCodes };
}

/** Runs `mutate` on a fresh copy and saves it, holding the project's lock (and optimistic concurrency besides). */
export function saveWithRetry(id: Types.ObjectId, mutate: (p: ProjectHydrated) => void | Promise<void>): Promise<ProjectHydrated> {
  return withLock(`project:${id}`, () => saveLoop(id, mutate));
}

async function saveLoop(id: Types.ObjectId, mutate: (p: ProjectHydrated) => void | Promise<void>): Promise<ProjectHydrated> {
  for (let attempt = 0; attempt < 4; attempt++) {
    const p = await Project.findById(id);
    if (!p) throw projectNotFound();
    await mutate(p);
    try {
      return await p.save();
    } catch (e) {
      if (e instanceof mongoose.Error.VersionError) continue;
      throw e;
    }
  }
  throw conflict('CONCURRENT_UPDATE', '项目正被他人修改，请刷新后重试');
}

/** Files a request names go through the platform's one file seam (platform/fileRefs.ts). */
export async function assertOwnFiles(user: AuthUser, object: string, fileIds: string[], shown: string[] = []): Promise<void> {
  await attachFiles(user, { purposes: ['project_file'], object, shown }, fileIds);
}
