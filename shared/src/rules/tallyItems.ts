// 改什么: several catalog items, each approved or rejected on its own (tallyItems), and a choose-up-to-N / ranked
// summary (summarizeRanking) that reports preferences but decides nothing.
import { assertNonNegativeInt, RuleInputError } from './numbers';
import { type Ballot, type QuestionOption, tallyQuestion, type TallyResult } from './tally';
import type { ElectorateDwelling, YesNoChoice } from './tallyCounts';
import type { Rule } from './thresholds';

export interface ItemBallot {
  dwellingId: string;
  /** One choice per item; an item left out means this dwelling did not vote on that item. */
  choices: readonly { itemId: string; choice: YesNoChoice }[];
}

export interface TallyItemsInput {
  rule: Rule;
  electorate: readonly ElectorateDwelling[];
  items: readonly QuestionOption[];
  ballots: readonly ItemBallot[];
  /** Per item: a delivered dwelling with no choice on that item counts as unreturned for that item. */
  covenantUnreturnedFollowMajority?: boolean;
  deliveredDwellingIds?: readonly string[];
}

export interface ItemResult {
  itemId: string;
  label: string;
  result: TallyResult;
}

const optionId = (o: QuestionOption) => (typeof o === 'string' ? o : o.id);
const optionLabel = (o: QuestionOption) => (typeof o === 'string' ? o : o.label);

function checkItems(items: readonly QuestionOption[]): Set<string> {
  const ids = new Set<string>();
  for (const o of items) {
    const id = optionId(o);
    if (!id || ids.has(id)) throw new RuleInputError(`改造项目编号无效或重复：${id}`);
    ids.add(id);
  }
  return ids;
}

/** One yes/no tally per item, in item order. Each item is judged independently under the same rule. */
export function tallyItems(input: TallyItemsInput): ItemResult[] {
  const ids = checkItems(input.items);
  const perItem = new Map<string, Ballot[]>([...ids].map((id) => [id, []]));
  const voted = new Set<string>();
  for (const b of input.ballots) {
    if (voted.has(b.dwellingId)) throw new RuleInputError(`同一房屋有多张选票：${b.dwellingId}`);
    voted.add(b.dwellingId);
    const seenItems = new Set<string>();
    for (const c of b.choices) {
      if (!ids.has(c.itemId)) throw new RuleInputError(`选票中的改造项目不存在：${c.itemId}`);
      if (seenItems.has(c.itemId)) throw new RuleInputError(`同一选票对同一项目有多个意见：${c.itemId}`);
      seenItems.add(c.itemId);
      perItem.get(c.itemId)!.push({ dwellingId: b.dwellingId, choice: c.choice });
    }
  }
  return input.items.map((o) => ({
    itemId: optionId(o),
    label: optionLabel(o),
    result: tallyQuestion({
      rule: input.rule,
      electorate: input.electorate,
      ballots: perItem.get(optionId(o))!,
      covenantUnreturnedFollowMajority: input.covenantUnreturnedFollowMajority,
      deliveredDwellingIds: input.deliveredDwellingIds,
    }),
  }));
}

export interface RankingBallot {
  dwellingId: string;
  /** Chosen items, most preferred first; at most maxChoices, no repeats. */
  ranking: readonly string[];
}

export interface RankingInput {
  items: readonly QuestionOption[];
  ballots: readonly RankingBallot[];
  /** "Choose up to N"; default: the number of items. */
  maxChoices?: number;
}

export interface RankingRow {
  itemId: string;
  label: string;
  /** Ballots that chose this item at any position (choose-up-to-N count). */
  picks: number;
  firstChoices: number;
  /** Borda: position 1 earns N points, position 2 earns N−1, … (N = maxChoices). */
  bordaPoints: number;
  /** 1-based; rows equal in points, picks and first choices share a rank (1, 2, 2, 4). */
  rank: number;
}

export interface RankingSummary {
  decides: false;
  ballots: number;
  maxChoices: number;
  rows: RankingRow[];
  method: string;
}

/** Survey-style preference summary by dwelling. Reports only; it never decides an item. */
export function summarizeRanking(input: RankingInput): RankingSummary {
  const ids = checkItems(input.items);
  const n = input.maxChoices ?? input.items.length;
  assertNonNegativeInt(n, '最多可选项数');
  const rows = input.items.map((o) => ({ itemId: optionId(o), label: optionLabel(o), picks: 0, firstChoices: 0, bordaPoints: 0, rank: 0 }));
  const byId = new Map(rows.map((r) => [r.itemId, r]));
  const voted = new Set<string>();
  for (const b of input.ballots) {
    if (voted.has(b.dwellingId)) throw new RuleInputError(`同一房屋有多张问卷：${b.dwellingId}`);
    voted.add(b.dwellingId);
    if (b.ranking.length > n) throw new RuleInputError(`最多可选 ${n} 项，收到 ${b.ranking.length} 项`);
    if (new Set(b.ranking).size !== b.ranking.length) throw new RuleInputError('同一问卷中选项重复');
    b.ranking.forEach((id, position) => {
      if (!ids.has(id)) throw new RuleInputError(`问卷中的改造项目不存在：${id}`);
      const row = byId.get(id)!;
      row.picks += 1;
      row.bordaPoints += n - position;
      if (position === 0) row.firstChoices += 1;
    });
  }
  const order = new Map(rows.map((r, i) => [r.itemId, i]));
  const cmp = (a: RankingRow, b: RankingRow) => b.bordaPoints - a.bordaPoints || b.picks - a.picks || b.firstChoices - a.firstChoices;
  const sorted = [...rows].sort((a, b) => cmp(a, b) || order.get(a.itemId)! - order.get(b.itemId)!);
  sorted.forEach((r, i) => {
    r.rank = i > 0 && cmp(sorted[i - 1], r) === 0 ? sorted[i - 1].rank : i + 1;
  });
  return {
    decides: false,
    ballots: voted.size,
    maxChoices: n,
    rows: sorted,
    method:
      `每户最多选 ${n} 项并排序；第 1 位得 ${n} 分，依次递减 1 分（博达计分）；` +
      '按总分、被选次数、首选次数从高到低排列，仍相同者按项目原顺序；仅供参考，不作决定',
  };
}
