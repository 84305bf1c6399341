import { Text, View } from '@tarojs/components';
import { useI18n } from '../../i18n';
import { useRealtimeStatus } from '../../services/realtime';

/** "Live" or "not live": a resident should know whether the numbers on screen update by themselves. */
export default function RealtimeBadge() {
  const { t } = useI18n();
  const status = useRealtimeStatus();
  const on = status === 'connected';
  return (
    <View className={`home-realtime home-realtime--${on ? 'on' : 'off'}`} data-testid="realtime" data-status={status}>
      <View className="home-realtime__dot" />
      <Text>{t(on ? 'home.realtime.on' : 'home.realtime.off')}</Text>
    </View>
  );
}
