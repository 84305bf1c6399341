import { PROJECT_STATUS_LABELS, type ProjectStatus, transitionProblemCodes, transitionProblems, TRANSITION_RULES } from '@gongzhi/shared';
import type { AuthUser } from '../../platform/http/route';
import { conflict, unprocessable } from '../../platform/errors';
import { authorize } from '../../platform/http/authorize';
import { audit } from '../../identity';
import { getSettings } from '../../evaluation';
import { canPlanProject } from '../policy';
import { stageFactsOf } from '../stageFacts';
import { Project } from '../model';
import type { ProjectHydrated } from '../service';
import { withLock } from '../../platform/locks';
import { noticeKindFor, publishProjectNoticeNow, queueProjectNotice } from '../notices';

const DAY = 86_400_000;

/**
 * Moves a project one stage forward (see TRANSITION_RULES), under the project's lock and conditional on the current
 * stage, so two concurrent requests cannot both advance it. Entering 竣工验收 opens the rating window; entering 后评价
 * closes it. The notice of the new stage is queued before the change and published right after it.
 */
export async function transitionProject(user: AuthUser, loaded: ProjectHydrated, body: { to: ProjectStatus; note?: string; ratingDays?: number }) {
  authorize(canPlanProject(user, loaded));
  const noticeKind = noticeKindFor(body.to);
  const id = String(loaded._id);
  const updated = await withLock(`project:${id}`, async () => {
    const project = (await Project.findById(id))!;
    await advance(user, project, body, noticeKind);
    return project;
  });
  if (noticeKind) await publishProjectNoticeNow(id, noticeKind, user.id);
  return (await Project.findById(updated._id))!;
}

async function advance(
  user: AuthUser,
  project: ProjectHydrated,
  body: { to: ProjectStatus; note?: string; ratingDays?: number },
  noticeKind: ReturnType<typeof noticeKindFor>,
) {
  const from = project.status;
  const facts = await stageFactsOf(project);
  const problems = transitionProblems(from, body.to, facts);
  if (problems.length) {
    throw unprocessable('TRANSITION_NOT_ALLOWED', problems.join('；'), {
      problems,
      codes: transitionProblemCodes(from, body.to, facts),
      rules: TRANSITION_RULES,
    });
  }
  const now = new Date();
  const set: Record<string, unknown> = { status: body.to };
  if (body.to === 'acceptance') {
    const days = body.ratingDays ?? (await getSettings()).ratingWindowDays;
    set.ratingWindow = { opensAt: now, closesAt: new Date(now.getTime() + days * DAY) };
  }
  if (body.to === 'evaluation' && project.ratingWindow && project.ratingWindow.closesAt > now) {
    set['ratingWindow.closesAt'] = now;
  }
  if (noticeKind) await queueProjectNotice(String(project._id), noticeKind, user.id);
  const r = await Project.updateOne(
    { _id: project._id, status: from },
    { $set: set, $push: { transitions: { from, to: body.to, at: now, by: user.id, note: body.note ?? '' } }, $inc: { __v: 1 } },
  );
  if (r.modifiedCount !== 1) throw conflict('STATUS_CHANGED', '项目阶段已被他人变更，请刷新后重试');
  await audit({
    actorId: user.id,
    action: 'project.transition',
    target: { type: 'project', id: String(project._id) },
    areaPath: project.areaPath,
    details: { from, to: body.to, fromLabel: PROJECT_STATUS_LABELS[from], toLabel: PROJECT_STATUS_LABELS[body.to] },
    reason: body.note,
  });
}
