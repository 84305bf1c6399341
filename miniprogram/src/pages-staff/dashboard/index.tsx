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
import { appendPage, complexLabel, dimensionText, evaluationTable, gradeText, type DashboardView } from '../lib/dashboard';
import { downloadFile } from '../lib/files';
import { percentText } from '../lib/numbers';
import { dashboardApi } from '../lib/staffApi';
import { useGrantAreaNames } from '../lib/useComplexes';
import { useStaff } from '../lib/useStaff';
import '../staff.scss';

/** Complexes in the chosen scope (one request per page): participation, pledges, satisfaction, evaluation, then the table. */
export default function Dashboard() {
  const { t, lang } = useI18n();
  const staff = useStaff();
  const scopeLabel = useGrantAreaNames(staff.data?.grants, lang);
  const scopes = sortGrants(staff.data?.grants ?? []).filter((g) => g.scope !== 'root');
  const [scope, setScope] = useState('');
  useEffect(() => {
    if (!scope && scopes.length) setScope(scopes[0].scope);
  }, [scopes.length]);
  const first = useRemote(() => (scope ? dashboardApi.page(scope) : Promise.resolve(null)), [scope]);
  // Further pages are appended to the first; a reload or another scope starts again from the first page.
  const [view, setView] = useState<DashboardView | null>(null);
  useEffect(() => setView(first.data ?? null), [first.data]);
  const [more, setMore] = useState(false);
  const [exporting, setExporting] = useState(false);
  usePullDownRefresh(() => {
    first.reload();
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
  const loadMore = async () => {
    if (!view?.nextCursor) return;
    setMore(true);
    try {
      const next = await dashboardApi.page(scope, view.nextCursor);
      setView((v) => (v ? appendPage(v, next) : next));
    } catch (e) {
      Taro.showModal({ title: t('state.error'), content: errorMessage(e), showCancel: false });
    } finally {
      setMore(false);
    }
  };

  const rows = view?.rows ?? [];
  const totals = view?.totals;
  const table = evaluationTable(rows);
  const name = (r: (typeof rows)[number]) => complexLabel(r, lang);
  const unit = t('staff.unit.dwelling');
  const pct = (r: { num: number; den: number }) => (r.den ? `${percentText(r.num, r.den)}%` : '—');
  return (
    <PageShell titleKey='staff.db.title'>
      <StateView loading={staff.loading} error={staff.error} onRetry={staff.reload} action={staff.status === 401 ? <LoginButton /> : undefined} empty={!!staff.data && scopes.length === 0} emptyText={t('staff.noGrant')}>
        <Chips options={scopes.map((g) => ({ value: g.scope, label: scopeLabel(g) }))} value={scope} onChange={setScope} />
        <StateView loading={first.loading && !view} error={first.error} onRetry={first.reload} empty={!!view && rows.length === 0} emptyText={t('staff.noComplex')}>
          {view && totals && (
            <View>
              <View className='card' data-testid='dashboard-summary'>
                <Text className='card__title'>{scopeName}</Text>
                <Text className='card__meta'>{t('staff.db.counts', { complexes: totals.complexes, projects: totals.projects })}</Text>
                <Text className='card__meta'>
                  {t('staff.db.participationTotal', { percent: pct(totals.participation) })} ·{' '}
                  {t('staff.db.pledgeTotal', { received: formatYuan(totals.pledges.receivedFen), target: formatYuan(totals.pledges.targetFen) })}
                </Text>
                <Text className='card__meta'>
                  {t('staff.db.satisfactionTotal', { mean: totals.satisfaction.mean === null ? '—' : totals.satisfaction.mean.toFixed(2), n: totals.satisfaction.count })}
                </Text>
                {view.nextCursor && <Text className='card__meta'>{t('staff.db.shown', { shown: rows.length, total: totals.complexes })}</Text>}
              </View>

              <Text className='section-title'>{t('staff.db.participation')}</Text>
              <View className='card'>
                <BarChart
                  marker={{ percent: 66.7, label: t('staff.cs.quorumLine') }}
                  bars={rows.map((r) => ratioBar(r.complexCode, name(r), r.participation?.num ?? 0, r.participation?.den ?? 0, r.participation ? `${r.participation.num} / ${r.participation.den} ${t('staff.unit.person')} · ${r.participation.title}` : t('staff.db.noVote')))}
                />
              </View>

              <Text className='section-title'>{t('staff.db.pledges')}</Text>
              <View className='card'>
                <BarChart
                  bars={rows.map((r) => ratioBar(r.complexCode, name(r), r.pledges?.receivedFen ?? 0, r.pledges?.targetFen ?? 0, r.pledges ? `¥${formatYuan(r.pledges.receivedFen)} / ¥${formatYuan(r.pledges.targetFen)}` : t('staff.db.noProject')))}
                />
              </View>

              <Text className='section-title'>{t('staff.db.satisfaction')}</Text>
              <View className='card'>
                <BarChart bars={rows.map((r) => ratingBar(r.complexCode, name(r), r.satisfaction?.mean ?? null, r.satisfaction?.count ?? 0, unit))} />
              </View>

              <Text className='section-title'>{t('staff.db.score')}</Text>
              <View className='card'>
                <BarChart bars={rows.map((r) => scoreBar(r.complexCode, name(r), r.evaluation?.total ?? null, r.evaluation ? gradeText(t, r.evaluation.grade, r.evaluation.gradeLabel) : t('staff.db.noProject')))} />
              </View>

              {view.nextCursor && (
                <View className='btn btn--ghost' onClick={more ? undefined : loadMore} data-testid='dashboard-more'>
                  {more ? t('state.loading') : t('staff.db.more')}
                </View>
              )}

              <Text className='section-title'>{t('staff.db.table')}</Text>
              <View className='card' data-testid='dashboard-table'>
                <StateView empty={table.length === 0} emptyText={t('staff.db.noEvaluation')}>
                  {table.map((r, i) => (
                    <View key={r.complexCode} className='st-row' style={{ flexDirection: 'column', alignItems: 'stretch' }}>
                      <View className='staff-head'>
                        <Text className='st-row__title'>
                          {i + 1}. {name(r)} · {r.evaluation.year}
                        </Text>
                        <Text className='st-pill st-pill--neutral'>
                          {r.evaluation.total.toFixed(2)} · {gradeText(t, r.evaluation.grade, r.evaluation.gradeLabel)}
                        </Text>
                      </View>
                      {r.evaluation.dimensions.map((d) => (
                        <Text key={d.dimension} className='st-row__meta'>
                          {dimensionText(t, d.dimension, d.label)}：{d.score.toFixed(2)}
                        </Text>
                      ))}
                      {r.projectStatusLabel && <Text className='st-row__meta'>{r.projectStatusLabel}</Text>}
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
