import { Input, Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { useI18n } from '../../i18n';
import { formatYuan } from '../../utils/format';
import Field from '../components/Field';
import { FUNDING_FIELDS, fundingPreview, type FundingForm } from '../lib/projectPlan';
import type { Project } from '../lib/staffApi';
import { useLatest } from '../../hooks/useLatest';

interface Props {
  project: Project;
  editable: boolean;
  onSave: (body: object) => Promise<void>;
}
const yuan = (fen: number | undefined) => (fen ? formatYuan(fen).replace(/,/g, '') : '');

/** 资金筹措: central, residents, operators, maintenance fund, other; the local shortfall split 2:1:1 and the balance live. */
export default function FundingEditor({ project, editable, onSave }: Props) {
  const { t } = useI18n();
  const init = (): FundingForm => {
    const i = project.funding?.input;
    return {
      central: yuan(i?.centralSubsidyFen),
      residents: yuan(i?.residentsFen),
      operatorName: i?.utilities[0]?.name ?? '',
      operator: yuan(i?.utilities.reduce((s, u) => s + u.amountFen, 0)),
      maintenance: yuan(i?.maintenanceFundFen),
      other: yuan(i?.socialCapitalFen),
    };
  };
  const [f, setF] = useState<FundingForm>(init);
  const saved = useLatest(init);
  useEffect(() => setF(saved.current()), [project.id, project.funding?.updatedAt, saved]);
  const preview = fundingPreview(project.budgetFen, f);
  const money = (k: (typeof FUNDING_FIELDS)[number]) => (
    <Field key={k} label={t(`staff.wb.fund.${k}`)} error={!preview.ok && preview.field === k ? 'staff.wb.amountInvalid' : undefined}>
      <Input
        className="st-input"
        type="digit"
        value={f[k]}
        disabled={!editable}
        onInput={(e) => setF({ ...f, [k]: e.detail.value })}
        data-testid={`fund-${k}`}
      />
    </Field>
  );
  const p = preview.ok ? preview.plan : null;
  return (
    <View className="card" data-testid="funding-editor">
      <Text className="card__meta">{t('staff.wb.budgetTotal', { amount: formatYuan(project.budgetFen) })}</Text>
      {money('central')}
      {money('residents')}
      <Field label={t('staff.wb.fund.operatorName')}>
        <Input className="st-input" value={f.operatorName} disabled={!editable} maxlength={50} onInput={(e) => setF({ ...f, operatorName: e.detail.value })} />
      </Field>
      {money('operator')}
      {money('maintenance')}
      {money('other')}
      {p && (
        <View data-testid="funding-preview">
          <Text className="st-row__meta">
            {t('staff.wb.split', {
              total: formatYuan(p.split.shortfallFen),
              region: formatYuan(p.split.regionFen),
              prefecture: formatYuan(p.split.prefectureFen),
              county: formatYuan(p.split.countyFen),
            })}
          </Text>
          <Text className={`st-pill ${p.balance.balanced ? 'st-pill--good' : 'st-pill--warn'}`} data-testid="funding-balance">
            {p.balance.balanced
              ? t('staff.wb.balanced', { total: formatYuan(p.balance.totalFen) })
              : t('staff.wb.unbalanced', {
                  total: formatYuan(p.balance.totalFen),
                  budget: formatYuan(p.budgetFen),
                  diff: formatYuan(Math.abs(p.balance.differenceFen)),
                })}
          </Text>
        </View>
      )}
      {editable && (
        <View className="btn" onClick={() => preview.ok && onSave(preview.body)} data-testid="funding-save">
          {t('staff.wb.saveFunding')}
        </View>
      )}
    </View>
  );
}
