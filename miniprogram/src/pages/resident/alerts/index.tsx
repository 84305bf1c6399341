import { Text } from '@tarojs/components';
import { useDidShow, useRouter } from '@tarojs/taro';
import AlertCard from '../../../components/AlertCard';
import LoginButton from '../../../components/LoginButton';
import PageShell from '../../../components/PageShell';
import StateView from '../../../components/StateView';
import { useAlerts } from '../../../hooks/useAlerts';
import { reloadMe } from '../../../hooks/useMe';
import { useI18n } from '../../../i18n';

/** 房屋提醒 (the subscribe message opens this page with ?id=): the alert named comes first. */
export default function Alerts() {
  const { t } = useI18n();
  const first = useRouter().params.id;
  const alerts = useAlerts();
  useDidShow(alerts.reload);
  const items = [...alerts.items].sort((a, b) => Number(b.id === first) - Number(a.id === first));
  return (
    <PageShell titleKey="alert.title">
      <Text className="section-title">{t('alert.title')}</Text>
      <StateView
        loading={alerts.loading && !alerts.data}
        error={alerts.error}
        onRetry={alerts.reload}
        action={alerts.status === 401 ? <LoginButton /> : undefined}
        empty={items.length === 0}
        emptyText={t('alert.empty')}
      >
        {items.map((a) => (
          <AlertCard
            key={a.id}
            alert={a}
            onChange={(x) => {
              alerts.update(x);
              void reloadMe();
            }}
          />
        ))}
      </StateView>
    </PageShell>
  );
}
