import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import LoginButton from '../../components/LoginButton';
import PageShell from '../../components/PageShell';
import StateView from '../../components/StateView';
import { useRemote } from '../../hooks/useRemote';
import { useI18n, type MessageKey } from '../../i18n';
import { formatDateTime } from '../../utils/format';
import Chips from '../components/Chips';
import LinkListCard from '../components/LinkListCard';
import { sortGrants } from '../lib/access';
import { staffApi } from '../lib/staffApi';
import { areaName, useComplexes, useGrantAreaNames } from '../lib/useComplexes';
import { useStaff } from '../lib/useStaff';
import '../staff.scss';

const go = (url: string) => Taro.navigateTo({ url });

export default function Workbench() {
  const { t, lang } = useI18n();
  const staff = useStaff();
  const { access } = staff;
  const complexes = useComplexes(staff.data);
  const code = complexes.current;
  const consultations = useRemote(() => (access.consult && code ? staffApi.consultations(code) : Promise.resolve([])), [access.consult, code]);
  const notices = useRemote(() => (access.publish ? staffApi.managedNotices() : Promise.resolve([])), [access.publish]);
  const projects = useRemote(() => (access.projects && code ? staffApi.projects({ complexCode: code }) : Promise.resolve([])), [access.projects, code]);
  const reload = () => [staff, consultations, notices, projects].forEach((r) => r.reload());
  useDidShow(() => {
    if (staff.data) [consultations, notices, projects].forEach((r) => r.reload());
  });
  usePullDownRefresh(() => {
    reload();
    Taro.stopPullDownRefresh();
  });

  const scopeLabel = useGrantAreaNames(staff.data?.grants, lang);

  const tiles: { key: MessageKey; desc: MessageKey; url: string; show: boolean }[] = [
    {
      key: 'staff.tile.newConsultation',
      desc: 'staff.tile.newConsultationDesc',
      url: `/pages-staff/consultation-new/index?complex=${code}`,
      show: access.consult && !!code,
    },
    { key: 'staff.tile.reviews', desc: 'staff.tile.reviewsDesc', url: `/pages-staff/reviews/index?complex=${code}`, show: access.review && !!code },
    { key: 'staff.tile.newNotice', desc: 'staff.tile.newNoticeDesc', url: '/pages-staff/notice-new/index', show: access.publish },
    { key: 'staff.tile.roster', desc: 'staff.tile.rosterDesc', url: `/pages-staff/roster/index?complex=${code}`, show: access.roster && !!code },
    { key: 'staff.tile.dashboard', desc: 'staff.tile.dashboardDesc', url: '/pages-staff/dashboard/index', show: access.dashboard },
    { key: 'staff.wb.new', desc: 'staff.wb.newDesc', url: '/pages-staff/project-new/index', show: access.newProject },
  ];

  return (
    <PageShell titleKey="staff.title">
      <StateView
        loading={staff.loading}
        error={staff.error}
        onRetry={staff.reload}
        action={staff.status === 401 ? <LoginButton /> : undefined}
        empty={!!staff.data && !access.any}
        emptyText={t('staff.noGrant')}
      >
        {staff.data && (
          <>
            <View className="card">
              <Text className="card__title">{staff.data.displayName}</Text>
              {sortGrants(staff.data.grants).map((g) => (
                <Text key={g.role + g.scope} className="card__meta">
                  {t(`staff.role.${g.role}`)} · {scopeLabel(g)}
                </Text>
              ))}
              {access.readOnly && <Text className="st-pill st-pill--neutral">{t('staff.readOnly')}</Text>}
            </View>

            {!access.readOnly && (
              <>
                <Text className="section-title">{t('staff.complex')}</Text>
                <StateView
                  loading={complexes.list.loading}
                  error={complexes.list.error}
                  onRetry={complexes.list.reload}
                  empty={complexes.list.data?.length === 0}
                  emptyText={t('staff.noComplex')}
                >
                  <Chips
                    options={(complexes.list.data ?? []).map((c) => ({ value: c.code, label: areaName(c, lang) }))}
                    value={code}
                    onChange={complexes.choose}
                  />
                </StateView>
              </>
            )}

            <View className="staff-grid" style={{ marginTop: '12px' }}>
              {tiles
                .filter((x) => x.show)
                .map((x) => (
                  <View key={x.key} className="staff-grid__item" hoverClass="btn--hover" onClick={() => go(x.url)}>
                    <Text className="staff-grid__title">{t(x.key)}</Text>
                    <Text className="staff-grid__desc">{t(x.desc)}</Text>
                  </View>
                ))}
            </View>

            {access.consult && (
              <LinkListCard
                title={t('staff.consultations')}
                remote={consultations}
                emptyText={t('staff.cs.none')}
                onOpen={go}
                rows={(consultations.data ?? []).map((c) => ({
                  key: c.id,
                  title: c.title,
                  url: `/pages-staff/consultation/index?id=${c.id}`,
                  meta: `${t(`consultation.status.${c.status}`)} · ${t(`consultation.kind.${c.kind}`)} · ${formatDateTime(c.closesAt)}`,
                }))}
              />
            )}

            {access.publish && (
              <LinkListCard
                title={t('staff.notices')}
                remote={notices}
                emptyText={t('staff.nt.none')}
                onOpen={go}
                rows={(notices.data ?? []).slice(0, 20).map((n) => ({
                  key: n.id,
                  title: lang === 'bo' && n.titleBo ? n.titleBo : n.title,
                  url: `/pages-staff/notice/index?id=${n.id}`,
                  meta:
                    `${t(`staff.noticeKind.${n.kind}`)} · ${n.publishedAt ? formatDateTime(n.publishedAt) : t(`staff.noticeStatus.${n.status}`)}` +
                    (n.objections.open > 0 ? ` · ${t('staff.nt.openObjections', { n: n.objections.open })}` : ''),
                }))}
              />
            )}

            {access.projects && (
              <LinkListCard
                title={t('staff.projects')}
                remote={projects}
                emptyText={t('staff.pj.none')}
                onOpen={go}
                rows={(projects.data ?? []).map((p) => ({
                  key: p.id,
                  title: p.name,
                  url: `/pages-staff/project/index?id=${p.id}`,
                  meta: `${t(`project.status.${p.status}`)} · ${t('projects.year', { year: p.year })}`,
                }))}
              />
            )}
          </>
        )}
      </StateView>
    </PageShell>
  );
}
