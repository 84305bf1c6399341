import { Text, View } from '@tarojs/components';
import FileImage from '../../../components/FileImage';
import { useI18n } from '../../../i18n';
import { dwellingLabel } from '../../../services/labels';
import type { ProxyItem } from '../../../services/types';

const TONE = { approved: 'badge--ok', pending: 'badge--warn', rejected: 'badge--bad', revoked: '', suspended: 'badge--bad' } as const;

/** One entrustment: dwelling, who, status with the committee's (or revoker's) reason, and 撤销 while it is active. */
export default function ProxyRow({ item, who, showDocument, onRevoke }: { item: ProxyItem; who: string; showDocument?: boolean; onRevoke?: () => void }) {
  const { t } = useI18n();
  const active = item.status === 'pending' || item.status === 'approved';
  return (
    <View className="list-row" data-testid="proxy" data-status={item.status}>
      <View className="list-row__main">
        <Text className="list-row__title">{dwellingLabel(t, item.dwelling)}</Text>
        <Text className="list-row__meta">{who}</Text>
        {item.reason && (
          <Text className="list-row__meta" data-testid="proxy-reason">
            {t('proxies.reason', { reason: item.reason })}
          </Text>
        )}
        {showDocument && <FileImage fileId={item.documentFileId} alt={t('proxyForm.document')} />}
      </View>
      <View className="row-side">
        <Text className={`badge ${TONE[item.status]}`}>{t(`proxy.status.${item.status}`)}</Text>
        {onRevoke && active && (
          <View className="link" role="button" onClick={onRevoke} data-testid="proxy-revoke">
            {t('proxies.revoke')}
          </View>
        )}
      </View>
    </View>
  );
}
