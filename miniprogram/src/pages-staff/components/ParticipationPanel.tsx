import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import StateView from '../../components/StateView';
import { useI18n } from '../../i18n';
import { errorMessage } from '../../services/api';
import type { Remote } from '../../hooks/useRemote';
import { participationBars, participationTotals } from '../lib/charts';
import { formatArea } from '../lib/numbers';
import { staffApi, type Participation } from '../lib/staffApi';
import BarChart from '../../components/BarChart';

const PAGE = 10;

/** Participation by building (chart); while voting is open, the dwellings that have not voted yet and the reminder button. */
export default function ParticipationPanel({ id, data, open }: { id: string; data: Remote<Participation>; open: boolean }) {
  const { t } = useI18n();
  const [shown, setShown] = useState(PAGE);
  const [sending, setSending] = useState(false);
  const p = data.data;
  const totals = p ? participationTotals(p.buildings) : null;

  const remind = async () => {
    setSending(true);
    try {
      const r = await staffApi.remind(id);
      Taro.showToast({ title: t('staff.cs.reminded', { n: r.count }), icon: 'none' });
    } catch (e) {
      Taro.showModal({ title: t('state.error'), content: errorMessage(e), showCancel: false });
    } finally {
      setSending(false);
    }
  };

  return (
    <StateView loading={data.loading && !p} error={data.error} onRetry={data.reload}>
      {p && totals && (
        <>
          <View className="card" data-testid="participation">
            <Text className="card__title">{t('staff.cs.participation')}</Text>
            <Text className="card__meta">{t('staff.cs.totals', { voted: totals.voted, total: totals.dwellings, percent: totals.percentText })}</Text>
            <Text className="card__meta">
              {formatArea(totals.votedAreaHundredths)} / {formatArea(totals.areaHundredths)}㎡
            </Text>
            <View style={{ height: '12px' }} />
            <BarChart
              properLabels
              bars={participationBars(p.buildings, { dwellings: t('staff.unit.dwelling') })}
              markerPercent={66.7}
              markerLabel={t('staff.cs.quorumLine')}
              emptyText={t('state.empty')}
            />
          </View>
          {open && (
            <View className="card">
              <View className="staff-head">
                <Text className="card__title">{t('staff.cs.notVoted', { n: p.notVoted.length })}</Text>
                {open && p.notVoted.length > 0 && (
                  <View className="btn st-btn--small" onClick={sending ? undefined : remind}>
                    {sending ? t('staff.saving') : t('staff.cs.remindAll')}
                  </View>
                )}
              </View>
              {p.notVoted.length === 0 && <Text className="muted">{t('staff.cs.allVoted')}</Text>}
              {p.notVoted.slice(0, shown).map((d) => (
                <View key={d.dwellingId} className="st-row">
                  <Text className="st-row__title" data-proper-name="1">
                    {d.buildingName} {d.entranceName} {d.room}
                  </Text>
                  <Text className="st-row__meta">{formatArea(d.areaHundredths)}㎡</Text>
                </View>
              ))}
              {p.notVoted.length > shown && (
                <View className="btn btn--plain" onClick={() => setShown(shown + PAGE)}>
                  {t('staff.more', { n: p.notVoted.length - shown })}
                </View>
              )}
            </View>
          )}
        </>
      )}
    </StateView>
  );
}
