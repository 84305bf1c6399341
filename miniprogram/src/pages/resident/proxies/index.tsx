import { Text, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import LoginButton from '../../../components/LoginButton';
import PageShell from '../../../components/PageShell';
import Section from '../../../components/Section';
import StateView from '../../../components/StateView';
import { useMe } from '../../../hooks/useMe';
import { useI18n } from '../../../i18n';
import { dwellingLabel } from '../../../services/labels';

const TONE = { approved: 'badge--ok', pending: 'badge--warn', rejected: 'badge--bad', revoked: '' } as const;

/** 委托代理: written proxies in which I vote for another owner; how an owner entrusts someone. */
export default function Proxies() {
  const { t } = useI18n();
  const { me, loading, error, status, reload } = useMe();
  useDidShow(reload);
  const proxies = me?.proxies ?? [];
  return (
    <PageShell titleKey='proxies.title'>
      <Text className='section-title'>{t('proxies.title')}</Text>
      <Section title={t('proxies.mine')}>
        <StateView loading={loading && !me} error={error} onRetry={reload} action={status === 401 ? <LoginButton /> : undefined} empty={proxies.length === 0} emptyText={t('proxies.none')}>
          {proxies.map((p) => (
            <View key={p.id} className='list-row' data-testid='proxy'>
              <View className='list-row__main'>
                <Text className='list-row__title'>{dwellingLabel(t, p.dwelling)}</Text>
                {p.reason && <Text className='list-row__meta'>{p.reason}</Text>}
              </View>
              <Text className={`badge ${TONE[p.status]}`}>{t(`proxy.status.${p.status}`)}</Text>
            </View>
          ))}
        </StateView>
      </Section>
      <Section title={t('proxies.howTitle')}>
        <Text className='form-hint'>{t('proxies.how1')}</Text>
        <Text className='form-hint'>{t('proxies.how2')}</Text>
        <Text className='form-hint'>{t('proxies.how3')}</Text>
      </Section>
    </PageShell>
  );
}
