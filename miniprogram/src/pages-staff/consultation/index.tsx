import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import BiText from '../../components/BiText';
import PageShell from '../../components/PageShell';
import StateView from '../../components/StateView';
import { useRemote } from '../../hooks/useRemote';
import { useI18n } from '../../i18n';
import { errorMessage } from '../../services/api';
import { modalButtonsWith } from '../../utils/h5ModalLang';
import { joinRoom, leaveRoom, onRealtime } from '../../services/realtime';
import { formatDateTime } from '../../utils/format';
import ClosePanel from '../components/ClosePanel';
import ConflictsPanel from '../components/ConflictsPanel';
import ParticipationPanel from '../components/ParticipationPanel';
import PublishConfirm from '../components/PublishConfirm';
import ResidentPreview from '../components/ResidentPreview';
import ResultArithmetic from '../components/ResultArithmetic';
import { formatArea } from '../lib/numbers';
import { staffApi } from '../lib/staffApi';
import { param } from '../lib/useStaff';
import '../staff.scss';

const LIVE = ['open'];
const DONE = ['closed', 'announced'];

export default function ManageConsultation() {
  const { t } = useI18n();
  const id = param(useRouter().params, 'id');
  const view = useRemote(() => staffApi.consultation(id), [id]);
  const c = view.data;
  const live = !!c && LIVE.includes(c.status);
  // What the caller may do comes with the view (the server's policy), not from their roles.
  const manage = !!c?.abilities?.canManage;
  const counting = !!c && manage && c.status !== 'draft' && c.status !== 'scheduled';
  const participation = useRemote(() => (counting ? staffApi.participation(id) : Promise.resolve(undefined as never)), [id, counting, c?.status]);
  const conflicts = useRemote(() => (counting ? staffApi.conflicts(id) : Promise.resolve([])), [id, counting, c?.status]);
  const announcement = useRemote(
    () =>
      c && DONE.includes(c.status)
        ? staffApi.managedNotices().then((l) => l.find((n) => n.kind === 'result_announcement' && n.title.includes(c.title)) ?? null)
        : Promise.resolve(null),
    [id, c?.status],
  );
  const [preview, setPreview] = useState(false);
  // Publishing waits for a confirmation that restates the vote: null = not asked, else "as soon as possible" or not.
  const [confirm, setConfirm] = useState<{ asap: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const reloadAll = () => [view, participation, conflicts].forEach((r) => r.reload());
  useDidShow(() => {
    if (c) reloadAll();
  });
  usePullDownRefresh(() => {
    reloadAll();
    Taro.stopPullDownRefresh();
  });

  // Live: every ballot pushes a tally to the room; refresh the by-building view (and the status when it changes).
  // The handler outlives renders: read the latest status and loaders through a ref, never a stale closure.
  const latest = useRef({ status: c?.status, view, participation });
  latest.current = { status: c?.status, view, participation };
  useEffect(() => {
    if (!id) return undefined;
    const room = `consultation:${id}`;
    void joinRoom(room);
    const off = onRealtime<{ consultationId: string; status: string }>('consultation:tally', (p) => {
      if (p.consultationId !== id) return;
      const now = latest.current;
      if (p.status !== now.status) now.view.reload();
      else now.participation.reload();
    });
    return () => {
      off();
      leaveRoom(room);
    };
  }, [id]);
  // Scheduled votes open on the server's clock, and a closed vote is announced by a background job: poll gently
  // until the status moves on.
  useEffect(() => {
    if (c?.status !== 'scheduled' && c?.status !== 'closed') return undefined;
    const timer = setInterval(view.reload, 3000);
    return () => clearInterval(timer);
  }, [c?.status, view.reload]);

  const schedule = async (asap: boolean) => {
    if (!c) return;
    setBusy(true);
    setFailure(null);
    try {
      if (asap) {
        const lead = c.kind === 'survey' ? 0 : c.leadTimeHours;
        await staffApi.updateConsultation(id, { opensAt: new Date(Date.now() + lead * 3600_000 + 5_000).toISOString() });
      }
      await staffApi.schedule(id);
      setConfirm(null);
      view.reload();
    } catch (e) {
      setFailure(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const removeDraft = async () => {
    const ok = await Taro.showModal({ content: t('staff.cn.deleteConfirm'), ...modalButtonsWith(t('staff.cn.deleteDraft')) });
    if (!ok.confirm) return;
    try {
      await staffApi.deleteDraft(id);
      Taro.showToast({ title: t('staff.cn.deleted'), icon: 'none' });
      setTimeout(() => void Taro.navigateBack().catch(() => Taro.redirectTo({ url: '/pages-staff/index/index' })), 600);
    } catch (e) {
      setFailure(errorMessage(e));
    }
  };

  return (
    <PageShell titleKey="staff.cs.title">
      <StateView loading={view.loading && !c} error={view.error} onRetry={view.reload}>
        {c && (
          <View>
            <View className="card">
              <View className="staff-head">
                <Text className={`st-pill ${live ? 'st-pill--good' : 'st-pill--neutral'}`} data-testid="consultation-status">
                  {t(`consultation.status.${c.status}`)}
                </Text>
                <Text className="card__meta">{t(`consultation.kind.${c.kind}`)}</Text>
              </View>
              <BiText className="card__title" zh={c.title} bo={c.titleBo} />
              <Text className="card__meta">{t('staff.cs.window', { from: formatDateTime(c.opensAt), to: formatDateTime(c.closedAt ?? c.closesAt) })}</Text>
              <Text className="card__meta">{t(`staff.scope.${c.electorateScope.level}`)}</Text>
              {c.electorate && (
                <Text className="card__meta">
                  {t('staff.cs.electorate', {
                    dwellings: c.electorate.dwellings,
                    area: formatArea(c.electorate.totalAreaHundredths),
                    headcount: c.electorate.totalHeadcount,
                  })}
                </Text>
              )}
            </View>

            {failure && <View className="st-banner st-banner--error">{failure}</View>}

            {manage && c.status === 'draft' && (
              <View className="staff-actions">
                <Text className="muted">
                  {c.kind === 'survey'
                    ? t('staff.cs.surveyNoLead')
                    : c.leadTimeHours
                      ? t('staff.cn.leadHint', { hours: c.leadTimeHours })
                      : t('staff.cn.noLead')}
                </Text>
                <View className="btn" onClick={busy ? undefined : () => setConfirm({ asap: true })} data-testid="publish-asap">
                  {busy ? t('staff.saving') : t('staff.cs.openAsap')}
                </View>
                <View className="btn btn--ghost" onClick={busy ? undefined : () => setConfirm({ asap: false })}>
                  {t('staff.cs.scheduleAt', { date: formatDateTime(c.opensAt) })}
                </View>
                <View className="btn btn--plain" onClick={() => setPreview(!preview)}>
                  {preview ? t('staff.cn.hidePreview') : t('staff.cn.preview')}
                </View>
                <View
                  className="btn btn--ghost"
                  onClick={() => Taro.navigateTo({ url: `/pages-staff/consultation-new/index?edit=${id}` })}
                  data-testid="draft-edit"
                >
                  {t('staff.cn.editDraft')}
                </View>
                <View className="btn btn--plain" onClick={busy ? undefined : removeDraft} data-testid="draft-delete">
                  {t('staff.cn.deleteDraft')}
                </View>
              </View>
            )}
            {confirm && manage && c.status === 'draft' && (
              <PublishConfirm
                c={c}
                busy={busy}
                error={failure}
                onCancel={() => setConfirm(null)}
                onConfirm={() => void schedule(confirm.asap)}
                opensAt={confirm.asap ? new Date(Date.now() + (c.kind === 'survey' ? 0 : c.leadTimeHours) * 3600_000 + 5_000) : new Date(c.opensAt)}
              />
            )}
            {(preview || c.status === 'scheduled') && (
              <ResidentPreview
                title={c.title}
                titleBo={c.titleBo ?? undefined}
                description={c.description}
                descriptionBo={c.descriptionBo ?? undefined}
                questions={c.questions}
                closesAt={c.closesAt}
                allowChange={c.allowChange}
              />
            )}
            {c.status === 'scheduled' && <View className="st-banner">{t('staff.cs.scheduled', { date: formatDateTime(c.opensAt) })}</View>}

            {c.result && (
              <>
                <Text className="section-title">{t('staff.cs.result')}</Text>
                <View className="card">
                  <Text className="card__meta">{t('staff.cs.ballots', { n: c.result.ballots })}</Text>
                  {c.covenant.enabled && (
                    <Text className="card__meta" data-testid="result-delivered">
                      {t('staff.cs.delivered', { n: c.result.deliveredDwellingIds?.length ?? 0 })}
                    </Text>
                  )}
                  {c.result.unresolvedConflicts > 0 && <Text className="card__meta">{t('staff.cs.unresolved', { n: c.result.unresolvedConflicts })}</Text>}
                  <Text className="card__meta" style={{ wordBreak: 'break-all' }}>
                    {t('staff.cs.logHead', { seq: c.result.finalHead.seq, hash: c.result.finalHead.hash.slice(0, 16) })}
                  </Text>
                  {announcement.data && (
                    <View
                      className="btn btn--ghost"
                      style={{ marginTop: '10px' }}
                      onClick={() => Taro.navigateTo({ url: `/pages-staff/notice/index?id=${announcement.data!.id}` })}
                    >
                      {t('staff.cs.announcement')}
                    </View>
                  )}
                </View>
                {c.result.questions.map((q, i) => (
                  <ResultArithmetic key={q.questionId} question={q} index={i} def={c.questions.find((x) => x.id === q.questionId)} />
                ))}
              </>
            )}
            {counting && (
              <>
                <ParticipationPanel id={id} data={participation} open={live} />
                <ConflictsPanel id={id} data={conflicts} onResolved={reloadAll} />
              </>
            )}
            {live && manage && (
              <>
                <View className="staff-actions">
                  <View className="btn btn--ghost" onClick={() => Taro.navigateTo({ url: `/pages-staff/paper-ballot/index?id=${id}` })}>
                    {t('staff.cs.paperBallot')}
                  </View>
                  {c.covenant.enabled && (
                    <View
                      className="btn btn--ghost"
                      onClick={() => Taro.navigateTo({ url: `/pages-staff/delivery/index?id=${id}` })}
                      data-testid="delivery-open"
                    >
                      {t('staff.dl.entry')}
                    </View>
                  )}
                </View>
                <ClosePanel id={id} onClosed={() => reloadAll()} />
              </>
            )}
          </View>
        )}
      </StateView>
    </PageShell>
  );
}
