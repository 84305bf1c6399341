import { Text, View } from '@tarojs/components';
import type { ConsultationQuestion } from '@gongzhi/shared';
import { useI18n } from '../../i18n';
import { formatDateTime, formatYuan } from '../../utils/format';

interface Props {
  title: string;
  description: string;
  questions: ConsultationQuestion[];
  closesAt: string | null;
  allowChange: boolean;
}

/** What a resident will see: plain-words rules, options with costs and shares, the deadline. Nothing can be cast. */
export default function ResidentPreview({ title, description, questions, closesAt, allowChange }: Props) {
  const { t } = useI18n();
  return (
    <View className='card st-preview' data-testid='resident-preview'>
      <Text className='st-preview__badge'>{t('staff.cn.previewBadge')}</Text>
      <Text className='card__title'>{title}</Text>
      {description && <Text className='card__meta'>{description}</Text>}
      {closesAt && <Text className='card__meta'>{t('consultations.closesAt', { date: formatDateTime(closesAt) })}</Text>}
      <Text className='card__meta'>{allowChange ? t('staff.cn.changeAllowed') : t('staff.cn.changeNotAllowed')}</Text>
      {questions.map((q, i) => (
        <View key={q.id} style={{ marginTop: '14px' }}>
          <Text className='st-row__title'>
            {t('staff.cs.questionN', { n: i + 1 })} {q.title}
          </Text>
          <Text className='card__meta'>{t(`staff.rulePlain.${q.rule}`)}</Text>
          {q.format === 'yes_no' && (
            <View className='st-preview__choices'>
              {(['staff.vote.approve', 'staff.vote.reject', 'staff.vote.abstain'] as const).map((k) => (
                <View key={k} className='st-preview__choice'>
                  {t(k)}
                </View>
              ))}
            </View>
          )}
          {q.format === 'rating' && <Text className='st-preview__option'>★ ★ ★ ★ ★</Text>}
          {q.format === 'text' && <Text className='st-preview__option muted'>{t('staff.cn.textAnswer')}</Text>}
          {q.options.map((o) => (
            <View key={o.id} className='st-preview__option'>
              <Text className='st-row__title'>{o.label}</Text>
              {o.costFen !== undefined && o.costFen > 0 && (
                <Text className='card__meta'>{t('staff.cn.cost', { amount: formatYuan(o.costFen) })}</Text>
              )}
              {o.householdShareFen !== undefined && o.householdShareFen > 0 && (
                <Text className='card__meta'>{t('staff.cn.share', { amount: formatYuan(o.householdShareFen) })}</Text>
              )}
              {o.schedule && <Text className='card__meta'>{o.schedule}</Text>}
              {q.format === 'items' && (
                <View className='st-preview__choices'>
                  {(['staff.vote.approve', 'staff.vote.reject', 'staff.vote.abstain'] as const).map((k) => (
                    <View key={k} className='st-preview__choice'>
                      {t(k)}
                    </View>
                  ))}
                </View>
              )}
            </View>
          ))}
          {q.format === 'choose' && q.maxChoices && <Text className='card__meta'>{t('staff.cn.maxChoices', { n: q.maxChoices })}</Text>}
        </View>
      ))}
    </View>
  );
}
