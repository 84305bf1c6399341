import { Text, Textarea, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { useI18n, type MessageKey } from '../../i18n';
import { togglePick, YES_NO, type BallotDraft, type DraftAnswer, type YesNo } from '../../services/ballot';
import type { Question, QuestionOption } from '../../services/types';
import { formatYuan } from '../../utils/format';
import AudioButton from '../AudioButton';
import BiText from '../BiText';
import type { Clip } from '../../services/audio';
import FileImage from '../FileImage';
import Stars from '../Stars';
import './index.scss';

interface Props {
  questions: Question[];
  draft: BallotDraft;
  onChange: (draft: BallotDraft) => void;
  problems?: Record<string, MessageKey>;
  /** "my household's share" text for an option, when one can be estimated. */
  shareText?: (o: QuestionOption) => string | null;
  /** Voice clips of the vote; each question's ▶ plays its own. */
  audio?: readonly Clip[];
}

/** Every question of a consultation as big, tappable choices; options show pictures, cost and my share. */
export default function BallotForm({ questions, draft, onChange, problems = {}, shareText, audio }: Props) {
  const { t } = useI18n();
  // Staff-typed titles and options in the reader's language (bo sibling, template Tibetan, else marked Chinese).
  const tx = (o: QuestionOption) => <BiText zh={o.label} bo={o.labelBo} />;
  const set = (qid: string, patch: DraftAnswer) => onChange({ ...draft, [qid]: { ...draft[qid], ...patch } });

  return (
    <View className="ballot-form">
      {questions.map((q, qi) => {
        const a = draft[q.id] ?? {};
        return (
          <View key={q.id} className="ballot-q" data-testid={`question-${q.id}`}>
            <Text className="ballot-q__title">
              {questions.length > 1 ? `${qi + 1}. ` : ''}
              <BiText zh={q.title} bo={q.titleBo} />
            </Text>
            <AudioButton clips={audio} target={`question:${q.id}`} testId={`audio-play-${q.id}`} />
            {q.format === 'yes_no' &&
              YES_NO.map((c) => (
                <Choice key={c} on={a.choice === c} label={t(`vote.${c}`)} onTap={() => set(q.id, { choice: c })} testId={`choice-${q.id}-${c}`} />
              ))}
            {q.format === 'pick_one' && (
              <View>
                {q.options.map((o) => (
                  <Choice key={o.id} on={a.choice === o.id} label={tx(o)} onTap={() => set(q.id, { choice: o.id })} testId={`choice-${q.id}-${o.id}`}>
                    <OptionDetails option={o} share={shareText?.(o) ?? null} />
                  </Choice>
                ))}
                <Choice
                  on={a.choice === 'abstain'}
                  label={t('vote.abstain')}
                  onTap={() => set(q.id, { choice: 'abstain' })}
                  testId={`choice-${q.id}-abstain`}
                />
              </View>
            )}
            {q.format === 'items' &&
              q.options.map((o) => (
                <View key={o.id} className="ballot-item" data-testid={`item-${q.id}-${o.id}`}>
                  <Text className="choice__label">{tx(o)}</Text>
                  <OptionDetails option={o} share={shareText?.(o) ?? null} />
                  <View className="chips">
                    {YES_NO.map((c: YesNo) => (
                      <View
                        key={c}
                        className={`chip ${a.items?.[o.id] === c ? 'chip--on' : ''}`}
                        onClick={() => set(q.id, { items: { ...a.items, [o.id]: c } })}
                        data-testid={`item-${q.id}-${o.id}-${c}`}
                      >
                        {t(`vote.${c}`)}
                      </View>
                    ))}
                  </View>
                </View>
              ))}
            {q.format === 'choose' && (
              <View>
                <Text className="form-hint">{t(q.ranked ? 'vote.rankHint' : 'vote.chooseHint', { n: q.maxChoices ?? q.options.length })}</Text>
                {q.options.map((o) => {
                  const pos = (a.picks ?? []).indexOf(o.id);
                  return (
                    <View
                      key={o.id}
                      className={`choice ${pos >= 0 ? 'choice--on' : ''}`}
                      onClick={() => set(q.id, { picks: togglePick(a.picks ?? [], o.id, q.maxChoices ?? q.options.length) })}
                      data-testid={`pick-${q.id}-${o.id}`}
                    >
                      <View className="ballot-rank">{pos >= 0 ? <Text>{pos + 1}</Text> : null}</View>
                      <View className="choice__body">
                        <Text className="choice__label">{tx(o)}</Text>
                      </View>
                    </View>
                  );
                })}
              </View>
            )}
            {q.format === 'rating' && <Stars value={a.rating ?? 0} onChange={(v) => set(q.id, { rating: v })} testId={`rating-${q.id}`} />}
            {q.format === 'text' && (
              <Textarea
                className="text-area"
                value={a.text ?? ''}
                maxlength={500}
                placeholder={t('vote.textPlaceholder')}
                onInput={(e) => set(q.id, { text: e.detail.value })}
              />
            )}
            {problems[q.id] && (
              <Text className="form-error" data-testid="ballot-problem">
                {t(problems[q.id])}
              </Text>
            )}
          </View>
        );
      })}
    </View>
  );
}

function Choice({ on, label, onTap, children, testId }: { on: boolean; label: ReactNode; onTap: () => void; children?: ReactNode; testId?: string }) {
  return (
    <View className={`choice ${on ? 'choice--on' : ''}`} onClick={onTap} role="radio" aria-checked={on} data-testid={testId}>
      <View className="choice__mark" />
      <View className="choice__body">
        <Text className="choice__label">{label}</Text>
        {children}
      </View>
    </View>
  );
}

/** Pictures, cost, schedule and my household's share: what a resident needs to compare design options. */
function OptionDetails({ option: o, share }: { option: QuestionOption; share: string | null }) {
  const { t } = useI18n();
  const images = o.imageFileIds ?? [];
  return (
    <View className="option-details">
      {o.description && <BiText className="choice__meta" zh={o.description} bo={o.descriptionBo} />}
      {images.length > 0 && (
        <View className="file-images" onClick={(e) => e.stopPropagation()}>
          {images.map((id) => (
            <FileImage key={id} fileId={id} group={images} />
          ))}
        </View>
      )}
      {o.costFen ? <Text className="choice__meta">{t('vote.cost', { amount: formatYuan(o.costFen) })}</Text> : null}
      {o.schedule ? <Text className="choice__meta">{t('vote.schedule', { text: o.schedule })}</Text> : null}
      {share && (
        <Text className="choice__meta option-details__share" data-testid="my-share">
          {share}
        </Text>
      )}
    </View>
  );
}
