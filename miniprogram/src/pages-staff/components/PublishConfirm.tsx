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
    <ConfirmSheet open title={t('staff.cn.publishConfirmTitle')} confirmText={t('staff.cn.publishConfirmOk')} busy={busy} error={error} onConfirm={onConfirm} onCancel={onCancel}>
      <View data-testid='publish-confirm'>
        <Text className='card__meta'>{t('staff.cn.publishConfirmSees')}</Text>
        <Text className='card__title'>{c.title}</Text>
        <Text className='card__title lang-bo'>{bo.fallback ? `[${tr('bi.zhOnly', undefined, 'bo')}]` : bo.text}</Text>
        {c.questions.map((q, i) => (
          <Text key={q.id} className='card__meta'>{i + 1}. {q.title}</Text>
        ))}
        <Text className='card__meta' data-testid='publish-opens'>{t('staff.cn.publishConfirmOpens', { date: formatDateTime(opensAt.toISOString()) })}</Text>
        <Text className='card__meta'>{t('staff.cn.publishConfirmCloses', { date: formatDateTime(c.closesAt) })}</Text>
        <Text className='card__meta'>{t('staff.cn.publishConfirmBinding')}</Text>
      </View>
    </ConfirmSheet>
  );
}
