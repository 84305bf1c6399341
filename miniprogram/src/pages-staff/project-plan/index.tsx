import { Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import PageShell from '../../components/PageShell';
import StateView from '../../components/StateView';
import { useRemote } from '../../hooks/useRemote';
import { useI18n } from '../../i18n';
import { ApiError, api, errorMessage } from '../../services/api';
import { planEditable } from '@gongzhi/shared/src/rules/projectLifecycle';
import { staffApi, type Project } from '../lib/staffApi';
import { param } from '../lib/useStaff';
import AcceptanceForm from './AcceptanceForm';
import FundingEditor from './FundingEditor';
import ItemsEditor from './ItemsEditor';
import StageCard from './StageCard';
import '../staff.scss';

/** The staff project workbench: stage and preconditions, items, funding, joint acceptance, the decisive votes. */
export default function ProjectPlan() {
  const { t } = useI18n();
  const id = param(useRouter().params, 'id');
  const project = useRemote(() => staffApi.project(id), [id]);
  const votes = useRemote(() => (project.data ? staffApi.consultations(project.data.complexCode) : Promise.resolve([])), [project.data?.complexCode]);
  usePullDownRefresh(() => {
    project.reload();
    Taro.stopPullDownRefresh();
  });
  const p = project.data;
  // Community workers and street staff plan; the committee (and officials) see the same page read-only (the server says which).
  const canPlan = !!p?.abilities?.canPlan;

  /** Runs a change; a refusal is shown in the reader's language (transition problems one by one), nothing changes. */
  const run = async (call: () => Promise<unknown>, done: string) => {
    try {
      await call();
      Taro.showToast({ title: done, icon: 'none' });
      project.reload();
    } catch (e) {
      const codes = e instanceof ApiError && e.code === 'TRANSITION_NOT_ALLOWED' ? ((e.details as { codes?: string[] })?.codes ?? []) : [];
      const content = codes.length ? codes.map((c) => t(`staff.wb.problem.${c as 'no_items'}`)).join('\n') : errorMessage(e);
      Taro.showModal({ title: t('staff.wb.refused'), content, showCancel: false });
    }
  };
  const put = (path: string) => (body: object) => run(() => api.put<Project>(`/api/projects/${id}/${path}`, body), t('staff.wb.saved'));
  const advance = async () => {
    if (!p?.nextStatus) return;
    const ok = await Taro.showModal({
      title: t('staff.wb.advance', { stage: t(`project.status.${p.nextStatus}`) }),
      content: t(`staff.wb.needs.${p.nextStatus as 'design'}`),
    });
    if (ok.confirm) await run(() => api.post<Project>(`/api/projects/${id}/transitions`, { to: p.nextStatus }), t('staff.wb.saved'));
  };
  const link = (cid: string) => run(() => api.post<Project>(`/api/projects/${id}/links`, { kind: 'consultation', targetId: cid }), t('staff.wb.saved'));

  return (
    <PageShell titleKey="staff.wb.title">
      <StateView loading={project.loading && !p} error={project.error} onRetry={project.reload}>
        {p && (
          <View>
            <View className="card">
              <Text className="card__title">{p.name}</Text>
              <Text className="card__meta">
                {p.complexName} · {t('projects.year', { year: p.year })}
                {p.buildingCodes.length ? ` · ${p.buildingCodes.join('、')}` : ''}
              </Text>
              <View
                className="btn btn--ghost st-btn--small"
                onClick={() => Taro.navigateTo({ url: `/pages-staff/project/index?id=${p.id}` })}
                data-testid="open-progress"
              >
                {t('staff.wb.progressAndPledges')}
              </View>
            </View>
            <StageCard project={p} canPlan={canPlan} onAdvance={advance} />

            <Text className="section-title">{t('staff.wb.decidedBy')}</Text>
            <View className="card" data-testid="votes">
              {(votes.data ?? []).map((c) => {
                const linked = p.consultationIds.includes(c.id);
                return (
                  <View key={c.id} className="st-row" onClick={linked || !canPlan ? undefined : () => link(c.id)}>
                    <Text className="st-row__title">{c.title}</Text>
                    <Text className={`st-pill ${linked ? 'st-pill--good' : 'st-pill--neutral'}`}>
                      {linked ? t('staff.wb.linked') : canPlan ? t('staff.wb.link') : '—'}
                    </Text>
                  </View>
                );
              })}
              {votes.data?.length === 0 && <Text className="muted">{t('staff.wb.noVotes')}</Text>}
            </View>

            {p.noticeIds.length > 0 && (
              <View className="card" data-testid="notices">
                {p.noticeIds.map((nid, i) => (
                  <View key={nid} className="st-row" onClick={() => Taro.navigateTo({ url: `/pages-staff/print/index?id=${nid}` })} data-testid={`print-${i}`}>
                    <Text className="st-row__title">{t('staff.wb.printNotice', { n: i + 1 })}</Text>
                    <Text className="st-pill st-pill--neutral">A4 ›</Text>
                  </View>
                ))}
              </View>
            )}

            <Text className="section-title">{t('staff.wb.items')}</Text>
            <ItemsEditor project={p} editable={canPlan && planEditable(p.status)} onSave={put('items')} />
            <Text className="section-title">{t('staff.wb.funding')}</Text>
            <FundingEditor project={p} editable={canPlan && planEditable(p.status)} onSave={put('funding')} />
            <Text className="section-title">{t('staff.wb.acceptance')}</Text>
            {canPlan || p.acceptance ? (
              <AcceptanceForm project={p} onSave={put('acceptance')} />
            ) : (
              <Text className="muted">{t('staff.wb.acceptanceLater')}</Text>
            )}
          </View>
        )}
      </StateView>
    </PageShell>
  );
}
