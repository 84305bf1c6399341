import { Button, Image, Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { ConsultationCard } from '../../components/ConsultationCard';
import NoticeCard from '../../components/NoticeCard';
import PageShell from '../../components/PageShell';
import RealtimeBadge from '../../components/RealtimeBadge';
import StateView from '../../components/StateView';
import BiText from '../../components/BiText';
import TaskCard from '../../components/TaskCard';
import { activeBindings, useMe } from '../../hooks/useMe';
import { useRealtimeEvent, useRooms } from '../../hooks/useRealtime';
import { useRemote } from '../../hooks/useRemote';
import { useI18n, type MessageKey } from '../../i18n';
import { openConsultationsForMe } from '../../services/home';
import { fetchNoticeRooms, fetchNotices } from '../../services/resident';
import { useSession } from '../../services/session';
import { fetchProjects, projectProgress } from '../../services/views';
import homeIcon from '../../assets/tabbar/home-active.png';
import voteIcon from '../../assets/tabbar/consultations-active.png';
import projectIcon from '../../assets/tabbar/projects-active.png';
import meIcon from '../../assets/tabbar/me-active.png';
import './index.scss';

const QUICK: { key: MessageKey; icon: string; tab?: string; page?: string }[] = [
  { key: 'home.quick.vote', icon: voteIcon, tab: '/pages/consultations/index' },
  { key: 'home.quick.projects', icon: projectIcon, tab: '/pages/projects/index' },
  { key: 'home.quick.notices', icon: homeIcon, page: '/pages/resident/notices/index' },
  { key: 'home.quick.me', icon: meIcon, page: '/pages/resident/dwellings/index' },
];

/** 首页: what needs me now (votes), the notices feed, my project's progress. */
export default function Home() {
  const { t, largeText } = useI18n();
  const { loggedIn } = useSession();
  const { me } = useMe();
  const none = <T,>(v: T) => Promise.resolve(v);
  const votes = useRemote(() => (loggedIn ? openConsultationsForMe() : none([])), [loggedIn]);
  const notices = useRemote(() => (loggedIn ? fetchNotices(null, 5) : none(null)), [loggedIn]);
  const projects = useRemote(() => (loggedIn ? fetchProjects() : none([])), [loggedIn]);
  const rooms = useRemote(() => (loggedIn ? fetchNoticeRooms() : none([] as string[])), [loggedIn]);
  useRooms(rooms.data);
  useRealtimeEvent('notice:published', notices.reload);
  useRealtimeEvent('notice:amended', notices.reload);
  useRealtimeEvent('notice:withdrawn', notices.reload);
  useRealtimeEvent('consultation:reminder', votes.reload);
  useDidShow(() => {
    // Back from a notice or a vote: unread marks and "needs my vote" change.
    if (loggedIn && notices.data !== undefined) {
      notices.reload();
      votes.reload();
    }
  });
  usePullDownRefresh(() => {
    votes.reload();
    notices.reload();
    projects.reload();
    Taro.stopPullDownRefresh();
  });

  const go = (q: (typeof QUICK)[number]) => (q.tab ? Taro.switchTab({ url: q.tab }) : Taro.navigateTo({ url: q.page! }));
  const noDwelling = loggedIn && me && me.bindings.filter((b) => b.status === 'active' || b.status === 'pending').length === 0;
  const unread = notices.data?.items.filter((n) => n.unread).length ?? 0;
  const project = projects.data?.[0];
  const needVote = (votes.data ?? []).filter((v) => v.needsVote);
  const newest = notices.data?.items.find((n) => n.unread);
  const openPage = (url: string) => Taro.navigateTo({ url });

  return (
    <PageShell titleKey="tab.home" tab>
      {/* One big task first: claim, else the vote waiting for me, else the newest unread notice. */}
      {loggedIn &&
        !noDwelling &&
        votes.data &&
        notices.data !== undefined &&
        (needVote[0] ? (
          <TaskCard
            heading={t('task.vote')}
            body={<BiText zh={needVote[0].item.title} bo={needVote[0].item.titleBo} />}
            action={t('task.voteGo')}
            onGo={() => openPage(`/pages/resident/consultation/index?id=${needVote[0].item.id}`)}
            testId="task-vote"
          />
        ) : newest ? (
          <TaskCard
            heading={t('task.notice')}
            body={<BiText zh={newest.title} bo={newest.titleBo} />}
            action={t('task.noticeGo')}
            onGo={() => openPage(`/pages/resident/notice/index?id=${newest.id}`)}
            testId="task-notice"
          />
        ) : (
          <TaskCard heading={t('task.none')} testId="task-none" />
        ))}
      {/* Elder layout: the greeting gives way so the task and the lists start on the first screen. */}
      {!largeText && (
        <View className="home-hero">
          <Text className="home-hero__greeting">{t('home.greeting')}</Text>
          <Text className="home-hero__welcome">{t('home.welcome')}</Text>
        </View>
      )}

      {!loggedIn && (
        <View className="card home-login">
          <Text className="home-login__text">{t('home.loginHint')}</Text>
          <Button className="btn" onClick={() => Taro.switchTab({ url: '/pages/me/index' })} data-testid="home-login">
            {t('home.loginNow')}
          </Button>
        </View>
      )}

      {noDwelling && (
        <View data-testid="home-claim">
          <TaskCard
            heading={t('task.claim')}
            hint={t('home.claimHint')}
            action={t('dwellings.claim')}
            onGo={() => openPage('/pages/resident/claim/index')}
            testId="task-claim"
          />
        </View>
      )}

      <View className="home-quick">
        {QUICK.map((q) => (
          <View key={q.key} className="home-quick__item" hoverClass="home-quick__item--active" onClick={() => go(q)}>
            <Image className="home-quick__icon" src={q.icon} mode="scaleToFill" />
            <Text className="home-quick__label">{t(q.key)}</Text>
          </View>
        ))}
      </View>

      {loggedIn && (
        <View>
          <View className="home-section-head">
            <Text className="section-title">{t('home.toVote')}</Text>
            <Text className="home-more" onClick={() => Taro.switchTab({ url: '/pages/consultations/index' })}>
              {t('home.more')} ›
            </Text>
          </View>
          <StateView
            loading={votes.loading && !votes.data}
            error={votes.error}
            onRetry={votes.reload}
            empty={(votes.data ?? []).length === 0}
            emptyText={t('home.noOpenVotes')}
          >
            <View data-testid="home-votes">
              {/* "All voted" only for someone who can vote: never under "claim your home first". */}
              {needVote.length === 0 && !noDwelling && <Text className="muted home-note">{t('home.allVoted')}</Text>}
              {(votes.data ?? []).map((v) => (
                <ConsultationCard key={v.item.id} item={v.item} needsVote={v.needsVote} voted={v.voted} />
              ))}
            </View>
          </StateView>

          <View className="home-section-head">
            <Text className="section-title">
              {t('home.notices')}
              {unread > 0 ? ` · ${t('home.unread', { n: unread })}` : ''}
            </Text>
            <Text className="home-more" onClick={() => Taro.navigateTo({ url: '/pages/resident/notices/index' })} data-testid="home-notices-more">
              {t('home.more')} ›
            </Text>
          </View>
          <StateView
            loading={notices.loading && !notices.data}
            error={notices.error}
            onRetry={notices.reload}
            empty={(notices.data?.items.length ?? 0) === 0}
            emptyText={t('notices.empty')}
          >
            <View data-testid="home-notices">
              {notices.data?.items.map((n) => (
                <NoticeCard key={n.id} item={n} />
              ))}
            </View>
          </StateView>

          <View className="home-section-head">
            <Text className="section-title">{t('home.myProject')}</Text>
          </View>
          <StateView
            loading={projects.loading && !projects.data}
            error={projects.error}
            onRetry={projects.reload}
            empty={!project}
            emptyText={t('projects.empty')}
          >
            {project && (
              <View className="card" onClick={() => Taro.navigateTo({ url: `/pages/resident/project/index?id=${project.id}` })} data-testid="home-project">
                <View className="consultation-card__head">
                  <Text className="tag tag--open">{t(`project.status.${project.status}`)}</Text>
                </View>
                <BiText className="card__title" zh={project.name} />
                <View className="progress" aria-valuenow={projectProgress(project)}>
                  <View className="progress__bar" style={{ width: `${projectProgress(project)}%` }} />
                </View>
                <Text className="card__meta">{t('projects.progress', { percent: projectProgress(project) })}</Text>
                <Text className="link">{t('projects.view')} ›</Text>
              </View>
            )}
          </StateView>
          {activeBindings(me).length > 0 && <RealtimeBadge />}
        </View>
      )}
    </PageShell>
  );
}
