import { Input, Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { ITEM_CATEGORIES } from '@gongzhi/shared/src/rules/projectLifecycle';
import { useI18n } from '../../i18n';
import { formatYuan } from '../../utils/format';
import Chips from '../components/Chips';
import { emptyItem, itemsBody, rowBudgetFen, type ItemRow } from '../lib/projectPlan';
import type { Project } from '../lib/staffApi';
import { useLatest } from '../../hooks/useLatest';

interface Props {
  project: Project;
  editable: boolean;
  onSave: (body: object) => Promise<void>;
}

/** 改造内容 by class (基础/完善/提升): quantity × unit cost = budget, summed as the user types. */
export default function ItemsEditor({ project, editable, onSave }: Props) {
  const { t } = useI18n();
  const fromProject = () =>
    project.items.map((i): ItemRow => ({
      id: i.id,
      category: i.category,
      name: i.name,
      nameBo: i.nameBo ?? '',
      quantity: String(i.quantity),
      unit: i.unit,
      unitCost: formatYuan(i.unitCostFen ?? Math.round(i.budgetFen / i.quantity)).replace(/,/g, ''),
      note: i.note,
    }));
  const [rows, setRows] = useState<ItemRow[]>(fromProject);
  const [bad, setBad] = useState<number | null>(null);
  const saved = useLatest(fromProject);
  useEffect(() => setRows(saved.current()), [project.id, project.items.length, project.budgetFen, saved]);
  const patch = (i: number, p: Partial<ItemRow>) => setRows(rows.map((r, j) => (j === i ? { ...r, ...p } : r)));
  const check = itemsBody(rows);
  const save = async () => {
    if (!check.ok) {
      setBad(check.index);
      return;
    }
    setBad(null);
    await onSave(check.body);
  };
  return (
    <View className="card" data-testid="items-editor">
      {rows.map((r, i) => (
        <View key={r.id ?? `new${i}`} className={`st-field ${bad === i ? 'st-field--error' : ''}`} data-testid={`item-${i}`}>
          <Chips
            options={ITEM_CATEGORIES.map((c) => ({ value: c, label: t(`staff.category.${c}`) }))}
            value={r.category}
            onChange={(c) => editable && patch(i, { category: c })}
          />
          <Input
            className="st-input"
            placeholder={t('staff.wb.itemName')}
            value={r.name}
            disabled={!editable}
            maxlength={100}
            onInput={(e) => patch(i, { name: e.detail.value })}
            data-testid={`item-${i}-name`}
          />
          <Input
            className="st-input lang-bo"
            placeholder={t('staff.wb.itemNameBo')}
            value={r.nameBo ?? ''}
            disabled={!editable}
            maxlength={200}
            onInput={(e) => patch(i, { nameBo: e.detail.value })}
            data-testid={`item-${i}-name-bo`}
          />
          <View style={{ display: 'flex', gap: '8px' }}>
            <Input
              className="st-input"
              type="digit"
              placeholder={t('staff.wb.quantity')}
              value={r.quantity}
              disabled={!editable}
              onInput={(e) => patch(i, { quantity: e.detail.value })}
              data-testid={`item-${i}-qty`}
            />
            <Input
              className="st-input"
              placeholder={t('staff.wb.unit')}
              value={r.unit}
              disabled={!editable}
              maxlength={20}
              onInput={(e) => patch(i, { unit: e.detail.value })}
              data-testid={`item-${i}-unit`}
            />
            <Input
              className="st-input"
              type="digit"
              placeholder={t('staff.wb.unitCost')}
              value={r.unitCost}
              disabled={!editable}
              onInput={(e) => patch(i, { unitCost: e.detail.value })}
              data-testid={`item-${i}-cost`}
            />
          </View>
          <Input
            className="st-input"
            placeholder={t('staff.wb.itemNote')}
            value={r.note}
            disabled={!editable}
            maxlength={300}
            onInput={(e) => patch(i, { note: e.detail.value })}
          />
          <Text className="st-row__meta" data-testid={`item-${i}-budget`}>
            {t('staff.wb.itemBudget', { amount: rowBudgetFen(r) === null ? '—' : formatYuan(rowBudgetFen(r)!) })}
          </Text>
          {bad === i && <Text className="st-field__error">{t('staff.wb.itemInvalid')}</Text>}
          {editable && (
            <View className="btn btn--plain st-btn--small" onClick={() => setRows(rows.filter((_, j) => j !== i))}>
              {t('staff.wb.remove')}
            </View>
          )}
        </View>
      ))}
      <Text className="card__title" data-testid="items-total">
        {t('staff.wb.budgetTotal', { amount: check.ok ? formatYuan(check.budgetFen) : '—' })}
      </Text>
      {editable ? (
        <View style={{ display: 'flex', gap: '8px' }}>
          <View className="btn btn--ghost" onClick={() => setRows([...rows, emptyItem()])} data-testid="item-add">
            {t('staff.wb.addItem')}
          </View>
          <View className="btn" onClick={save} data-testid="items-save">
            {t('staff.wb.saveItems')}
          </View>
        </View>
      ) : (
        <Text className="muted">{t('staff.wb.planLocked')}</Text>
      )}
    </View>
  );
}
