import { Image, Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import PageShell from '../../components/PageShell';
import StateView from '../../components/StateView';
import { ConsultationCard } from '../../components/ConsultationCard';
import { useRemote } from '../../hooks/useRemote';
import { useI18n, type MessageKey } from '../../i18n';
import { useRealtimeStatus } from '../../services/realtime';
import { useSession } from '../../services/session';
import { fetchConsultations } from '../../services/views';
import homeIcon from '../../assets/tabbar/home-active.png';
import voteIcon from '../../assets/tabbar/consultations-active.png';
import projectIcon from '../../assets/tabbar/projects-active.png';
import meIcon from '../../assets/tabbar/me-active.png';
import './index.scss';

// `tab` = a tab page to switch to; notices have no screen yet.
const QUICK: { key: MessageKey; icon: string; tab?: string }[] = [
  { key: 'home.quick.vote', icon: voteIcon, tab: '/pages/consultations/index' },
  { key: 'home.quick.projects', icon: projectIcon, tab: '/pages/projects/index' },
  { key: 'home.quick.notices', icon: homeIcon },
  { key: 'home.quick.me', icon: meIcon, tab: '/pages/me/index' },
];

export default function Home() {
  const { t } = useI18n();
  const { loggedIn } = useSession();
  const realtime = useRealtimeStatus();
  const ongoing = useRemote(
    () => (loggedIn ? fetchConsultations({ status: 'open', limit: 3 }) : Promise.resolve([])),
    [loggedIn],
  );
  usePullDownRefresh(() => {
    ongoing.reload();
    Taro.stopPullDownRefresh();
  });

  const onQuick = (q: (typeof QUICK)[number]) =>
    q.tab ? Taro.switchTab({ url: q.tab }) : Taro.showToast({ title: t('common.comingSoon'), icon: 'none' });

  return (
    <PageShell titleKey='tab.home' tab>
      <View className='home-hero'>
        <Text className='home-hero__greeting'>{t('home.greeting')}</Text>
        <Text className='home-hero__welcome'>{t('home.welcome')}</Text>
        <Text className='home-hero__slogan'>{t('app.slogan')}</Text>
      </View>

      <View className='home-quick'>
        {QUICK.map((q) => (
          <View key={q.key} className='home-quick__item' hoverClass='home-quick__item--active' onClick={() => onQuick(q)}>
            <Image className='home-quick__icon' src={q.icon} mode='scaleToFill' />
            <Text className='home-quick__label'>{t(q.key)}</Text>
          </View>
        ))}
      </View>

      <View className='home-section-head'>
        <Text className='section-title'>{t('home.ongoing')}</Text>
        <Text className='home-more' onClick={() => Taro.switchTab({ url: '/pages/consultations/index' })}>
          {t('home.more')} ›
        </Text>
      </View>

      {!loggedIn ? (
        <View className='card home-login'>
          <Text className='home-login__text'>{t('home.loginHint')}</Text>
          <View className='btn' onClick={() => Taro.switchTab({ url: '/pages/me/index' })}>
            {t('home.loginNow')}
          </View>
        </View>
      ) : (
        <StateView
          loading={ongoing.loading}
          error={ongoing.error}
          empty={ongoing.data?.length === 0}
          emptyText={t('consultations.empty')}
          onRetry={ongoing.reload}
        >
          {ongoing.data?.map((c) => <ConsultationCard key={c.id} item={c} />)}
        </StateView>
      )}

      {loggedIn && (
        <View className={`home-realtime home-realtime--${realtime === 'connected' ? 'on' : 'off'}`}>
          <View className='home-realtime__dot' />
          <Text>{t(realtime === 'connected' ? 'home.realtime.on' : 'home.realtime.off')}</Text>
        </View>
      )}
    </PageShell>
  );
}
