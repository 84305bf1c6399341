import { Text, Textarea, View } from '@tarojs/components';
import type { ConsultationQuestion } from '@gongzhi/shared';
import BiText from '../../components/BiText';
import { useI18n } from '../../i18n';
import { pickText } from '../../services/bilingual';
import { togglePick, type PaperMarks } from '../lib/ballotForm';
import Chips from './Chips';

type YesNo = 'approve' | 'reject' | 'abstain';
const YES_NO: YesNo[] = ['approve', 'reject', 'abstain'];

/** Copy the marks of one paper ballot question by tapping, never typing (except a written answer). */
export default function AnswerMarks({
  q,
  index,
  marks,
  onChange,
}: {
  q: ConsultationQuestion;
  index: number;
  marks: PaperMarks;
  onChange: (m: PaperMarks) => void;
}) {
  const { t, lang } = useI18n();
  const lx = (o: ConsultationQuestion['options'][number]) => pickText(o.label, o.labelBo, lang).text;
  const yesNo = YES_NO.map((v) => ({ value: v, label: t(`staff.vote.${v}`) }));
  return (
    <View className="card">
      <Text className="card__title">
        {t('staff.cs.questionN', { n: index + 1 })} <BiText zh={q.title} bo={q.titleBo} />
      </Text>
      {q.format === 'yes_no' && (
        <Chips options={yesNo} value={marks.choice[q.id] ?? ''} onChange={(v) => onChange({ ...marks, choice: { ...marks.choice, [q.id]: v } })} />
      )}
      {q.format === 'pick_one' && (
        <Chips
          options={[...q.options.map((o) => ({ value: o.id, label: lx(o) })), { value: 'abstain', label: t('staff.vote.abstain') }]}
          value={marks.choice[q.id] ?? ''}
          onChange={(v) => onChange({ ...marks, choice: { ...marks.choice, [q.id]: v } })}
        />
      )}
      {q.format === 'items' &&
        q.options.map((o) => (
          <View key={o.id} style={{ marginTop: '10px' }}>
            <Text className="st-row__title">{lx(o)}</Text>
            <Chips
              options={yesNo}
              value={marks.items[q.id]?.[o.id] ?? ''}
              onChange={(v) => onChange({ ...marks, items: { ...marks.items, [q.id]: { ...(marks.items[q.id] ?? {}), [o.id]: v } } })}
            />
          </View>
        ))}
      {q.format === 'choose' && (
        <>
          <Text className="st-field__hint">{t('staff.cn.maxChoices', { n: q.maxChoices ?? q.options.length })}</Text>
          <Chips
            options={q.options.map((o) => {
              const n = (marks.picks[q.id] ?? []).indexOf(o.id);
              return { value: o.id, label: n >= 0 && q.ranked ? `${n + 1}. ${lx(o)}` : lx(o) };
            })}
            value={marks.picks[q.id] ?? []}
            onChange={(v) =>
              onChange({ ...marks, picks: { ...marks.picks, [q.id]: togglePick(marks.picks[q.id] ?? [], v, q.maxChoices ?? q.options.length) } })
            }
          />
        </>
      )}
      {q.format === 'rating' && (
        <Chips
          options={['1', '2', '3', '4', '5'].map((v) => ({ value: v, label: `${v} ★` }))}
          value={String(marks.rating[q.id] ?? '')}
          onChange={(v) => onChange({ ...marks, rating: { ...marks.rating, [q.id]: Number(v) } })}
        />
      )}
      {q.format === 'text' && (
        <Textarea
          className="st-textarea"
          value={marks.text[q.id] ?? ''}
          maxlength={500}
          onInput={(e) => onChange({ ...marks, text: { ...marks.text, [q.id]: e.detail.value } })}
        />
      )}
    </View>
  );
}
