import { Text, View } from '@tarojs/components';
import { useI18n } from '../../i18n';
import type { ConsultationSummary } from '../../services/views';
import { formatDateTime } from '../../utils/format';

export function ConsultationCard({ item }: { item: ConsultationSummary }) {
  const { t } = useI18n();
  const open = item.status === 'open';
  return (
    <View className='card'>
      <View className='consultation-card__head'>
        <Text className={`tag ${open ? 'tag--open' : ''}`}>{t(open ? 'consultations.open' : 'consultations.closed')}</Text>
        {item.areaName && <Text className='card__meta consultation-card__area'>{item.areaName}</Text>}
      </View>
      <Text className='card__title'>{item.title}</Text>
      {item.closesAt && <Text className='card__meta'>{t('consultations.closesAt', { date: formatDateTime(item.closesAt) })}</Text>}
      {item.participantCount !== undefined && (
        <Text className='card__meta'>{t('consultations.participation', { count: item.participantCount })}</Text>
      )}
    </View>
  );
}
