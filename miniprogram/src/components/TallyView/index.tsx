import { Text, View } from '@tarojs/components';
import { localText } from '@gongzhi/shared/src/text/systemBo';
import { useI18n } from '../../i18n';
import { hundredthsText } from '../../services/labels';
import type { LiveTally } from '../../services/types';
import BarChart from '../BarChart';
import { formatPermille, liveTallyBars, participationGauge, permilleOf, yesNoOf } from '../BarChart/data';
import RealtimeBadge from '../RealtimeBadge';

/** Live participation (overall and by building) while a vote is open, batched by the server; per-option counts only after close. */
export default function TallyView({ tally }: { tally: LiveTally }) {
  const { t, lang } = useI18n();
  const e = tally.electorate;
  const first = tally.questions[0];
  const voted = first?.participation.dwellings ?? 0;
  const gauge = participationGauge(first?.participation.headcount ?? 0, e.headcount, first?.participation.requiredHeadcount ?? null);
  // Server labels are Chinese ("同意", "屋面防水·同意"): the yes/no part is said in the chosen language.
  const label = (key: string, fallback: string) => {
    const choice = yesNoOf(key);
    if (!choice) return fallback;
    const dot = fallback.lastIndexOf('·');
    return (dot >= 0 ? fallback.slice(0, dot + 1) : '') + t(`vote.${choice}`);
  };
  return (
    <View data-testid="live-tally" data-voted={voted}>
      <Text className="tally-big" data-testid="live-voted">
        {t('tally.voted', { voted, total: e.dwellings })}
      </Text>
      {first && (
        <View>
          <BarChart
            bars={[
              {
                key: 'headcount',
                label: t('tally.headcount'),
                value: first.participation.headcount,
                valueText: `${first.participation.headcount} / ${e.headcount}`,
                permille: gauge.permille,
                width: gauge.width,
                tone: gauge.reached ? 'good' : 'primary',
              },
              {
                key: 'area',
                label: t('tally.area'),
                value: first.participation.areaHundredths,
                valueText: `${hundredthsText(first.participation.areaHundredths)}㎡`,
                permille: permilleOf(first.participation.areaHundredths, e.areaHundredths),
                width: Math.max(
                  first.participation.areaHundredths > 0 ? 1 : 0,
                  Math.round(permilleOf(first.participation.areaHundredths, e.areaHundredths) / 10),
                ),
                tone:
                  first.participation.requiredAreaHundredths !== null && first.participation.areaHundredths >= first.participation.requiredAreaHundredths
                    ? 'good'
                    : 'primary',
              },
            ]}
            showPercent
            markerPercent={gauge.markerPercent}
            markerLabel={gauge.markerPercent !== null ? t('tally.quorumLine') : undefined}
            testId="participation-chart"
          />
          {first.participation.requiredHeadcount !== null && (
            <Text className="card__meta">
              {t('tally.quorumNeed', {
                headcount: first.participation.requiredHeadcount,
                area: hundredthsText(first.participation.requiredAreaHundredths ?? 0),
              })}
            </Text>
          )}
        </View>
      )}
      {(tally.buildings ?? []).length > 1 &&
        (tally.buildings ?? []).map((b) => (
          <Text key={b.buildingCode} className="card__meta" data-testid="building-participation">
            {/* Building names are the roster's proper names, shown as written. */}
            <Text data-proper-name="1">{b.buildingName}</Text>
            {` · ${t('tally.voted', { voted: b.voted, total: b.dwellings })}`}
          </Text>
        ))}
      {/* While a vote is open the server sends participation only; per-option bars appear at close. */}
      {tally.questions
        .filter((q) => q.options.length > 0)
        .map((q) => (
          <View key={q.questionId} className="tally-q">
            <Text className="form-label">{localText(q.title, lang)}</Text>
            <BarChart
              bars={liveTallyBars(q, e.dwellings, label).map((b) => ({ ...b, valueText: t('tally.households', { n: b.value }) }))}
              showPercent
              testId={`live-bars-${q.questionId}`}
            />
          </View>
        ))}
      <Text className="card__meta">{t('tally.at', { percent: formatPermille(permilleOf(voted, e.dwellings)) })}</Text>
      <RealtimeBadge />
    </View>
  );
}
