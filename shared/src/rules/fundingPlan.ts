// A project's funding plan (资金筹措): central funds first, the local government shortfall shared 2:1:1
// (splitLocalShortfall), then utility operators, residents, funds and social capital; the plan is compared with the
// budget by fundingPlanBalance. This file only combines those rules so server and mini-program show the same figures.
import { assertNonNegativeInt, RuleInputError } from './numbers';
import { type FundingPlanBalance, fundingPlanBalance, type FundingSourceKind, type LocalShortfallSplit, splitLocalShortfall } from './shares';

/** An item's budget: quantity (2 decimals) × unit cost in fen, rounded half-up to the fen. */
export function itemBudgetFen(quantity: number, unitCostFen: number): number {
  assertNonNegativeInt(unitCostFen, '单价（分）');
  const q = Math.round(quantity * 100);
  assertNonNegativeInt(q, '数量（百分之一）');
  return Number((BigInt(q) * BigInt(unitCostFen) * BigInt(2) + BigInt(100)) / BigInt(200));
}

export interface FundingPlanInput {
  centralSubsidyFen: number;
  /**
   * All public money for the project, central included. Absent → the local governments close the gap:
   * shortfall = max(0, budget − central − every non-government source).
   */
  governmentFen?: number | null;
  utilities: readonly { name: string; amountFen: number }[];
  residentsFen: number;
  maintenanceFundFen: number;
  providentFundFen: number;
  publicIncomeFen: number;
  socialCapitalFen: number;
}

export interface FundingPlanResult {
  budgetFen: number;
  nonGovernmentFen: number;
  /** The government share that central funds do not cover. */
  localShortfallFen: number;
  shortfallMode: 'fixed_government_total' | 'closes_gap';
  shortfallRule: string;
  split: LocalShortfallSplit;
  balance: FundingPlanBalance;
}

export function computeFundingPlan(budgetFen: number, p: FundingPlanInput): FundingPlanResult {
  assertNonNegativeInt(budgetFen, '预算（分）');
  const own: [FundingSourceKind, number][] = [
    ...p.utilities.map((u) => ['utility', u.amountFen] as [FundingSourceKind, number]),
    ['residents', p.residentsFen],
    ['maintenance_fund', p.maintenanceFundFen],
    ['provident_fund', p.providentFundFen],
    ['public_income', p.publicIncomeFen],
    ['social_capital', p.socialCapitalFen],
  ];
  for (const [, fen] of own) assertNonNegativeInt(fen, '资金金额（分）');
  assertNonNegativeInt(p.centralSubsidyFen, '中央补助资金（分）');
  const nonGovernmentFen = own.reduce((s, [, fen]) => s + fen, 0);
  let localShortfallFen: number;
  let shortfallRule: string;
  const fixed = p.governmentFen !== undefined && p.governmentFen !== null;
  if (fixed) {
    assertNonNegativeInt(p.governmentFen!, '财政资金合计（分）');
    if (p.governmentFen! < p.centralSubsidyFen) throw new RuleInputError('财政资金合计不能小于中央补助资金');
    localShortfallFen = p.governmentFen! - p.centralSubsidyFen;
    shortfallRule = '地方财政分担额 = 财政资金合计 − 中央补助资金';
  } else {
    localShortfallFen = Math.max(0, budgetFen - p.centralSubsidyFen - nonGovernmentFen);
    shortfallRule = '地方财政分担额 = 预算 − 中央补助资金 − 其他各方出资（不小于 0），由地方财政补足缺口';
  }
  const split = splitLocalShortfall(localShortfallFen);
  const balance = fundingPlanBalance({
    budgetFen,
    sources: [
      { kind: 'central_subsidy', amountFen: p.centralSubsidyFen },
      { kind: 'region', amountFen: split.regionFen },
      { kind: 'prefecture', amountFen: split.prefectureFen },
      { kind: 'county', amountFen: split.countyFen },
      ...own.map(([kind, amountFen]) => ({ kind, amountFen })),
    ],
  });
  return {
    budgetFen,
    nonGovernmentFen,
    localShortfallFen,
    shortfallMode: fixed ? 'fixed_government_total' : 'closes_gap',
    shortfallRule,
    split,
    balance,
  };
}
