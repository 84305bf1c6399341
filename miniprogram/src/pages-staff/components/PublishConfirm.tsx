import { Text, View } from '@tarojs/components';
import ConfirmSheet from '../../components/ConfirmSheet';
import { t as tr, useI18n } from '../../i18n';
import { pickText } from '../../services/bilingual';
import type { Consultation } from '../../services/types';
import { formatDateTime } from '../../utils/format';

interface Props {
  c: Consultation;
  /** When voting will open (now plus the lead time for "as soon as possible"). */
  opensAt: Date;
  busy: boolean;
  error: string | null;
  onConfirm: () => void;
  onCancel: () => void;
}

/** A binding vote is never published by one tap: restate what residents will read (both languages) and when. */
export default function PublishConfirm({ c, opensAt, busy, error, onConfirm, onCancel }: Props) {
  const { t } = useI18n();
  const bo = pickText(c.title, c.titleBo, 'bo');
  return (
    <ConfirmSheet
      open
      title={t('staff.cn.publishConfirmTitle')}
      confirmText={t('staff.cn.publishConfirmOk')}
      busy={busy}
      error={error}
      onConfirm={onConfirm}
      onCancel={onCancel}
    >
      <View data-testid="publish-confirm">
        <Text className="card__meta">{t('staff.cn.publishConfirmSees')}</Text>
        {/* Both versions residents will read: the Chinese (marked as such for Tibetan readers) and the Tibetan. */}
        <Text className="card__title" data-zh-original="1">
          {c.title}
        </Text>
        <Text className="card__title lang-bo">{bo.fallback ? `[${tr('bi.zhOnly', undefined, 'bo')}]` : bo.text}</Text>
        {c.questions.map((q, i) => {
          const qb = pickText(q.title, q.titleBo, 'bo');
          return (
            <View key={q.id}>
              <Text className="card__meta" data-zh-original="1">
                {i + 1}. {q.title}
              </Text>
              <Text className="card__meta lang-bo">
                {i + 1}. {qb.fallback ? `[${tr('bi.zhOnly', undefined, 'bo')}]` : qb.text}
              </Text>
            </View>
          );
        })}
        <Text className="card__meta" data-testid="publish-opens">
          {t('staff.cn.publishConfirmOpens', { date: formatDateTime(opensAt.toISOString()) })}
        </Text>
        <Text className="card__meta">{t('staff.cn.publishConfirmCloses', { date: formatDateTime(c.closesAt) })}</Text>
        <Text className="card__meta">{t('staff.cn.publishConfirmBinding')}</Text>
      </View>
    </ConfirmSheet>
  );
}
