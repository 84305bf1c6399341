import { Input, Text, Textarea, View } from '@tarojs/components';
import type { ConsultationKind } from '@gongzhi/shared';
import { useI18n } from '../../i18n';
import { rulesFor, type EditableQuestion, type FormErrors } from '../lib/consultationForm';
import Chips from './Chips';
import Field from './Field';

interface Props {
  index: number;
  kind: ConsultationKind;
  question: EditableQuestion;
  errors: FormErrors;
  onChange: (q: EditableQuestion) => void;
}

/** One question of a template: its wording, the counting rule (picked), option labels and costs in yuan. */
export default function QuestionEditor({ index, kind, question: q, errors, onChange }: Props) {
  const { t } = useI18n();
  const setOption = (j: number, patch: Partial<EditableQuestion['options'][number]>) =>
    onChange({ ...q, options: q.options.map((o, k) => (k === j ? { ...o, ...patch } : o)) });
  return (
    <View className="card">
      <Text className="card__title">
        {t('staff.cs.questionN', { n: index + 1 })} · {t(`staff.format.${q.format}`)}
      </Text>
      <Field label={t('staff.cn.questionTitle')} error={errors[`q${index}.title`]}>
        <Textarea
          className="st-textarea st-textarea--short"
          value={q.title}
          maxlength={200}
          autoHeight
          onInput={(e) => onChange({ ...q, title: e.detail.value })}
        />
      </Field>
      <Field label={t('staff.bi.questionTitleBo')}>
        <Textarea
          className="st-textarea st-textarea--short lang-bo"
          value={q.titleBo ?? ''}
          maxlength={200}
          autoHeight
          onInput={(e) => onChange({ ...q, titleBo: e.detail.value })}
          data-testid={`q${index}-title-bo`}
        />
      </Field>
      <Field label={t('staff.cn.rule')} hint={t(`staff.rulePlain.${q.rule}`)} error={errors[`q${index}.rule`]}>
        <Chips
          options={rulesFor(q.format, kind).map((r) => ({ value: r, label: t(`staff.ruleShort.${r}`) }))}
          value={q.rule}
          onChange={(rule) => onChange({ ...q, rule })}
        />
      </Field>
      {q.options.map((o, j) => (
        <View key={o.id} className="card" style={{ background: '#faf8f4' }}>
          <Field label={t('staff.cn.optionN', { n: j + 1 })} error={errors[`q${index}.o${j}.label`]}>
            <Input className="st-input" value={o.label} maxlength={100} onInput={(e) => setOption(j, { label: e.detail.value })} />
          </Field>
          <Field label={t('staff.bi.optionBo', { n: j + 1 })}>
            <Input
              className="st-input lang-bo"
              value={o.labelBo ?? ''}
              maxlength={100}
              onInput={(e) => setOption(j, { labelBo: e.detail.value })}
              data-testid={`q${index}-o${j}-bo`}
            />
          </Field>
          {o.costYuan !== undefined && (
            <Field label={t('staff.cn.costYuan')} error={errors[`q${index}.o${j}.cost`]}>
              <Input className="st-input" type="digit" value={o.costYuan} onInput={(e) => setOption(j, { costYuan: e.detail.value })} />
            </Field>
          )}
          {o.shareYuan !== undefined && (
            <Field label={t('staff.cn.shareYuan')} error={errors[`q${index}.o${j}.share`]}>
              <Input className="st-input" type="digit" value={o.shareYuan} onInput={(e) => setOption(j, { shareYuan: e.detail.value })} />
            </Field>
          )}
        </View>
      ))}
    </View>
  );
}
