import { Text, View } from '@tarojs/components';
import { useI18n } from '../../i18n';
import { arithmeticBlocks, type ArithBlock } from '../lib/arithmetic';
import type { Consultation } from '../lib/staffApi';

type ResultQuestion = NonNullable<Consultation['result']>['questions'][number];

function Verdict({ passed }: { passed: boolean | null }) {
  const { t } = useI18n();
  if (passed === null) return <Text className='pill pill--neutral'>{t('staff.arith.survey')}</Text>;
  return <Text className={`pill ${passed ? 'pill--good' : 'pill--bad'}`}>{passed ? t('staff.arith.passed') : t('staff.arith.failed')}</Text>;
}

function Block({ block }: { block: ArithBlock }) {
  const { t } = useI18n();
  return (
    <View className='arith__block'>
      {block.title && (
        <View className='arith__verdict'>
          <Text className='card__title'>{block.title}</Text>
          <Verdict passed={block.passed} />
        </View>
      )}
      {block.rows.map((r, i) => (
        <View key={i} className='arith__row'>
          <Text className='arith__label'>
            {t(`staff.arith.${r.kind}`)}
            {r.choiceLabel ? ` · ${r.choiceLabel}` : ''}
          </Text>
          <View className='arith__math'>
            <Text>
              {r.value} / {r.base} {r.unit === 'area' ? '㎡' : t('staff.unit.person')}
            </Text>
            <Text>
              {r.comparison === 'gt' ? '>' : '≥'} {r.fraction}
            </Text>
            <Text className={`pill ${r.passed ? 'pill--good' : 'pill--bad'}`}>{r.passed ? '✓' : '✗'}</Text>
          </View>
          <Text className='arith__need'>
            {t('staff.arith.required', { value: r.required, unit: r.unit === 'area' ? '㎡' : t('staff.unit.person') })}
          </Text>
        </View>
      ))}
      {block.distribution.length > 0 && (
        <View className='arith__table'>
          <View className='arith__tr arith__th'>
            <Text className='arith__td'>{t('staff.arith.choice')}</Text>
            <Text className='arith__td'>{t('staff.arith.dwellings')}</Text>
            <Text className='arith__td'>{block.rows.length ? t('staff.arith.area') : ''}</Text>
            <Text className='arith__td'>{block.rows.length ? t('staff.arith.headcount') : ''}</Text>
          </View>
          {block.distribution.map((d) => (
            <View key={d.label} className='arith__tr'>
              <Text className='arith__td'>{d.label}</Text>
              <Text className='arith__td'>{d.dwellings}</Text>
              <Text className='arith__td'>{block.rows.length ? d.area : ''}</Text>
              <Text className='arith__td'>{block.rows.length && d.headcount !== null ? d.headcount : ''}</Text>
            </View>
          ))}
        </View>
      )}
      {block.reasons.length > 0 && (
        <View className='arith__reasons'>
          {block.reasons.map((line, i) => (
            <Text key={i} className='arith__reason'>
              {line}
            </Text>
          ))}
        </View>
      )}
    </View>
  );
}

/** One question of a closed consultation: verdict, every threshold test with its numbers, the distribution, the reasons. */
export default function ResultArithmetic({ question, index }: { question: ResultQuestion; index: number }) {
  const { t } = useI18n();
  const blocks = arithmeticBlocks(question);
  return (
    <View className='card arith' data-testid='result-arithmetic'>
      <View className='arith__verdict'>
        <Text className='card__title'>
          {t('staff.cs.questionN', { n: index + 1 })} {question.title}
        </Text>
        <Verdict passed={question.passed} />
      </View>
      <Text className='card__meta'>{t(`staff.rule.${question.rule}`)}</Text>
      {blocks.map((b, i) => (
        <Block key={i} block={b} />
      ))}
    </View>
  );
}
