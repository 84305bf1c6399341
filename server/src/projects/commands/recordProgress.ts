import { Types } from 'mongoose';
import type { ProgressBody } from '@gongzhi/shared';
import type { AuthUser } from '../../platform/http/route';
import { conflict, unprocessable } from '../../platform/errors';
import { authorize } from '../../platform/http/authorize';
import { canReportProgress } from '../policy';
import { ProjectProgress } from '../model';
import { assertOwnFiles, type ProjectHydrated, saveWithRetry } from '../service';

/**
 * A progress update during 施工: a percentage per item, photos and a note. An item reaching 100% is completed at that
 * moment (used for "on schedule"); lowering it again clears the completion.
 */
export async function recordProgress(user: AuthUser, project: ProjectHydrated, body: ProgressBody) {
  authorize(canReportProgress(user, project));
  const _id = new Types.ObjectId(); // each update is its own object: its photos are not reusable in the next
  await assertOwnFiles(user, `project-progress:${_id}`, body.photoFileIds);
  const now = new Date();
  const names: string[] = [];
  const saved = await saveWithRetry(project._id, (p) => {
    if (p.status !== 'construction') throw conflict('NOT_UNDER_CONSTRUCTION', '只有施工阶段可以更新进度');
    const seen = new Set<string>();
    names.length = 0;
    for (const u of body.items) {
      const item = p.items.id(u.itemId);
      if (!item) throw unprocessable('ITEM_NOT_FOUND', `改造项目 ${u.itemId} 不存在`);
      if (seen.has(u.itemId)) throw unprocessable('ITEM_DUPLICATE', '同一改造项目在一次更新中只能出现一次');
      seen.add(u.itemId);
      names.push(item.name);
      item.percent = u.percent;
      if (u.percent === 100 && !item.completedAt) item.completedAt = now;
      if (u.percent < 100) item.completedAt = null;
    }
  });
  const update = await ProjectProgress.create({
    _id,
    projectId: saved._id,
    at: now,
    by: user.id,
    note: body.note,
    photoFileIds: body.photoFileIds,
    items: body.items.map((u, i) => ({ itemId: u.itemId, name: names[i], percent: u.percent })),
  });
  return { project: saved, update };
}
