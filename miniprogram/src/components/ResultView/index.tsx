import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { localText } from '@gongzhi/shared/src/text/systemBo';
import { rankingMethodBo } from '@gongzhi/shared/src/text/surveyBo';
import { tallyReasonsBo } from '@gongzhi/shared/src/text/tallyBo';
import { useI18n } from '../../i18n';
import { hundredthsText } from '../../services/labels';
import {
  arithmeticOf,
  decidingCounts,
  isItemResults,
  isRanking,
  isRatingDistribution,
  isTallyResult,
  type ArithmeticLine,
  type TallyResult,
} from '../../services/result';
import type { Consultation } from '../../services/types';
import BarChart from '../BarChart';
import BiText from '../BiText';
import { ratingBars, toBars } from '../BarChart/data';

type ResultQuestion = NonNullable<Consultation['result']>['questions'][number];

/**
 * The announced result of each question with its arithmetic (numerators, denominators, thresholds) and a chart. In bo,
 * template texts and the legal reasons are Tibetan (rebuilt from the tally's figures); committee wording stays as written.
 */
export default function ResultView({ result, questions }: { result: NonNullable<Consultation['result']>; questions?: Consultation['questions'] }) {
  const { t } = useI18n();
  return (
    <View data-testid="result">
      <Text className="card__meta">{t('result.ballots', { n: result.ballots })}</Text>
      {result.unresolvedConflicts > 0 && <Text className="form-error">{t('result.conflicts', { n: result.unresolvedConflicts })}</Text>}
      {result.questions.map((q) => (
        <View key={q.questionId} className="result-q">
          <BiText className="form-label" zh={q.title} bo={questions?.find((x) => x.id === q.questionId)?.titleBo} />
          <QuestionResult q={q} options={questions?.find((x) => x.id === q.questionId)?.options} />
        </View>
      ))}
    </View>
  );
}

function PassBadge({ passed, decides }: { passed: boolean | null; decides: boolean }) {
  const { t } = useI18n();
  if (!decides || passed === null) return <Text className="badge">{t('result.noDecision')}</Text>;
  return (
    <Text className={`badge ${passed ? 'badge--ok' : 'badge--bad'}`} data-testid="result-passed" data-passed={passed ? '1' : '0'}>
      {t(passed ? 'result.passed' : 'result.failed')}
    </Text>
  );
}

function QuestionResult({ q, options }: { q: ResultQuestion; options?: Consultation['questions'][number]['options'] }) {
  const { t, lang } = useI18n();
  const tally = q.tally;
  if (isTallyResult(tally)) return <TallyResultView r={tally} />;
  if (isItemResults(tally)) {
    return (
      <View>
        {tally.map((item) => (
          <View key={item.itemId} className="result-item">
            <View className="result-pass">
              <PassBadge passed={item.result.passed} decides={item.result.decides} />
              <BiText className="choice__label" zh={item.label} bo={options?.find((o) => o.id === item.itemId)?.labelBo} />
            </View>
            <TallyResultView r={item.result} compact />
          </View>
        ))}
      </View>
    );
  }
  if (isRanking(tally)) {
    return (
      <View>
        <BarChart
          bars={toBars(
            tally.rows.map((r) => ({ key: r.itemId, label: `${r.rank}. ${localText(r.label, lang)}`, value: r.bordaPoints })),
            { format: (v) => t('result.points', { n: v }) },
          )}
        />
        <Text className="card__meta">{lang === 'bo' ? rankingMethodBo(tally.maxChoices) : tally.method}</Text>
      </View>
    );
  }
  if (isRatingDistribution(tally)) {
    return (
      <View>
        <Text className="card__meta">{t('result.mean', { mean: tally.mean ?? '—', n: tally.count })}</Text>
        <BarChart
          bars={ratingBars(tally.counts, (s) => t('rating.stars', { n: s })).map((b) => ({ ...b, valueText: t('tally.households', { n: b.value }) }))}
          showPercent
        />
      </View>
    );
  }
  return <Text className="card__meta">{t('result.responses', { n: (tally as { responses?: number })?.responses ?? 0 })}</Text>;
}

function TallyResultView({ r, compact }: { r: TallyResult; compact?: boolean }) {
  const { t, lang } = useI18n();
  const [open, setOpen] = useState(!compact);
  const counts = decidingCounts(r);
  const lines = arithmeticOf(counts, r.winner);
  const label = (choice: string, fallback: string) =>
    choice === 'approve' || choice === 'reject' || choice === 'abstain' ? t(`vote.${choice}`) : localText(fallback.replace(/^「|」$/g, ''), lang);
  const bars = toBars(
    counts.distribution.map((d) => ({
      key: d.choice,
      label: label(d.choice, d.label),
      value: d.areaHundredths,
      tone:
        d.choice === 'approve'
          ? ('good' as const)
          : d.choice === 'reject'
            ? ('bad' as const)
            : d.choice === 'abstain'
              ? ('neutral' as const)
              : r.winner === d.choice
                ? ('good' as const)
                : ('primary' as const),
    })),
    { base: counts.participatingAreaHundredths, format: (v) => `${hundredthsText(v)}㎡` },
  ).map((b) => {
    const d = counts.distribution.find((x) => x.choice === b.key)!;
    return { ...b, valueText: `${b.valueText} · ${t('result.people', { n: d.headcount })}` };
  });
  const approvalFraction = r.rule === 'civil_major' ? 75 : r.rule === 'civil_ordinary' ? 50 : null;
  return (
    <View>
      {!compact && (
        <View className="result-pass">
          <PassBadge passed={r.passed} decides={r.decides} />
          {r.winner && r.kind === 'pick_one' && (
            <Text className="choice__label">{label(r.winner, counts.distribution.find((d) => d.choice === r.winner)?.label ?? r.winner)}</Text>
          )}
        </View>
      )}
      <BarChart
        bars={bars}
        showPercent
        markerPercent={approvalFraction}
        markerLabel={approvalFraction ? t('result.approvalLine', { p: approvalFraction }) : undefined}
        testId="result-bars"
      />
      {compact && (
        <Text className="link" onClick={() => setOpen(!open)}>
          {t(open ? 'result.hideMath' : 'result.showMath')}
        </Text>
      )}
      {open && (
        <View data-testid="arithmetic">
          {lines.map((l, i) => (
            <Arithmetic key={i} line={l} />
          ))}
          {r.covenant && <Text className="card__meta">{t('result.covenant')}</Text>}
          <Text className="form-label">{t('result.reasons')}</Text>
          {(lang === 'bo' ? tallyReasonsBo(r) : r.reasons).map((s, i) => (
            <Text key={i} className="card__meta" style={{ display: 'block' }}>
              · {s}
            </Text>
          ))}
        </View>
      )}
    </View>
  );
}

function Arithmetic({ line: l }: { line: ArithmeticLine }) {
  const { t } = useI18n();
  const head = t(`result.${l.stage}.${l.measure}`);
  const cmp = t(l.comparison === 'gte' ? 'result.atLeast' : 'result.moreThan', { f: l.fraction });
  return (
    <View className={`arith arith--${l.passed ? 'ok' : 'no'}`} data-testid="arith-line">
      <Text className="arith__head">
        {l.passed ? '✓ ' : '✗ '}
        {head}
      </Text>
      <Text className="arith__calc">
        {l.value} ÷ {l.base} = {l.percent}
      </Text>
      <Text className="card__meta">
        {cmp} · {t('result.required', { v: l.required })}
      </Text>
    </View>
  );
}
