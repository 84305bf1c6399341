import { Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { ConsultationCard } from '../../components/ConsultationCard';
import PageShell from '../../components/PageShell';
import LoginButton from '../../components/LoginButton';
import StateView from '../../components/StateView';
import { useRemote } from '../../hooks/useRemote';
import { useI18n } from '../../i18n';
import { consultationsForMe } from '../../services/home';

export default function Consultations() {
  const { t } = useI18n();
  const list = useRemote(() => consultationsForMe());
  usePullDownRefresh(() => {
    list.reload();
    Taro.stopPullDownRefresh();
  });
  return (
    <PageShell titleKey="consultations.title" tab>
      <Text className="section-title">{t('consultations.title')}</Text>
      <Text className="muted">{t('consultations.intro')}</Text>
      <View style={{ height: '12px' }} />
      <StateView
        loading={list.loading}
        error={list.error}
        empty={list.data?.length === 0}
        emptyText={t('consultations.empty')}
        onRetry={list.reload}
        action={list.status === 401 ? <LoginButton /> : undefined}
      >
        {list.data?.map((c) => (
          <ConsultationCard key={c.item.id} item={c.item} needsVote={c.needsVote} voted={c.voted} />
        ))}
      </StateView>
    </PageShell>
  );
}
