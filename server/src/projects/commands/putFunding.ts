import { computeFundingPlan, type FundingPlanBody, planEditable, PROJECT_STATUS_LABELS } from '@gongzhi/shared';
import type { AuthUser } from '../../platform/http/route';
import { conflict } from '../../platform/errors';
import { authorize } from '../../platform/http/authorize';
import { audit } from '../../identity';
import { canPlanProject } from '../policy';
import { budgetOf } from '../presenter';
import { type ProjectHydrated, saveWithRetry } from '../service';
import { ruleError } from '../../platform/errors';

/** Sets the funding plan (资金筹措). It may be out of balance while drafted; 方案公示 requires it to balance. */
export async function putFunding(user: AuthUser, project: ProjectHydrated, body: FundingPlanBody) {
  authorize(canPlanProject(user, project));
  const input = {
    centralSubsidyFen: body.centralSubsidyFen,
    governmentFen: body.governmentFen ?? null,
    utilities: body.utilities,
    residentsFen: body.residentsFen,
    maintenanceFundFen: body.maintenanceFundFen,
    providentFundFen: body.providentFundFen,
    publicIncomeFen: body.publicIncomeFen,
    socialCapitalFen: body.socialCapitalFen,
    note: body.note ?? '',
  };
  let result: ReturnType<typeof computeFundingPlan> | undefined;
  const saved = await saveWithRetry(project._id, (p) => {
    if (!planEditable(p.status)) throw conflict('PLAN_LOCKED', `项目已处于「${PROJECT_STATUS_LABELS[p.status]}」阶段，资金筹措方案不能再修改`);
    try {
      result = computeFundingPlan(budgetOf(p), input);
    } catch (e) {
      ruleError(e);
    }
    p.set('funding', { input, updatedAt: new Date(), updatedBy: user.id });
  });
  await audit({
    actorId: user.id,
    action: 'project.funding',
    target: { type: 'project', id: String(saved._id) },
    areaPath: saved.areaPath,
    details: { ...input, localShortfallFen: result!.localShortfallFen, differenceFen: result!.balance.differenceFen },
  });
  return saved;
}
