import { Text, View } from '@tarojs/components';
import { useI18n } from '../../i18n';
import type { ConsultationSummary } from '../../services/views';
import { formatDateTime } from '../../utils/format';

export function ConsultationCard({ item }: { item: ConsultationSummary }) {
  const { t } = useI18n();
  return (
    <View className='card'>
      <View className='consultation-card__head'>
        <Text className={`tag ${item.status === 'open' ? 'tag--open' : ''}`}>{t(`consultation.status.${item.status}`)}</Text>
        <Text className='card__meta consultation-card__kind'>{t(`consultation.kind.${item.kind}`)}</Text>
      </View>
      <Text className='card__title'>{item.title}</Text>
      <Text className='card__meta'>{t('consultations.closesAt', { date: formatDateTime(item.closesAt) })}</Text>
      {item.participantCount !== undefined && (
        <Text className='card__meta'>{t('consultations.participation', { count: item.participantCount })}</Text>
      )}
    </View>
  );
}
