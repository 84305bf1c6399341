import {
  countTests,
  type ConsultationResult,
  type ItemResult,
  type RankingSummary,
  type TallyCounts,
  type TallyResult,
  type ThresholdTest,
} from '@gongzhi/shared';
import { formatArea, fractionText } from './numbers';

/**
 * The result page shows every question's arithmetic: numerator / denominator, the fraction the rule needs, the
 * smallest passing value, and pass or fail. The numbers come from the shared tally the server froze at close;
 * this only lays them out (labels are i18n keys, so Tibetan readers get Tibetan labels around the same numbers).
 */
export type ArithRowKind = 'participationArea' | 'participationHeadcount' | 'approvalArea' | 'approvalHeadcount';

export interface ArithRow {
  kind: ArithRowKind;
  /** For approval rows of pick-one questions: which option (its label, and its id to find the Tibetan). */
  choiceLabel?: string;
  choice?: string;
  value: string;
  base: string;
  required: string;
  fraction: string;
  /** 'gte' = 以上 (≥), 'gt' = 过半数 (>). */
  comparison: 'gte' | 'gt';
  unit: 'area' | 'person';
  passed: boolean;
  /** The server's Chinese sentence for the same test. */
  text: string;
}

/** `choice`: the tally's key (approve / reject / abstain / an option id), so yes-no labels can be translated. */
export interface DistributionRow {
  choice: string;
  label: string;
  dwellings: number;
  area: string;
  headcount: number | null;
}

/** The covenant count (送达未回票按多数计): what was added on top of the ballots actually cast. */
export interface CovenantArith {
  /** The majority choice key (approve / an option id) and its label; null → nothing was added. */
  majority: { choice: string; label: string } | null;
  unreturned: number;
  added: number;
  plain: { headcount: number; area: string };
  counted: { headcount: number; area: string };
}

export interface ArithBlock {
  title: string | null;
  /** Present when the covenant count decided this block. */
  covenant?: CovenantArith;
  /** null: decides nothing (surveys). */
  passed: boolean | null;
  rows: ArithRow[];
  distribution: DistributionRow[];
  /** The tally's own reasons in Chinese, in order (rule, headcount note, each test, conclusion). */
  reasons: string[];
  /** The tally behind the block, so a Tibetan reader gets the reasons rebuilt in Tibetan from the same figures. */
  tally?: TallyResult;
  /** The option or item id a title or label stands for (to find the committee's Tibetan). */
  itemId?: string;
}

type ResultQuestion = ConsultationResult['questions'][number];

function row(kind: ArithRowKind, t: ThresholdTest, choiceLabel?: string, choice?: string): ArithRow {
  const area = t.measure === 'area';
  const show = (n: number) => (area ? formatArea(n) : String(n));
  return {
    kind,
    choiceLabel,
    choice,
    value: show(t.value),
    base: show(t.base),
    required: show(t.required),
    fraction: fractionText(t.fraction),
    comparison: t.comparison,
    unit: area ? 'area' : 'person',
    passed: t.passed,
    text: t.text,
  };
}

function countsRows(c: TallyCounts, pickOne: boolean): ArithRow[] {
  return countTests(c).map(({ stage, test, label, choice }) => {
    const kind = `${stage}${test.measure === 'area' ? 'Area' : 'Headcount'}` as ArithRowKind;
    return pickOne ? row(kind, test, label, choice) : row(kind, test);
  });
}

function covenantArith(t: TallyResult): CovenantArith | undefined {
  if (t.basis !== 'covenant' || !t.covenant) return undefined;
  const c = t.covenant;
  const label = c.majorityChoice ? (t.plain.distribution.find((d) => d.choice === c.majorityChoice)?.label ?? c.majorityChoice) : '';
  return {
    majority: c.majorityChoice ? { choice: c.majorityChoice, label } : null,
    unreturned: c.unreturnedDwellingIds.length,
    added: c.addedDwellingIds.length,
    plain: { headcount: t.plain.participatingHeadcount, area: formatArea(t.plain.participatingAreaHundredths) },
    counted: { headcount: c.counts.participatingHeadcount, area: formatArea(c.counts.participatingAreaHundredths) },
  };
}

function tallyBlock(title: string | null, t: TallyResult, itemId?: string): ArithBlock {
  const counts = t.basis === 'covenant' && t.covenant ? t.covenant.counts : t.plain;
  return {
    title,
    covenant: covenantArith(t),
    passed: t.decides ? t.passed : null,
    rows: countsRows(counts, t.kind === 'pick_one'),
    distribution: counts.distribution.map((d) => ({
      choice: d.choice,
      label: d.label,
      dwellings: d.dwellings,
      area: formatArea(d.areaHundredths),
      headcount: d.headcount,
    })),
    reasons: t.reasons,
    tally: t,
    itemId,
  };
}

export function arithmeticBlocks(q: ResultQuestion): ArithBlock[] {
  switch (q.format) {
    case 'yes_no':
    case 'pick_one':
      return [tallyBlock(null, q.tally as TallyResult)];
    case 'items':
      return (q.tally as ItemResult[]).map((it) => tallyBlock(it.label, it.result, it.itemId));
    case 'choose': {
      const r = q.tally as RankingSummary;
      return [
        {
          title: null,
          passed: null,
          rows: [],
          distribution: r.rows.map((x) => ({
            choice: x.itemId,
            label: `${x.rank}. ${x.label}`,
            dwellings: x.picks,
            area: String(x.bordaPoints),
            headcount: null,
          })),
          reasons: [r.method],
        },
      ];
    }
    case 'rating': {
      const r = q.tally as { counts: number[]; count: number; mean: number | null };
      return [
        {
          title: null,
          passed: null,
          rows: [],
          distribution: r.counts.map((n, i) => ({ choice: String(i + 1), label: '★'.repeat(i + 1), dwellings: n, area: '', headcount: null })),
          reasons: [`${r.mean === null ? '—' : r.mean.toFixed(2)} / 5`],
        },
      ];
    }
    default:
      return [
        {
          title: null,
          passed: null,
          rows: [],
          reasons: [],
          distribution: [{ choice: 'text', label: '✎', dwellings: (q.tally as { responses?: number } | null)?.responses ?? 0, area: '', headcount: null }],
        },
      ];
  }
}

/** A question passed when every block that decides passed; null when nothing in it decides. */
export function questionVerdict(blocks: readonly ArithBlock[]): boolean | null {
  const deciding = blocks.filter((b) => b.passed !== null);
  if (deciding.length === 0) return null;
  return deciding.every((b) => b.passed);
}
