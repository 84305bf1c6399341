// Workbench forms → request bodies, with the budget and the funding balance computed by the shared rules as the
// user types (the server recomputes them the same way).
import { computeFundingPlan, itemBudgetFen, type FundingPlanResult } from '@gongzhi/shared/src/rules/fundingPlan';
import type { ItemCategory } from '@gongzhi/shared/src/rules/projectLifecycle';
import { parseYuanToFen } from './numbers';

export interface ItemRow {
  id?: string;
  category: ItemCategory;
  name: string;
  nameBo?: string;
  quantity: string;
  unit: string;
  unitCost: string;
  note: string;
}
export const emptyItem = (category: ItemCategory = 'basic'): ItemRow => ({ category, name: '', quantity: '1', unit: '项', unitCost: '', note: '' });

const quantityOf = (s: string) => (/^\d+(\.\d{1,2})?$/.test(s.trim()) && Number(s) > 0 ? Number(s) : null);

/** An item's budget in fen, or null while quantity or unit cost is not a valid number. */
export function rowBudgetFen(r: ItemRow): number | null {
  const q = quantityOf(r.quantity);
  const c = parseYuanToFen(r.unitCost);
  return q === null || c === null ? null : itemBudgetFen(q, c);
}

export type ItemsCheck = { ok: true; body: { items: object[] }; budgetFen: number } | { ok: false; index: number };
export function itemsBody(rows: ItemRow[]): ItemsCheck {
  let total = 0;
  const items: object[] = [];
  for (const [index, r] of rows.entries()) {
    const b = rowBudgetFen(r);
    if (b === null || !r.name.trim() || !r.unit.trim()) return { ok: false, index };
    total += b;
    items.push({
      ...(r.id ? { id: r.id } : {}),
      category: r.category,
      name: r.name.trim(),
      ...(r.nameBo?.trim() ? { nameBo: r.nameBo.trim() } : {}),
      quantity: quantityOf(r.quantity)!,
      unit: r.unit.trim(),
      unitCostFen: parseYuanToFen(r.unitCost)!,
      ...(r.note.trim() ? { note: r.note.trim() } : {}),
    });
  }
  return { ok: true, body: { items }, budgetFen: total };
}

export interface FundingForm {
  central: string;
  residents: string;
  operatorName: string;
  operator: string;
  maintenance: string;
  other: string;
}
export const FUNDING_FIELDS = ['central', 'residents', 'operator', 'maintenance', 'other'] as const;

/** The funding body and the plan as the rules compute it (2:1:1 split of the shortfall, balance), or the bad field. */
export function fundingPreview(
  budgetFen: number,
  f: FundingForm,
): { ok: true; body: object; plan: FundingPlanResult } | { ok: false; field: (typeof FUNDING_FIELDS)[number] } {
  const fen: Record<string, number> = {};
  for (const k of FUNDING_FIELDS) {
    const v = f[k].trim() === '' ? 0 : parseYuanToFen(f[k]);
    if (v === null) return { ok: false, field: k };
    fen[k] = v;
  }
  const utilities = fen.operator > 0 ? [{ name: f.operatorName.trim() || '专业经营单位', amountFen: fen.operator }] : [];
  const body = {
    centralSubsidyFen: fen.central,
    utilities,
    residentsFen: fen.residents,
    maintenanceFundFen: fen.maintenance,
    socialCapitalFen: fen.other,
  };
  const plan = computeFundingPlan(budgetFen, { ...body, governmentFen: null, providentFundFen: 0, publicIncomeFen: 0 });
  return { ok: true, body, plan };
}
