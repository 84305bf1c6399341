import type { AuthUser } from '../../platform/http/route';
import { unprocessable } from '../../platform/errors';
import { authorize } from '../../platform/http/authorize';
import { audit } from '../../identity';
import { consultationById } from '../../consultations';
import { noticesByIds } from '../../notices';
import { canPlanProject } from '../policy';
import { Project } from '../model';
import type { ProjectHydrated } from '../service';
import { withLock } from '../../platform/locks';

/** Links a consultation of the same complex, or a notice posted at the complex or above it, to the project. */
export async function linkProject(user: AuthUser, project: ProjectHydrated, body: { kind: 'consultation' | 'notice'; targetId: string }) {
  authorize(canPlanProject(user, project));
  if (body.kind === 'consultation') {
    const c = await consultationById(body.targetId);
    if (!c || c.complexCode !== project.complexCode) throw unprocessable('LINK_TARGET_INVALID', '该协商议题不存在或不属于本小区');
    await withLock(`project:${project._id}`, () => Project.updateOne({ _id: project._id }, { $addToSet: { consultationIds: body.targetId } }));
  } else {
    const [n] = await noticesByIds([body.targetId]);
    const own = Array.isArray(n?.scopePath) ? n.scopePath[n.scopePath.length - 1] : undefined;
    if (!n || !own || !project.areaPath.includes(own)) throw unprocessable('LINK_TARGET_INVALID', '该公告不存在或不在本小区的公示范围内');
    await withLock(`project:${project._id}`, () => Project.updateOne({ _id: project._id }, { $addToSet: { noticeIds: body.targetId } }));
  }
  await audit({
    actorId: user.id,
    action: `project.link.${body.kind}`,
    target: { type: 'project', id: String(project._id) },
    areaPath: project.areaPath,
    details: body,
  });
  return (await Project.findById(project._id))!;
}
