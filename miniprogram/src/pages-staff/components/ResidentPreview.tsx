import { Text, View } from '@tarojs/components';
import type { ConsultationQuestion } from '@gongzhi/shared';
import { t as tr, useI18n, type Lang } from '../../i18n';
import { missingBo, pickText } from '../../services/bilingual';
import { formatDateTime, formatYuan } from '../../utils/format';

interface Props {
  title: string;
  titleBo?: string;
  description: string;
  descriptionBo?: string;
  questions: ConsultationQuestion[];
  closesAt: string | null;
  allowChange: boolean;
}

const CHOICES = ['staff.vote.approve', 'staff.vote.reject', 'staff.vote.abstain'] as const;

/**
 * What residents will see, in Chinese and in Tibetan side by side, with a warning when some Tibetan is missing (those
 * readers would get the Chinese with a "Chinese only" mark). Nothing can be cast.
 */
export default function ResidentPreview(p: Props) {
  const { t } = useI18n();
  const missing = missingBo([
    [p.title, p.titleBo],
    [p.description, p.descriptionBo],
    ...p.questions.flatMap((q) => [
      [q.title, q.titleBo] as [string, string | undefined],
      ...q.options.map((o) => [o.label, o.labelBo] as [string, string | undefined]),
    ]),
  ]);
  return (
    <View className="card st-preview" data-testid="resident-preview">
      <Text className="st-preview__badge">{t('staff.cn.previewBadge')}</Text>
      {missing > 0 && (
        <View className="st-banner st-banner--error" data-testid="preview-missing-bo">
          {t('staff.bi.missing', { n: missing })}
        </View>
      )}
      {(['zh', 'bo'] as Lang[]).map((lang) => (
        <One key={lang} lang={lang} {...p} />
      ))}
    </View>
  );
}

function One({ lang, title, titleBo, description, descriptionBo, questions, closesAt, allowChange }: Props & { lang: Lang }) {
  const t = (k: Parameters<typeof tr>[0], v?: Record<string, string | number>) => tr(k, v, lang);
  const x = (zh: string, bo?: string | null) => {
    const r = pickText(zh, bo, lang);
    return r.fallback ? `[${t('bi.zhOnly')}] ${r.text}` : r.text;
  };
  return (
    // The Chinese column is the Chinese version residents will read, shown on purpose beside the Tibetan one.
    <View className={`st-preview__lang lang-${lang}`} data-testid={`preview-${lang}`} data-zh-original={lang === 'zh' ? '1' : undefined}>
      <Text className="st-preview__badge">{t(lang === 'bo' ? 'staff.bi.bo' : 'staff.bi.zh')}</Text>
      <Text className="card__title">{x(title, titleBo)}</Text>
      {description && <Text className="card__meta">{x(description, descriptionBo)}</Text>}
      {closesAt && <Text className="card__meta">{t('consultations.closesAt', { date: formatDateTime(closesAt) })}</Text>}
      <Text className="card__meta">{allowChange ? t('staff.cn.changeAllowed') : t('staff.cn.changeNotAllowed')}</Text>
      {questions.map((q, i) => (
        <View key={q.id} style={{ marginTop: '14px' }}>
          <Text className="st-row__title">
            {t('staff.cs.questionN', { n: i + 1 })} {x(q.title, q.titleBo)}
          </Text>
          <Text className="card__meta">{t(`staff.rulePlain.${q.rule}`)}</Text>
          {q.format === 'yes_no' && (
            <View className="st-preview__choices">
              {CHOICES.map((k) => (
                <View key={k} className="st-preview__choice">
                  {t(k)}
                </View>
              ))}
            </View>
          )}
          {q.format === 'rating' && <Text className="st-preview__option">★ ★ ★ ★ ★</Text>}
          {q.format === 'text' && <Text className="st-preview__option muted">{t('staff.cn.textAnswer')}</Text>}
          {q.options.map((o) => (
            <View key={o.id} className="st-preview__option">
              <Text className="st-row__title">{x(o.label, o.labelBo)}</Text>
              {o.costFen !== undefined && o.costFen > 0 && <Text className="card__meta">{t('staff.cn.cost', { amount: formatYuan(o.costFen) })}</Text>}
              {o.householdShareFen !== undefined && o.householdShareFen > 0 && (
                <Text className="card__meta">{t('staff.cn.share', { amount: formatYuan(o.householdShareFen) })}</Text>
              )}
              {o.schedule && <Text className="card__meta">{o.schedule}</Text>}
              {q.format === 'items' && (
                <View className="st-preview__choices">
                  {CHOICES.map((k) => (
                    <View key={k} className="st-preview__choice">
                      {t(k)}
                    </View>
                  ))}
                </View>
              )}
            </View>
          ))}
          {q.format === 'choose' && q.maxChoices && <Text className="card__meta">{t('staff.cn.maxChoices', { n: q.maxChoices })}</Text>}
        </View>
      ))}
    </View>
  );
}
