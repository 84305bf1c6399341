import {
  computeFundingPlan,
  formatFen,
  ITEM_CATEGORY_LABELS,
  nextStatus,
  PROJECT_STATUS_LABELS,
  type FundingPlanView,
  type ProjectAbilities,
  type ProjectView,
} from '@gongzhi/shared';
import type { AuthUser } from '../platform/http/route';
import type { FundingInputDoc, ProgressDoc, ProjectDoc } from './model';
import { canCommentOnProject, canPlanProject, canReadProjectTables, canReportProgress } from './policy';

const iso = (d: Date | null | undefined) => (d ? new Date(d).toISOString() : '');

export const budgetOf = (p: Pick<ProjectDoc, 'items'>) => p.items.reduce((s, i) => s + i.budgetFen, 0);

export function plainFunding(i: FundingInputDoc): FundingInputDoc {
  return {
    centralSubsidyFen: i.centralSubsidyFen,
    governmentFen: i.governmentFen ?? null,
    utilities: (i.utilities ?? []).map((u) => ({ name: u.name, amountFen: u.amountFen })),
    residentsFen: i.residentsFen,
    maintenanceFundFen: i.maintenanceFundFen,
    providentFundFen: i.providentFundFen,
    publicIncomeFen: i.publicIncomeFen,
    socialCapitalFen: i.socialCapitalFen,
    note: i.note ?? '',
  };
}

export function presentFunding(p: ProjectDoc): FundingPlanView | null {
  if (!p.funding) return null;
  const input = plainFunding(p.funding.input);
  const r = computeFundingPlan(budgetOf(p), input);
  const diff = r.balance.differenceFen;
  return {
    input,
    budgetFen: r.budgetFen,
    nonGovernmentFen: r.nonGovernmentFen,
    localShortfallFen: r.localShortfallFen,
    shortfallRule: r.shortfallRule,
    split: r.split,
    lines: r.balance.byKind.map((l) => ({ kind: l.kind, label: l.label, amountFen: l.amountFen })),
    totalFen: r.balance.totalFen,
    differenceFen: diff,
    balanced: r.balance.balanced,
    balanceText:
      diff === 0
        ? `资金合计 ${formatFen(r.balance.totalFen)} 元，与预算平衡`
        : `资金合计 ${formatFen(r.balance.totalFen)} 元，比预算 ${formatFen(r.budgetFen)} 元${diff < 0 ? '少' : '多'} ${formatFen(Math.abs(diff))} 元`,
    updatedAt: iso(p.funding.updatedAt),
    updatedBy: p.funding.updatedBy,
  };
}

export function isRatingOpen(p: Pick<ProjectDoc, 'ratingWindow'>, now = new Date()) {
  const w = p.ratingWindow;
  return !!w && now >= w.opensAt && now < w.closesAt;
}

/** The caller's abilities, from the policies the plan, progress, comment and export routes authorize with. */
export function projectAbilities(user: AuthUser, p: Pick<ProjectDoc, 'areaPath' | 'complexCode'>): ProjectAbilities {
  return {
    canPlan: canPlanProject(user, p),
    canReportProgress: canReportProgress(user, p),
    canComment: canCommentOnProject(user, p),
    canReadTables: canReadProjectTables(user, p),
  };
}

export function presentProject(p: ProjectDoc): ProjectView {
  return {
    id: String(p._id),
    complexCode: p.complexCode,
    complexName: p.complexName,
    areaPath: [...p.areaPath],
    year: p.year,
    name: p.name,
    nameBo: p.nameBo ?? null,
    status: p.status,
    statusLabel: PROJECT_STATUS_LABELS[p.status],
    nextStatus: nextStatus(p.status),
    transitions: p.transitions.map((t) => ({
      from: t.from ?? null,
      to: t.to,
      toLabel: PROJECT_STATUS_LABELS[t.to],
      at: iso(t.at),
      by: t.by,
      note: t.note ?? '',
    })),
    items: p.items.map((i) => ({
      id: String(i._id),
      category: i.category,
      categoryLabel: ITEM_CATEGORY_LABELS[i.category],
      name: i.name,
      nameBo: i.nameBo ?? null,
      quantity: i.quantity,
      unit: i.unit,
      budgetFen: i.budgetFen,
      unitCostFen: i.unitCostFen ?? null,
      note: i.note ?? '',
      plannedFinishOn: i.plannedFinishOn ?? null,
      percent: i.percent ?? 0,
      completedAt: i.completedAt ? iso(i.completedAt) : null,
    })),
    budgetFen: budgetOf(p),
    funding: presentFunding(p),
    acceptance: p.acceptance
      ? {
          date: p.acceptance.date,
          passed: p.acceptance.passed,
          note: p.acceptance.note ?? '',
          participants: p.acceptance.participants.map((x) => ({ unit: x.unit, role: x.role, ...(x.name ? { name: x.name } : {}) })),
          items: p.acceptance.items.map((x) => ({ itemId: x.itemId, accepted: x.accepted, ...(x.note ? { note: x.note } : {}) })),
          documentFileIds: [...p.acceptance.documentFileIds],
          recordedAt: iso(p.acceptance.recordedAt),
          recordedBy: p.acceptance.recordedBy,
        }
      : null,
    ratingWindow: p.ratingWindow ? { opensAt: iso(p.ratingWindow.opensAt), closesAt: iso(p.ratingWindow.closesAt), open: isRatingOpen(p) } : null,
    consultationIds: [...p.consultationIds],
    noticeIds: [...p.noticeIds],
    createdAt: iso(p.createdAt),
    buildingCodes: [...(p.buildingCodes ?? [])],
  };
}

export function presentProgress(u: ProgressDoc) {
  return {
    id: String(u._id),
    at: iso(u.at),
    by: u.by,
    note: u.note ?? '',
    photoFileIds: [...u.photoFileIds],
    items: u.items.map((i) => ({ itemId: i.itemId, name: i.name, percent: i.percent })),
  };
}
