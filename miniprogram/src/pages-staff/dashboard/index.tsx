import { Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { PROJECT_STATUSES } from '@gongzhi/shared/src/rules/projectLifecycle';
import LoginButton from '../../components/LoginButton';
import PageShell from '../../components/PageShell';
import StateView from '../../components/StateView';
import { useRemote } from '../../hooks/useRemote';
import { useI18n } from '../../i18n';
import { errorMessage } from '../../services/api';
import Chips from '../components/Chips';
import { sortGrants } from '../lib/access';
import { appendPage, areaLabel, meanText, pctText, projectGradeText, type DashboardRow, type DashboardView } from '../lib/dashboard';
import { downloadFile } from '../lib/files';
import { dashboardApi } from '../lib/staffApi';
import { useGrantAreaNames } from '../lib/useComplexes';
import { useStaff } from '../lib/useStaff';
import FiguresCard, { showFormula } from './FiguresCard';
import '../staff.scss';

type Level = 'region' | 'prefecture' | 'county' | 'street' | 'community' | 'complex' | 'project';

/** Officials drill region → prefecture → county → street → complex → project; every figure opens its formula. */
export default function Dashboard() {
  const { t, lang } = useI18n();
  const staff = useStaff();
  const scopeLabel = useGrantAreaNames(staff.data?.grants, lang);
  const scopes = sortGrants(staff.data?.grants ?? []).filter((g) => g.scope !== 'root');
  const [root, setRoot] = useState('');
  const [node, setNode] = useState('');
  const [stage, setStage] = useState('');
  const firstScope = scopes[0]?.scope;
  useEffect(() => {
    if (!root && firstScope) {
      setRoot(firstScope);
      setNode(firstScope);
    }
  }, [root, firstScope]);
  const first = useRemote(() => (node ? dashboardApi.page(node, stage) : Promise.resolve(null)), [node, stage]);
  const [view, setView] = useState<DashboardView | null>(null);
  useEffect(() => setView(first.data ?? null), [first.data]);
  const [busy, setBusy] = useState(false);
  usePullDownRefresh(() => {
    first.reload();
    Taro.stopPullDownRefresh();
  });

  const fail = (e: unknown) => Taro.showModal({ title: t('state.error'), content: errorMessage(e), showCancel: false });
  const exportXlsx = async () => {
    if (!view) return;
    setBusy(true);
    // The file keeps the Chinese name (it is filed and forwarded as is).
    try {
      await downloadFile('/api/evaluation/export.xlsx', `绩效评价-${view.name}.xlsx`, { scope: view.code, ...(stage ? { stage } : {}) });
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  };
  const loadMore = async () => {
    if (view?.nextOffset == null) return;
    setBusy(true);
    try {
      const next = await dashboardApi.page(view.code, stage, view.nextOffset);
      setView((v) => (v ? appendPage(v, next) : next));
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  };
  const open = (r: DashboardRow) => {
    if (r.project) Taro.navigateTo({ url: `/pages-staff/project/index?id=${r.project.projectId}` });
    else setNode(r.code);
  };
  const level = (l: string | null) => (l ? t(`staff.db.level.${l as Level}`) : '');
  const stages = [{ value: '', label: t('staff.db.allStages') }, ...PROJECT_STATUSES.map((s) => ({ value: s as string, label: t(`project.status.${s}`) }))];

  return (
    <PageShell titleKey="staff.db.title">
      <StateView
        loading={staff.loading}
        error={staff.error}
        onRetry={staff.reload}
        action={staff.status === 401 ? <LoginButton /> : undefined}
        empty={!!staff.data && scopes.length === 0}
        emptyText={t('staff.noGrant')}
      >
        <Chips
          options={scopes.map((g) => ({ value: g.scope, label: scopeLabel(g) }))}
          value={root}
          onChange={(s) => {
            setRoot(s);
            setNode(s);
          }}
        />
        <Chips options={stages} value={stage} onChange={setStage} />
        <StateView loading={first.loading && !view} error={first.error} onRetry={first.reload}>
          {view && (
            <View>
              <View className="st-chips" data-testid="dashboard-breadcrumb">
                {view.breadcrumb.map((b) => (
                  <View key={b.code} className={`st-chips__item ${b.code === view.code ? 'st-chips__item--on' : ''}`} onClick={() => setNode(b.code)}>
                    {areaLabel(b, lang)}
                  </View>
                ))}
              </View>
              <View className="card" data-testid="dashboard-summary">
                <Text className="card__title">
                  {areaLabel(view, lang)} · {level(view.level)}
                </Text>
                <FiguresCard figures={view.figures} />
              </View>

              {view.childLevel && <Text className="section-title">{t('staff.db.children', { level: level(view.childLevel) })}</Text>}
              <View className="card" data-testid="dashboard-rows">
                <StateView empty={view.rows.length === 0} emptyText={t('staff.db.noProject')}>
                  {view.rows.map((r) => (
                    <View key={r.code} className="st-row" style={{ flexDirection: 'column', alignItems: 'stretch' }} data-testid={`row-${r.code}`}>
                      <View className="staff-head" onClick={() => open(r)}>
                        <Text className="st-row__title">
                          {r.rank ? `${r.rank}. ` : ''}
                          {areaLabel(r, lang)}
                          {r.project ? ` · ${t(`project.status.${r.project.status as 'reserve'}`)}` : ''} ›
                        </Text>
                        <Text className="st-pill st-pill--neutral">
                          {meanText(r.figures.total.mean)}
                          {r.project ? ` · ${projectGradeText(t, r.project)}` : ''}
                        </Text>
                      </View>
                      <Text className="st-row__meta" onClick={() => showFormula(t('staff.db.total'), r.figures.total.formula)}>
                        {r.figures.dimensions.map((d) => meanText(d.mean)).join(' / ')} · {t('staff.db.tapFormula')}
                      </Text>
                      <Text className="st-row__meta" onClick={() => showFormula(t('staff.db.participation'), r.figures.participation.formula)}>
                        {t('staff.db.participation')} {pctText(r.figures.participation.percent)} · {t('staff.db.pledges')} {pctText(r.figures.pledges.percent)}
                      </Text>
                      <Text className="st-row__meta" onClick={() => showFormula(t('staff.db.satisfaction'), r.figures.satisfaction.formula)}>
                        {t('staff.db.satisfaction')} {meanText(r.figures.satisfaction.mean)} · {t('staff.db.households', { n: r.figures.satisfaction.count })}
                      </Text>
                    </View>
                  ))}
                </StateView>
              </View>
              {view.nextOffset !== null && (
                <View className="btn btn--ghost" onClick={busy ? undefined : loadMore} data-testid="dashboard-more">
                  {busy ? t('state.loading') : t('staff.db.more')}
                </View>
              )}

              <Text className="section-title">{t('staff.db.priority')}</Text>
              <View className="card" data-testid="dashboard-priority">
                <StateView empty={view.priority.length === 0} emptyText={t('staff.db.noPriority')}>
                  {view.priority.map((p) => (
                    <View key={p.projectId} className="st-row" onClick={() => showFormula(t('staff.db.priority'), p.explanation)}>
                      <Text className="st-row__title">
                        {p.rank}. {p.complexName} · {p.year}
                      </Text>
                      <Text className="st-pill st-pill--neutral">
                        {p.willingness.percent}% / {p.participation.percent}%
                      </Text>
                    </View>
                  ))}
                </StateView>
              </View>
              <View className="btn btn--ghost" onClick={busy ? undefined : exportXlsx} data-testid="export-xlsx">
                {busy ? t('staff.saving') : t('staff.db.export')}
              </View>
            </View>
          )}
        </StateView>
      </StateView>
    </PageShell>
  );
}
