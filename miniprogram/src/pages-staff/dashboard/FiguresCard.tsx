import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useI18n } from '../../i18n';
import { formatYuan } from '../../utils/format';
import { dimensionText, gradeText, meanText, pctText, type Figures } from '../lib/dashboard';

/** Every figure row opens its arithmetic (the formula the server computed it with) on tap. */
export function showFormula(title: string, formula: string) {
  Taro.showModal({ title, content: formula, showCancel: false });
}

interface Props {
  figures: Figures;
  testId?: string;
  compact?: boolean;
}

/** The four dimensions, total and grades, participation, pledges against plan, satisfaction distribution. */
export default function FiguresCard({ figures: f, testId, compact }: Props) {
  const { t } = useI18n();
  const line = (key: string, label: string, value: string, formula: string) => (
    <View key={key} className="st-row" data-testid={`fig-${key}`} onClick={() => showFormula(label, formula)}>
      <Text className="st-row__title">{label}</Text>
      <Text className="st-pill st-pill--neutral">{value}</Text>
    </View>
  );
  return (
    <View data-testid={testId}>
      <Text className="card__meta">{t('staff.db.summary', { projects: f.projects, graded: f.graded, provisional: f.provisional })}</Text>
      {f.dimensions.map((d) => line(d.dimension, dimensionText(t, d.dimension, d.label), meanText(d.mean), d.formula))}
      {line('total', t('staff.db.total'), meanText(f.total.mean), f.total.formula)}
      {!compact && (
        <Text className="card__meta">
          {t('staff.db.distribution')}：{f.distribution.map((g) => `${gradeText(t, g.grade, g.label)} ${g.count}`).join(' · ')}
        </Text>
      )}
      {line(
        'participation',
        t('staff.db.participation'),
        `${f.participation.num} / ${f.participation.den} · ${pctText(f.participation.percent)}`,
        f.participation.formula,
      )}
      {line(
        'pledges',
        t('staff.db.pledges'),
        `¥${formatYuan(f.pledges.receivedFen)} / ¥${formatYuan(f.pledges.targetFen)} · ${pctText(f.pledges.percent)}`,
        f.pledges.formula,
      )}
      {!compact && <Text className="card__meta">{t('staff.db.labour', { days: f.pledges.labourDays })}</Text>}
      {line(
        'satisfaction',
        t('staff.db.satisfaction'),
        `${meanText(f.satisfaction.mean)} · ${t('staff.db.households', { n: f.satisfaction.count })}`,
        f.satisfaction.formula,
      )}
      {!compact && (
        <Text className="card__meta" data-testid="fig-stars">
          {f.satisfaction.counts.map((c, i) => `${t('staff.db.stars', { n: i + 1 })} ${c}`).join(' · ')}
        </Text>
      )}
    </View>
  );
}
