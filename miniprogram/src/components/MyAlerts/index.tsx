import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { reloadMe } from '../../hooks/useMe';
import { useAlerts } from '../../hooks/useAlerts';
import { useI18n } from '../../i18n';
import AlertCard from '../AlertCard';
import { useLatest } from '../../hooks/useLatest';

/** Open owner alerts at the top of 我的, answered in place; a card answered here stays to show what happened. */
export default function MyAlerts({ open }: { open: number }) {
  const { t } = useI18n();
  const [answered, setAnswered] = useState<string[]>([]);
  const alerts = useAlerts(open > 0 || answered.length > 0);
  const reload = useLatest(alerts.reload);
  useEffect(() => {
    if (open > 0) reload.current(); // /api/me counted a new one
  }, [open, reload]);
  const shown = alerts.items.filter((a) => a.status === 'open' || answered.includes(a.id)).slice(0, 3);
  if (shown.length === 0) return null;
  const openCount = alerts.items.filter((a) => a.status === 'open').length;
  return (
    <View data-testid="my-alerts">
      <Text className="section-title">{openCount ? t('alert.open', { n: openCount }) : t('alert.title')}</Text>
      {shown.map((a) => (
        <AlertCard
          key={a.id}
          alert={a}
          onChange={(x) => {
            setAnswered((ids) => [...ids, x.id]);
            alerts.update(x);
            void reloadMe();
          }}
        />
      ))}
      <View className="row" onClick={() => Taro.navigateTo({ url: '/pages/resident/alerts/index' })}>
        <Text>{t('alert.title')}</Text>
        <Text className="muted">›</Text>
      </View>
    </View>
  );
}
