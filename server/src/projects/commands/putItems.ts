import { Types } from 'mongoose';
import { formatFen, itemBudgetFen, planEditable, PROJECT_STATUS_LABELS, type ProjectItemInput } from '@gongzhi/shared';
import type { AuthUser } from '../../platform/http/route';
import { conflict, unprocessable } from '../../platform/errors';
import { authorize } from '../../platform/http/authorize';
import { audit } from '../../identity';
import { canPlanProject } from '../policy';
import { budgetOf } from '../presenter';
import { type ProjectHydrated, saveWithRetry } from '../service';

/** Replaces the item list (改造内容); items keep their ids so progress and ratings stay attached. */
export async function putItems(user: AuthUser, project: ProjectHydrated, items: ProjectItemInput[]) {
  authorize(canPlanProject(user, project));
  const saved = await saveWithRetry(project._id, (p) => {
    if (!planEditable(p.status)) throw conflict('PLAN_LOCKED', `项目已处于「${PROJECT_STATUS_LABELS[p.status]}」阶段，改造内容不能再修改`);
    const existing = new Map(p.items.map((i) => [String(i._id), i]));
    const seen = new Set<string>();
    const next = items.map((i) => {
      if (i.id && !existing.has(i.id)) throw unprocessable('ITEM_NOT_FOUND', `改造项目 ${i.id} 不存在`);
      if (i.id && seen.has(i.id)) throw unprocessable('ITEM_DUPLICATE', '改造项目重复');
      if (i.id) seen.add(i.id);
      const old = i.id ? existing.get(i.id) : undefined;
      const computed = i.unitCostFen === undefined ? null : itemBudgetFen(i.quantity, i.unitCostFen);
      if (computed !== null && i.budgetFen !== undefined && computed !== i.budgetFen) {
        throw unprocessable('BUDGET_MISMATCH', `「${i.name}」预算 ${formatFen(i.budgetFen)} 元与数量 × 单价 = ${formatFen(computed)} 元不符`);
      }
      return {
        _id: i.id ? new Types.ObjectId(i.id) : new Types.ObjectId(),
        category: i.category,
        name: i.name,
        nameBo: i.nameBo ?? null,
        quantity: i.quantity,
        unit: i.unit,
        budgetFen: computed ?? i.budgetFen!,
        unitCostFen: i.unitCostFen ?? null,
        note: i.note ?? '',
        plannedFinishOn: i.plannedFinishOn ?? null,
        percent: old?.percent ?? 0,
        completedAt: old?.completedAt ?? null,
      };
    });
    if (!Number.isSafeInteger(next.reduce((s, i) => s + i.budgetFen, 0))) throw unprocessable('BUDGET_TOO_LARGE', '预算合计过大');
    p.set('items', next);
  });
  await audit({
    actorId: user.id,
    action: 'project.items',
    target: { type: 'project', id: String(saved._id) },
    areaPath: saved.areaPath,
    details: { count: saved.items.length, budgetFen: budgetOf(saved) },
  });
  return saved;
}
