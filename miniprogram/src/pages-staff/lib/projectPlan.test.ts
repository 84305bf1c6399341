import { describe, expect, it } from '@jest/globals';
import { emptyItem, fundingPreview, itemsBody, rowBudgetFen } from './projectPlan';

const row = (quantity: string, unitCost: string, name = '屋面防水') => ({ ...emptyItem(), name, quantity, unit: '㎡', unitCost });

describe('workbench forms', () => {
  it('budget = quantity × unit cost, half-up to the fen; a bad number gives no budget', () => {
    expect(rowBudgetFen(row('120.5', '85.30'))).toBe(1_027_865);
    expect(rowBudgetFen(row('0.33', '0.05'))).toBe(2); // 1.65 fen → 2
    expect([rowBudgetFen(row('1.234', '5')), rowBudgetFen(row('2', 'abc')), rowBudgetFen(row('0', '5'))]).toEqual([null, null, null]);
  });

  it('the items body carries unit costs and names the first bad row', () => {
    const ok = itemsBody([row('100', '50'), row('2', '250', '加装扶手')]);
    expect(ok).toMatchObject({ ok: true, budgetFen: 550_000 });
    expect(itemsBody([row('100', '50'), row('2', '250', ' ')])).toEqual({ ok: false, index: 1 });
    // A Tibetan name is sent only when typed (trimmed); an empty one is left out so the Chinese name is used.
    const bo = itemsBody([{ ...row('1', '5'), nameBo: ' ཐོག་ཁའི་ཆུ་འགོག ' }, row('1', '5')]);
    expect(bo.ok && bo.body.items.map((i) => (i as { nameBo?: string }).nameBo)).toEqual(['ཐོག་ཁའི་ཆུ་འགོག', undefined]);
  });

  it('the funding preview splits the local shortfall 2:1:1 and says when the plan does not balance', () => {
    const f = { central: '3000', residents: '1000', operatorName: '', operator: '', maintenance: '', other: '' };
    const good = fundingPreview(550_000, f);
    expect(good.ok && [good.plan.split.regionFen, good.plan.split.prefectureFen, good.plan.split.countyFen, good.plan.balance.balanced]).toEqual([
      75_000,
      37_500,
      37_500,
      true,
    ]);
    const over = fundingPreview(550_000, { ...f, residents: '5000' });
    expect(over.ok && [over.plan.balance.balanced, over.plan.balance.differenceFen]).toEqual([false, 250_000]);
    expect(fundingPreview(550_000, { ...f, operator: '1.234' })).toEqual({ ok: false, field: 'operator' });
  });
});
