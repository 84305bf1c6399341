import type { AcceptanceBody } from '@gongzhi/shared';
import type { AuthUser } from '../../platform/http/route';
import { conflict, unprocessable } from '../../platform/errors';
import { authorize } from '../../platform/http/authorize';
import { audit } from '../../identity';
import { canPlanProject } from '../policy';
import { assertOwnFiles, type ProjectHydrated, saveWithRetry } from '../service';

/** The joint acceptance (联合验收) record, entered during 施工; it may be re-entered until the project moves on. */
export async function recordAcceptance(user: AuthUser, project: ProjectHydrated, body: AcceptanceBody) {
  authorize(canPlanProject(user, project));
  await assertOwnFiles(user, `project-acceptance:${project._id}`, body.documentFileIds, project.acceptance?.documentFileIds ?? []);
  const saved = await saveWithRetry(project._id, (p) => {
    if (p.status !== 'construction') throw conflict('NOT_UNDER_CONSTRUCTION', '联合验收记录只能在施工阶段录入');
    const ids = new Set(p.items.map((i) => String(i._id)));
    const seen = new Set<string>();
    if (body.passed && body.items.some((i) => !i.accepted)) {
      throw unprocessable('ACCEPTANCE_INCONSISTENT', '有改造项目未通过验收，联合验收结论不能为“通过”');
    }
    for (const i of body.items) {
      if (!ids.has(i.itemId)) throw unprocessable('ITEM_NOT_FOUND', `改造项目 ${i.itemId} 不存在`);
      if (seen.has(i.itemId)) throw unprocessable('ITEM_DUPLICATE', '改造项目重复');
      seen.add(i.itemId);
    }
    p.set('acceptance', { ...body, recordedAt: new Date(), recordedBy: user.id });
  });
  await audit({
    actorId: user.id,
    action: 'project.acceptance',
    target: { type: 'project', id: String(saved._id) },
    areaPath: saved.areaPath,
    details: { date: body.date, passed: body.passed, participants: body.participants.length },
  });
  return saved;
}
