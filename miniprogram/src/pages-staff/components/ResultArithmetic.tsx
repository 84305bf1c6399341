import { Text, View } from '@tarojs/components';
import { localText } from '@gongzhi/shared/src/text/systemBo';
import { tallyReasonsBo } from '@gongzhi/shared/src/text/tallyBo';
import BiText from '../../components/BiText';
import { useI18n } from '../../i18n';
import { arithmeticBlocks, type ArithBlock } from '../lib/arithmetic';
import type { Consultation } from '../lib/staffApi';

type QuestionDef = Consultation['questions'][number];
/** The committee's Tibetan for an option or item, by id ('「方案一」' → the option's labelBo). */
const boOf = (def: QuestionDef | undefined, id: string | undefined) => (id ? def?.options.find((o) => o.id === id)?.labelBo : undefined);
const unquote = (s: string) => s.replace(/^「|」$/g, '');

const YES_NO = ['approve', 'reject', 'abstain'];

type ResultQuestion = NonNullable<Consultation['result']>['questions'][number];

function Verdict({ passed }: { passed: boolean | null }) {
  const { t } = useI18n();
  if (passed === null) return <Text className="st-pill st-pill--neutral">{t('staff.arith.survey')}</Text>;
  return <Text className={`st-pill ${passed ? 'st-pill--good' : 'st-pill--bad'}`}>{passed ? t('staff.arith.passed') : t('staff.arith.failed')}</Text>;
}

/** Delivered-ballot arithmetic: ballots cast, unreturned delivered ballots added to the majority, the counted totals. */
function Covenant({ c }: { c: NonNullable<ArithBlock['covenant']> }) {
  const { t } = useI18n();
  const choice = c.majority ? (YES_NO.includes(c.majority.choice) ? t(`staff.vote.${c.majority.choice as 'approve'}`) : c.majority.label) : '';
  return (
    <View className="st-arith__reasons" data-testid="covenant-arithmetic">
      <Text className="st-arith__label">{t('staff.arith.covenantTitle')}</Text>
      <Text className="st-arith__reason">{t('staff.arith.covenantPlain', { headcount: c.plain.headcount, area: c.plain.area })}</Text>
      <Text className="st-arith__reason">{t('staff.arith.covenantUnreturned', { n: c.unreturned, added: c.added })}</Text>
      <Text className="st-arith__reason">{c.majority ? t('staff.arith.covenantMajority', { choice }) : t('staff.arith.covenantNoMajority')}</Text>
      <Text className="st-arith__reason">{t('staff.arith.covenantCounted', { headcount: c.counted.headcount, area: c.counted.area })}</Text>
      <Text className="st-arith__reason">{t('staff.arith.covenantBasis')}</Text>
    </View>
  );
}

function Block({ block, def }: { block: ArithBlock; def?: QuestionDef }) {
  const { t, lang } = useI18n();
  const reasons = lang === 'bo' ? (block.tally ? tallyReasonsBo(block.tally) : block.reasons.map((r) => localText(r, 'bo'))) : block.reasons;
  return (
    <View className="st-arith__block">
      {block.title && (
        <View className="st-arith__verdict">
          <BiText className="st-arith__item" zh={block.title} bo={boOf(def, block.itemId)} />
          <Verdict passed={block.passed} />
        </View>
      )}
      {block.covenant && <Covenant c={block.covenant} />}
      {block.rows.map((r, i) => (
        <View key={i} className="st-arith__row">
          <Text className="st-arith__label">
            {t(`staff.arith.${r.kind}`)}
            {r.choiceLabel ? ' · ' : ''}
            {r.choiceLabel && <BiText zh={unquote(r.choiceLabel)} bo={boOf(def, r.choice)} />}
          </Text>
          <View className="st-arith__math">
            <Text>
              {r.value} / {r.base} {r.unit === 'area' ? '㎡' : t('staff.unit.person')}
            </Text>
            <Text>
              {r.comparison === 'gt' ? '>' : '≥'} {r.fraction}
            </Text>
            <Text className={`st-pill ${r.passed ? 'st-pill--good' : 'st-pill--bad'}`}>{r.passed ? '✓' : '✗'}</Text>
          </View>
          <Text className="st-arith__need">{t('staff.arith.required', { value: r.required, unit: r.unit === 'area' ? '㎡' : t('staff.unit.person') })}</Text>
        </View>
      ))}
      {block.distribution.length > 0 && (
        <View className="st-arith__table">
          <View className="st-arith__tr st-arith__th">
            <Text className="st-arith__td">{t('staff.arith.choice')}</Text>
            <Text className="st-arith__td">{t('staff.arith.dwellings')}</Text>
            <Text className="st-arith__td">{block.rows.length ? t('staff.arith.area') : ''}</Text>
            <Text className="st-arith__td">{block.rows.length ? t('staff.arith.headcount') : ''}</Text>
          </View>
          {block.distribution.map((d) => (
            <View key={d.label} className="st-arith__tr">
              {YES_NO.includes(d.choice) ? (
                <Text className="st-arith__td">{t(`staff.vote.${d.choice as 'approve'}`)}</Text>
              ) : (
                <BiText className="st-arith__td" zh={unquote(d.label)} bo={boOf(def, d.choice)} />
              )}
              <Text className="st-arith__td">{d.dwellings}</Text>
              <Text className="st-arith__td">{block.rows.length ? d.area : ''}</Text>
              <Text className="st-arith__td">{block.rows.length && d.headcount !== null ? d.headcount : ''}</Text>
            </View>
          ))}
        </View>
      )}
      {reasons.length > 0 && (
        <View className="st-arith__reasons">
          <Text className="st-arith__label">{t('staff.arith.reasonsTitle')}</Text>
          {reasons.map((line, i) => (
            <Text key={i} className="st-arith__reason">
              {line}
            </Text>
          ))}
        </View>
      )}
    </View>
  );
}

/** One question of a closed consultation: verdict, every threshold test with its numbers, the distribution, the reasons. */
export default function ResultArithmetic({ question, index, def }: { question: ResultQuestion; index: number; def?: QuestionDef }) {
  const { t } = useI18n();
  const blocks = arithmeticBlocks(question);
  return (
    <View className="card st-arith" data-testid="result-arithmetic">
      <Verdict passed={question.passed} />
      <Text className="card__title">
        {t('staff.cs.questionN', { n: index + 1 })} <BiText zh={question.title} bo={def?.titleBo} />
      </Text>
      <Text className="card__meta">{t(`staff.rule.${question.rule}`)}</Text>
      {blocks.map((b, i) => (
        <Block key={i} block={b} def={def} />
      ))}
    </View>
  );
}
