import { Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import PageShell from '../../components/PageShell';
import StateView from '../../components/StateView';
import { useRemote } from '../../hooks/useRemote';
import { useI18n } from '../../i18n';
import { errorMessage } from '../../services/api';
import { formatDateTime, formatYuan } from '../../utils/format';
import BarChart from '../../components/BarChart';
import ProgressForm from '../components/ProgressForm';
import CommentThread from './CommentThread';
import { ratioBar } from '../lib/charts';
import { staffApi, type Pledge } from '../lib/staffApi';
import { param } from '../lib/useStaff';
import '../staff.scss';

function pledgeWhat(p: Pledge, days: (n: number) => string): string {
  if (p.amountFen !== null) return `¥${formatYuan(p.amountFen)}`;
  if (p.material) return `${p.material.item} ${p.material.quantity}${p.material.unit}`;
  if (p.labour) return `${p.labour.skill} ${days(p.labour.days)}`;
  return '';
}

/** A project from the committee's side: confirm pledges as they arrive, post progress with photos. */
export default function ProjectManage() {
  const { t } = useI18n();
  const id = param(useRouter().params, 'id');
  const days = (n: number) => t('staff.nt.days', { n });
  const project = useRemote(() => staffApi.project(id), [id]);
  const pledges = useRemote(() => staffApi.pledges(id), [id]);
  const ledger = useRemote(() => staffApi.ledger(id), [id]);
  const reload = () => [project, pledges, ledger].forEach((r) => r.reload());
  usePullDownRefresh(() => {
    reload();
    Taro.stopPullDownRefresh();
  });

  const step = async (p: Pledge, action: 'confirm' | 'fulfil') => {
    const ok = await Taro.showModal({
      title: t(action === 'confirm' ? 'staff.pj.confirmTitle' : 'staff.pj.fulfilTitle'),
      content: `${p.dwellingLabel} · ${pledgeWhat(p, days)}`,
    });
    if (!ok.confirm) return;
    try {
      await (action === 'confirm' ? staffApi.confirmPledge(p.id) : staffApi.fulfilPledge(p.id));
      pledges.reload();
      ledger.reload();
    } catch (e) {
      Taro.showModal({ title: t('state.error'), content: errorMessage(e), showCancel: false });
    }
  };

  const pj = project.data;
  const l = ledger.data;
  return (
    <PageShell titleKey="staff.pj.title">
      <StateView loading={project.loading && !pj} error={project.error} onRetry={project.reload}>
        {pj && (
          <View>
            <View className="card">
              <Text className="card__title">{pj.name}</Text>
              <Text className="card__meta">
                {pj.complexName} · {t(`project.status.${pj.status}`)} · {t('projects.budget', { amount: formatYuan(pj.budgetFen) })}
              </Text>
              <View
                className="btn btn--ghost st-btn--small"
                onClick={() => Taro.navigateTo({ url: `/pages-staff/project-plan/index?id=${pj.id}` })}
                data-testid="open-plan"
              >
                {t('staff.wb.title')} ›
              </View>
            </View>

            <Text className="section-title">{t('staff.pj.pledges')}</Text>
            {l && (
              <View className="card">
                <BarChart
                  bars={[
                    ratioBar(
                      'received',
                      t('staff.pj.received'),
                      l.receivedFen,
                      l.residentsShareFen,
                      `¥${formatYuan(l.receivedFen)} / ¥${formatYuan(l.residentsShareFen)}`,
                    ),
                  ]}
                />
                <Text className="card__meta">{t('staff.pj.activeTotals', { money: formatYuan(l.active.moneyFen), days: l.active.labourDays })}</Text>
              </View>
            )}
            <View className="card">
              <StateView
                loading={pledges.loading && !pledges.data}
                error={pledges.error}
                onRetry={pledges.reload}
                empty={pledges.data?.length === 0}
                emptyText={t('staff.pj.noPledges')}
              >
                {pledges.data?.map((p) => (
                  <View key={p.id} className="st-row" style={{ flexDirection: 'column', alignItems: 'stretch' }}>
                    <View className="staff-head">
                      <Text className="st-row__title">
                        {p.dwellingLabel} · {t(`staff.pledgeKind.${p.kind}`)} {pledgeWhat(p, days)}
                      </Text>
                      <Text className={`st-pill ${p.status === 'pledged' ? 'st-pill--warn' : p.status === 'cancelled' ? 'st-pill--neutral' : 'st-pill--good'}`}>
                        {t(`staff.pledge.${p.status}`)}
                      </Text>
                    </View>
                    <Text className="st-row__meta">
                      {p.pledger} · {formatDateTime(p.createdAt)}
                    </Text>
                    {p.status === 'pledged' && (
                      <View className="btn st-btn--small" style={{ marginTop: '8px' }} onClick={() => step(p, 'confirm')}>
                        {t('staff.pj.confirm')}
                      </View>
                    )}
                    {p.status === 'confirmed' && (
                      <View className="btn btn--ghost st-btn--small" style={{ marginTop: '8px' }} onClick={() => step(p, 'fulfil')}>
                        {t('staff.pj.fulfil')}
                      </View>
                    )}
                  </View>
                ))}
              </StateView>
            </View>

            {pj.abilities?.canReportProgress && (
              <>
                <Text className="section-title">{t('staff.pj.progress')}</Text>
                <ProgressForm project={pj} onPosted={reload} />
              </>
            )}

            <Text className="section-title">{t('staff.cm.title')}</Text>
            <CommentThread projectId={pj.id} />
          </View>
        )}
      </StateView>
    </PageShell>
  );
}
