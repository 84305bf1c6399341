import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useI18n } from '../../i18n';
import type { ConsultationSummary } from '../../services/views';
import { formatDateTime } from '../../utils/format';
import BiText from '../BiText';

/** A consultation in a list; tap to open it (vote, live participation, result). */
export function ConsultationCard({ item, needsVote, voted }: { item: ConsultationSummary; needsVote?: boolean; voted?: boolean }) {
  const { t } = useI18n();
  return (
    <View
      className="card"
      onClick={() => Taro.navigateTo({ url: `/pages/resident/consultation/index?id=${item.id}` })}
      data-testid="consultation-card"
      data-id={item.id}
    >
      <View className="consultation-card__head">
        <Text className={`tag ${item.status === 'open' ? 'tag--open' : ''}`}>{t(`consultation.status.${item.status}`)}</Text>
        <Text className="card__meta consultation-card__kind">{t(`consultation.kind.${item.kind}`)}</Text>
        {needsVote && <Text className="badge badge--red consultation-card__kind">{t('home.needsVote')}</Text>}
        {voted && (
          <Text className="badge badge--ok consultation-card__kind" data-testid="voted-mark">
            {t('list.voted')}
          </Text>
        )}
      </View>
      <BiText className="card__title" zh={item.title} bo={item.titleBo} />
      <Text className="card__meta">{t('consultations.closesAt', { date: formatDateTime(item.closesAt) })}</Text>
      {item.participantCount !== undefined && <Text className="card__meta">{t('consultations.participation', { count: item.participantCount })}</Text>}
      <Text className="link">{t(item.status === 'open' ? (needsVote ? 'vote.start' : 'consultations.open') : 'consultations.view')} ›</Text>
    </View>
  );
}
