import { RichText, Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import AudioButton from '../../components/AudioButton';
import PageShell from '../../components/PageShell';
import StateView from '../../components/StateView';
import { useRemote } from '../../hooks/useRemote';
import { useI18n } from '../../i18n';
import { errorMessage } from '../../services/api';
import { onRealtime } from '../../services/realtime';
import { formatDateTime } from '../../utils/format';
import BarChart from '../../components/BarChart';
import Chips from '../components/Chips';
import NoticeAmendPanel from '../components/NoticeAmendPanel';
import NoticeVersions from '../components/NoticeVersions';
import NoticeWithdrawPanel from '../components/NoticeWithdrawPanel';
import ObjectionCard from '../components/ObjectionCard';
import { readRateBars } from '../lib/charts';
import { noticeBodyView } from '../lib/noticeForm';
import { staffApi } from '../lib/staffApi';
import { param } from '../lib/useStaff';
import '../staff.scss';

type Filter = 'open' | 'all';

/** The notice text as residents read it (rich text, or the plain lines of a system notice such as a 结果公告). */
function NoticeBody({ body }: { body: string }) {
  const view = noticeBodyView(body);
  return (
    <View className="card" data-testid="notice-body-view">
      {'html' in view ? (
        <RichText nodes={view.html} />
      ) : (
        view.lines.map((l, i) => (
          <Text key={i} className="st-line">
            {l || ' '}
          </Text>
        ))
      )}
    </View>
  );
}

/** A published notice from the publisher's side: read rate by building, reminders, and the objections inbox. */
export default function NoticeManage() {
  const { t, lang } = useI18n();
  const id = param(useRouter().params, 'id');
  const notice = useRemote(() => staffApi.notice(id), [id]);
  const stats = useRemote(() => staffApi.noticeStats(id), [id]);
  const objections = useRemote(() => staffApi.objections(id), [id]);
  const [filter, setFilter] = useState<Filter>('open');
  const [sending, setSending] = useState(false);
  const [mode, setMode] = useState<'view' | 'amend' | 'withdraw'>('view');
  const reload = () => [notice, stats, objections].forEach((r) => r.reload());
  usePullDownRefresh(() => {
    reload();
    Taro.stopPullDownRefresh();
  });
  const reloadNotice = notice.reload;
  // New reads are not pushed to publishers; refresh the numbers every 15 s while the page is open.
  useEffect(() => {
    const timer = setInterval(stats.reload, 15_000);
    const off = onRealtime<{ noticeId?: string }>('notice:amended', (p) => p.noticeId === id && reloadNotice());
    return () => {
      clearInterval(timer);
      off();
    };
  }, [id, stats.reload, reloadNotice]);

  const remind = async () => {
    setSending(true);
    try {
      const r = await staffApi.noticeReminders(id);
      Taro.showToast({ title: t('staff.nt.reminded', { n: r.users }), icon: 'none' });
    } catch (e) {
      Taro.showModal({ title: t('state.error'), content: errorMessage(e), showCancel: false });
    } finally {
      setSending(false);
    }
  };

  const n = notice.data;
  const s = stats.data;
  const items = (objections.data?.items ?? []).filter((o) => filter === 'all' || o.status === 'open');
  return (
    <PageShell titleKey="staff.nt.manageTitle">
      <StateView loading={notice.loading && !n} error={notice.error} onRetry={notice.reload}>
        {n && (
          <View>
            <View className="card">
              <View className="staff-head">
                <Text className="st-pill st-pill--neutral">{t(`staff.noticeKind.${n.kind}`)}</Text>
                <Text className="card__meta">{t(`staff.noticeStatus.${n.status}`)}</Text>
              </View>
              <Text className="card__title">{lang === 'bo' && n.titleBo ? n.titleBo : n.title}</Text>
              {n.titleBo && lang !== 'bo' && <Text className="card__meta lang-bo">{n.titleBo}</Text>}
              <AudioButton clips={n.audio} />
              {n.publishedAt && <Text className="card__meta">{t('staff.nt.publishedAt', { date: formatDateTime(n.publishedAt) })}</Text>}
              {n.objectionsUntil && <Text className="card__meta">{t('staff.nt.objectionsUntil', { date: formatDateTime(n.objectionsUntil) })}</Text>}
              {n.attachments.length > 0 && (
                <Text className="card__meta">{t('staff.nt.attachmentList', { files: n.attachments.map((a) => a.filename).join('、') })}</Text>
              )}
            </View>

            {n.withdrawn && (
              <View className="st-banner st-banner--error" data-testid="notice-withdrawn">
                {t('staff.nt.withdrawn', { date: formatDateTime(n.withdrawn.at), reason: n.withdrawn.reason })}
              </View>
            )}

            <NoticeBody body={lang === 'bo' && n.bodyBo ? n.bodyBo : n.body} />

            {n.abilities.canManage && n.status !== 'withdrawn' && mode === 'view' && (
              <View className="staff-row-actions">
                <View className="btn btn--ghost st-btn--small" onClick={() => setMode('amend')} data-testid="notice-amend-open">
                  {t('staff.nt.amend')}
                </View>
                <View className="btn btn--ghost st-btn--small" onClick={() => setMode('withdraw')} data-testid="notice-withdraw-open">
                  {t('staff.nt.withdraw')}
                </View>
              </View>
            )}
            {mode === 'amend' && n.status !== 'withdrawn' && (
              <NoticeAmendPanel
                notice={n}
                onCancel={() => setMode('view')}
                onDone={() => {
                  setMode('view');
                  notice.reload();
                }}
              />
            )}
            {mode === 'withdraw' && n.status !== 'withdrawn' && (
              <NoticeWithdrawPanel
                notice={n}
                onCancel={() => setMode('view')}
                onDone={() => {
                  setMode('view');
                  reload();
                }}
              />
            )}

            <Text className="section-title">{t('staff.nt.versions')}</Text>
            <NoticeVersions notice={n} />

            <Text className="section-title">{t('staff.nt.readRate')}</Text>
            <StateView loading={stats.loading && !s} error={stats.error} onRetry={stats.reload}>
              {s && (
                <View className="card" data-testid="read-rate">
                  <Text className="card__title" data-testid="read-rate-total">
                    {t('staff.nt.readTotal', { read: s.readDwellings, total: s.audienceDwellings, percent: s.readRatePercent.toFixed(1) })}
                  </Text>
                  <Text className="card__meta">
                    {t('staff.nt.deliveries', { sent: s.deliveries.sent, failed: s.deliveries.failed, pending: s.deliveries.pending })}
                  </Text>
                  <View style={{ height: '12px' }} />
                  {/* building names as the roster has them, marked as names (like the participation chart) */}
                  <BarChart bars={readRateBars(s.byBuilding, { dwellings: t('staff.unit.dwelling') })} properLabels emptyText={t('state.empty')} />
                  {n.status === 'published' && s.readDwellings < s.audienceDwellings && (
                    <View className="btn btn--ghost" onClick={sending ? undefined : remind}>
                      {sending ? t('staff.saving') : t('staff.nt.remindUnread')}
                    </View>
                  )}
                </View>
              )}
            </StateView>

            <Text className="section-title">{t('staff.ob.title', { n: objections.data?.counts.open ?? 0 })}</Text>
            <Chips
              options={[
                { value: 'open' as const, label: t('staff.ob.filterOpen') },
                { value: 'all' as const, label: t('staff.ob.filterAll') },
              ]}
              value={filter}
              onChange={setFilter}
            />
            <View style={{ height: '10px' }} />
            <StateView
              loading={objections.loading && !objections.data}
              error={objections.error}
              onRetry={objections.reload}
              empty={items.length === 0}
              emptyText={t('staff.ob.none')}
            >
              {items.map((o) => (
                <ObjectionCard key={o.id} noticeId={id} o={o} onChanged={() => [objections, stats].forEach((r) => r.reload())} />
              ))}
            </StateView>
          </View>
        )}
      </StateView>
    </PageShell>
  );
}
