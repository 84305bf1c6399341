import { Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import LoginButton from '../../components/LoginButton';
import PageShell from '../../components/PageShell';
import StateView from '../../components/StateView';
import { useRemote } from '../../hooks/useRemote';
import { useI18n } from '../../i18n';
import { errorMessage } from '../../services/api';
import { formatYuan } from '../../utils/format';
import BarChart from '../components/BarChart';
import Chips from '../components/Chips';
import { sortGrants } from '../lib/access';
import { ratingBar, ratioBar, scoreBar } from '../lib/charts';
import { dashboardTotals } from '../lib/dashboard';
import { loadDashboard } from '../lib/dashboardLoad';
import { downloadFile } from '../lib/files';
import { percentText } from '../lib/numbers';
import { useGrantAreaNames } from '../lib/useComplexes';
import { useStaff } from '../lib/useStaff';
import '../staff.scss';

/** Complexes in the chosen scope: participation, pledges, satisfaction and evaluation, then the evaluation table. */
export default function Dashboard() {
  const { t, lang } = useI18n();
  const staff = useStaff();
  const scopeLabel = useGrantAreaNames(staff.data?.grants, lang);
  const scopes = sortGrants(staff.data?.grants ?? []).filter((g) => g.scope !== 'root');
  const [scope, setScope] = useState('');
  useEffect(() => {
    if (!scope && scopes.length) setScope(scopes[0].scope);
  }, [scopes.length]);
  const data = useRemote(() => (scope ? loadDashboard(scope, lang) : Promise.resolve(null)), [scope, lang]);
  const [exporting, setExporting] = useState(false);
  usePullDownRefresh(() => {
    data.reload();
    Taro.stopPullDownRefresh();
  });

  const grant = scopes.find((g) => g.scope === scope);
  const scopeName = grant ? scopeLabel(grant) : scope;
  // The exported file keeps the Chinese name (it is filed and forwarded as is).
  const fileScopeName = grant?.scopeName ?? scope;
  const exportXlsx = async () => {
    setExporting(true);
    try {
      await downloadFile('/api/evaluation/export.xlsx', `绩效评价-${fileScopeName}.xlsx`, { scope });
    } catch (e) {
      Taro.showModal({ title: t('state.error'), content: errorMessage(e), showCancel: false });
    } finally {
      setExporting(false);
    }
  };

  const rows = data.data?.rows ?? [];
  const totals = dashboardTotals(rows);
  const unit = t('staff.unit.dwelling');
  return (
    <PageShell titleKey='staff.db.title'>
      <StateView loading={staff.loading} error={staff.error} onRetry={staff.reload} action={staff.status === 401 ? <LoginButton /> : undefined} empty={!!staff.data && scopes.length === 0} emptyText={t('staff.noGrant')}>
        <Chips options={scopes.map((g) => ({ value: g.scope, label: scopeLabel(g) }))} value={scope} onChange={setScope} />
        <StateView loading={data.loading} error={data.error} onRetry={data.reload} empty={!!data.data && rows.length === 0} emptyText={t('staff.noComplex')}>
          {data.data && (
            <View>
              <View className='card' data-testid='dashboard-summary'>
                <Text className='card__title'>{scopeName}</Text>
                <Text className='card__meta'>{t('staff.db.counts', { complexes: totals.complexes, projects: totals.projects })}</Text>
                <Text className='card__meta'>
                  {t('staff.db.participationTotal', { percent: totals.participation.den ? `${percentText(totals.participation.num, totals.participation.den)}%` : '—' })} ·{' '}
                  {t('staff.db.pledgeTotal', { received: formatYuan(totals.pledges.receivedFen), target: formatYuan(totals.pledges.targetFen) })}
                </Text>
                {data.data.truncated && <Text className='card__meta'>{t('staff.db.truncated')}</Text>}
              </View>

              <Text className='section-title'>{t('staff.db.participation')}</Text>
              <View className='card'>
                <BarChart
                  marker={{ percent: 66.7, label: t('staff.cs.quorumLine') }}
                  bars={rows.map((r) => ratioBar(r.complexCode, r.complexName, r.participation?.num ?? 0, r.participation?.den ?? 0, r.participation ? `${r.participation.num} / ${r.participation.den} ${t('staff.unit.person')} · ${r.participation.title}` : t('staff.db.noVote')))}
                />
              </View>

              <Text className='section-title'>{t('staff.db.pledges')}</Text>
              <View className='card'>
                <BarChart
                  bars={rows.map((r) => ratioBar(r.complexCode, r.complexName, r.pledges?.receivedFen ?? 0, r.pledges?.targetFen ?? 0, r.pledges ? `¥${formatYuan(r.pledges.receivedFen)} / ¥${formatYuan(r.pledges.targetFen)}` : t('staff.db.noProject')))}
                />
              </View>

              <Text className='section-title'>{t('staff.db.satisfaction')}</Text>
              <View className='card'>
                <BarChart bars={rows.map((r) => ratingBar(r.complexCode, r.complexName, r.satisfaction?.mean ?? null, r.satisfaction?.count ?? 0, unit))} />
              </View>

              <Text className='section-title'>{t('staff.db.score')}</Text>
              <View className='card'>
                <BarChart bars={rows.map((r) => scoreBar(r.complexCode, r.complexName, r.evaluation?.total ?? null, r.evaluation?.gradeLabel ?? t('staff.db.noProject')))} />
              </View>

              <Text className='section-title'>{t('staff.db.table')}</Text>
              <View className='card'>
                <StateView empty={data.data.evaluations.length === 0} emptyText={t('staff.db.noEvaluation')}>
                  {data.data.evaluations.map((e, i) => (
                    <View key={e.projectId} className='st-row' style={{ flexDirection: 'column', alignItems: 'stretch' }}>
                      <View className='staff-head'>
                        <Text className='st-row__title'>
                          {i + 1}. {e.complexName} · {e.year}
                        </Text>
                        <Text className='st-pill st-pill--neutral'>
                          {e.total.toFixed(2)} · {e.gradeLabel}
                        </Text>
                      </View>
                      {e.dimensions.map((d) => (
                        <Text key={d.dimension} className='st-row__meta'>
                          {d.label}：{d.score.toFixed(2)}
                        </Text>
                      ))}
                      <Text className='st-row__meta'>{e.statusLabel}</Text>
                    </View>
                  ))}
                </StateView>
              </View>
              <View className='btn btn--ghost' onClick={exporting ? undefined : exportXlsx} data-testid='export-xlsx'>
                {exporting ? t('staff.saving') : t('staff.db.export')}
              </View>
            </View>
          )}
        </StateView>
      </StateView>
    </PageShell>
  );
}
