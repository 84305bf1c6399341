import { Text, View } from '@tarojs/components';
import { useI18n } from '../../i18n';
import { formatDateTime } from '../../utils/format';
import type { Notice } from '../lib/staffApi';

/** Every version with its reason, newest first (the publisher's record of what residents were shown when). */
export default function NoticeVersions({ notice }: { notice: Notice }) {
  const { t } = useI18n();
  const list = [...notice.history].sort((a, b) => b.version - a.version);
  return (
    <View className="card" data-testid="notice-versions">
      {list.map((h) => (
        <View key={h.version} className="st-row" style={{ flexDirection: 'column', alignItems: 'stretch' }}>
          <View className="staff-head">
            <Text className="st-row__title">{t('staff.nt.versionN', { v: h.version })}</Text>
            {h.version === notice.version && <Text className="st-pill st-pill--good">{t('staff.nt.current')}</Text>}
          </View>
          <Text className="st-row__meta">{formatDateTime(h.at)}</Text>
          <Text className="st-row__meta">{h.reason ?? t('staff.nt.versionFirst')}</Text>
        </View>
      ))}
    </View>
  );
}
