import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useI18n } from '../../i18n';
import type { Notice } from '../../services/types';
import { formatDateTime } from '../../utils/format';
import BiText from '../BiText';

/** One notice in a feed: pinned / unread / amended marks, kind, title in the chosen language, objection window. */
export default function NoticeCard({ item }: { item: Notice }) {
  const { t } = useI18n();
  return (
    <View
      className={`card notice-card ${item.unread ? 'notice-card--unread' : ''}`}
      onClick={() => Taro.navigateTo({ url: `/pages/resident/notice/index?id=${item.id}` })}
      data-testid="notice-card"
      data-unread={item.unread ? '1' : '0'}
    >
      <View className="notice-card__marks">
        {item.pinned && <Text className="badge badge--red">{t('notice.pinned')}</Text>}
        {item.unread && <Text className="badge badge--warn">{t('notice.unread')}</Text>}
        {!item.unread && !item.amendedSinceRead && (
          <Text className="badge badge--ok" data-testid="read-mark">
            {t('list.read')}
          </Text>
        )}
        {!item.unread && item.amendedSinceRead && <Text className="badge badge--warn">{t('notice.amended')}</Text>}
        <Text className="badge">{t(`notice.kind.${item.kind}`)}</Text>
        {item.titleBo && <Text className="badge">{t('notice.hasBo')}</Text>}
      </View>
      <BiText className="card__title" zh={item.title} bo={item.titleBo} />
      <Text className="card__meta">{formatDateTime(item.publishedAt ?? item.publishAt ?? '')}</Text>
      {item.objectionsOpen && item.objectionsUntil && (
        <Text className="card__meta">{t('notice.objectionsUntil', { date: formatDateTime(item.objectionsUntil) })}</Text>
      )}
      {item.withdrawn && <Text className="form-error">{t('notice.withdrawn')}</Text>}
    </View>
  );
}
