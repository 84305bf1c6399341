// Money rules, all in integer fen with exact sums (谁受益、谁出资). Products such as fen × coefficient × area can
// exceed 2^53, so allocation runs in BigInt.
import { assertNonNegativeInt, big, formatArea, formatHundredths, ONE, RuleInputError, toSafeNumber, ZERO } from './numbers';

/**
 * Largest-remainder (Hamilton) allocation of `totalFen` in proportion to non-negative integer `weights`.
 * Each share is floor(total × w / Σw); the fen left over go one each to the largest fractional remainders,
 * ties broken by input order (earlier first). Zero weights always get 0. Shares sum exactly to `totalFen`.
 */
export function allocateByWeights(totalFen: number, weights: readonly (bigint | number)[]): number[] {
  assertNonNegativeInt(totalFen, '分摊总额（分）');
  const w = weights.map((x) => {
    if (typeof x === 'number') assertNonNegativeInt(x, '分摊权重');
    else if (x < ZERO) throw new RuleInputError('分摊权重不能为负');
    return big(x);
  });
  const sum = w.reduce((a, b) => a + b, ZERO);
  if (sum === ZERO) {
    if (totalFen === 0) return w.map(() => 0);
    throw new RuleInputError('分摊权重合计为 0，无法分摊');
  }
  const total = big(totalFen);
  const base = w.map((x) => (total * x) / sum);
  const rem = w.map((x) => (total * x) % sum);
  let left = total - base.reduce((a, b) => a + b, ZERO);
  const order = w.map((_, i) => i).sort((a, b) => (rem[b] > rem[a] ? 1 : rem[b] < rem[a] ? -1 : a - b));
  for (const i of order) {
    if (left === ZERO) break;
    base[i] += ONE;
    left -= ONE;
  }
  return base.map((x) => toSafeNumber(x, '分摊金额'));
}

// ---- Elevator cost sharing by floor coefficient --------------------------------------------------------------

/** Coefficient in per-mille (0.7 → 700) so weights stay integers. */
export interface ElevatorCoefficient {
  floor: number;
  perMille: number;
}
/** Input form: either a decimal string with up to 3 decimals ("0.7") or per-mille. */
export type ElevatorCoefficientInput = { floor: number; coefficient: string } | ElevatorCoefficient;

/** One Guangzhou community's table (domain notes): floors 1–2 pay nothing, floor 6 is the 1.0 reference. */
export const DEFAULT_ELEVATOR_COEFFICIENTS: readonly ElevatorCoefficient[] = Object.freeze([
  { floor: 1, perMille: 0 },
  { floor: 2, perMille: 0 },
  { floor: 3, perMille: 700 },
  { floor: 4, perMille: 800 },
  { floor: 5, perMille: 900 },
  { floor: 6, perMille: 1000 },
  { floor: 7, perMille: 1100 },
  { floor: 8, perMille: 1200 },
  { floor: 9, perMille: 1300 },
]);
/** Floors above a table's top floor: top coefficient + 0.1 per extra floor (floor 10 → 1.4 in the default). */
export const ELEVATOR_EXTENSION_PER_FLOOR_PER_MILLE = 100;

/** "0.7" → 700, "1.25" → 1250, "1" → 1000. */
export function parseCoefficientPerMille(coefficient: string): number {
  const m = /^(\d+)(?:\.(\d{1,3}))?$/.exec(coefficient.trim());
  if (!m) throw new RuleInputError(`楼层系数格式无效（应为最多三位小数）：${coefficient}`);
  return Number(m[1]) * 1000 + Number((m[2] ?? '').padEnd(3, '0'));
}

/** 700 → "0.7", 1000 → "1.0", 1250 → "1.25" (at least one decimal). */
export function formatCoefficient(perMille: number): string {
  const frac = String(perMille % 1000)
    .padStart(3, '0')
    .replace(/0+$/, '');
  return `${Math.floor(perMille / 1000)}.${frac || '0'}`;
}

function normalizeTable(table: readonly ElevatorCoefficientInput[]): Map<number, number> {
  const map = new Map<number, number>();
  for (const row of table) {
    const perMille = 'perMille' in row ? row.perMille : parseCoefficientPerMille(row.coefficient);
    assertNonNegativeInt(perMille, `第 ${row.floor} 层系数（千分）`);
    if (!Number.isSafeInteger(row.floor) || map.has(row.floor)) throw new RuleInputError(`楼层系数表楼层无效或重复：${row.floor}`);
    map.set(row.floor, perMille);
  }
  if (map.size === 0) throw new RuleInputError('楼层系数表为空');
  return map;
}

/** The coefficient for a floor: from the table, extended above its top floor; a floor below or in a gap throws. */
export function elevatorCoefficientFor(floor: number, table: readonly ElevatorCoefficientInput[] = DEFAULT_ELEVATOR_COEFFICIENTS): number {
  const map = normalizeTable(table);
  return lookup(map, floor);
}

function lookup(map: Map<number, number>, floor: number): number {
  const exact = map.get(floor);
  if (exact !== undefined) return exact;
  const top = Math.max(...map.keys());
  if (Number.isSafeInteger(floor) && floor > top) return map.get(top)! + (floor - top) * ELEVATOR_EXTENSION_PER_FLOOR_PER_MILLE;
  throw new RuleInputError(`楼层系数表中没有第 ${floor} 层`);
}

export interface ElevatorDwelling {
  dwellingId: string;
  floor: number;
  areaHundredths: number;
}

export interface ElevatorShare extends ElevatorDwelling {
  coefficientPerMille: number;
  coefficient: string;
  /** coefficientPerMille × areaHundredths: the allocation weight. */
  weight: number;
  shareFen: number;
  explanation: string;
}

export interface ElevatorSharesResult {
  totalFen: number;
  totalWeight: number;
  shares: ElevatorShare[];
  method: string;
}

/** Each dwelling pays totalFen × (coefficient × area) / Σ(coefficient × area), largest remainder to the fen. */
export function elevatorShares(input: {
  totalFen: number;
  dwellings: readonly ElevatorDwelling[];
  coefficients?: readonly ElevatorCoefficientInput[];
}): ElevatorSharesResult {
  const map = normalizeTable(input.coefficients ?? DEFAULT_ELEVATOR_COEFFICIENTS);
  const ids = new Set<string>();
  const rows = input.dwellings.map((d) => {
    if (ids.has(d.dwellingId)) throw new RuleInputError(`分摊房屋重复：${d.dwellingId}`);
    ids.add(d.dwellingId);
    assertNonNegativeInt(d.areaHundredths, `房屋 ${d.dwellingId} 的面积（百分之一平方米）`);
    const perMille = lookup(map, d.floor);
    return { ...d, coefficientPerMille: perMille, weight: toSafeNumber(big(perMille) * big(d.areaHundredths), '分摊权重') };
  });
  const fen = allocateByWeights(
    input.totalFen,
    rows.map((r) => r.weight),
  );
  const shares = rows.map((r, i) => {
    const coefficient = formatCoefficient(r.coefficientPerMille);
    return {
      ...r,
      coefficient,
      shareFen: fen[i],
      explanation: `第 ${r.floor} 层，系数 ${coefficient} × 面积 ${formatArea(r.areaHundredths)}㎡，分摊 ${formatHundredths(fen[i])} 元`,
    };
  });
  return {
    totalFen: input.totalFen,
    totalWeight: rows.reduce((s, r) => s + r.weight, 0),
    shares,
    method:
      '按楼层系数 × 专有部分面积的比例分摊，精确到分；余下的分按小数部分从大到小逐户加 1 分，相同时按名单顺序；' +
      `系数表以外的更高楼层在最高一层系数上每层加 ${formatCoefficient(ELEVATOR_EXTENSION_PER_FLOOR_PER_MILLE)}`,
  };
}

// ---- Government shortfall and funding plan -----------------------------------------------------------------------

export interface LocalShortfallSplit {
  shortfallFen: number;
  regionFen: number;
  prefectureFen: number;
  countyFen: number;
  /** shortfall mod 4: the fen that did not divide evenly (0–3). */
  remainderFen: number;
  remainderRule: string;
}

/**
 * Central funds first; the shortfall is shared region : prefecture : county = 2 : 1 : 1.
 * Remainder rule: with q = floor(shortfall / 4) the base shares are 2q, q, q; the remaining 0–3 fen go one each to
 * the region, then the prefecture, then the county. (This equals largest-remainder allocation with ties by that order.)
 */
export function splitLocalShortfall(shortfallFen: number): LocalShortfallSplit {
  const [regionFen, prefectureFen, countyFen] = allocateByWeights(shortfallFen, [2, 1, 1]);
  return {
    shortfallFen,
    regionFen,
    prefectureFen,
    countyFen,
    remainderFen: shortfallFen % 4,
    remainderRule: '按 2:1:1 分摊后不能整除的余数（0–3 分）依次给自治区、地（市）、县（区）各 1 分',
  };
}

export const FUNDING_SOURCE_KINDS = [
  'central_subsidy',
  'region',
  'prefecture',
  'county',
  'utility',
  'residents',
  'maintenance_fund',
  'provident_fund',
  'public_income',
  'social_capital',
] as const;
export type FundingSourceKind = (typeof FUNDING_SOURCE_KINDS)[number];
export const FUNDING_SOURCE_LABELS: Record<FundingSourceKind, string> = {
  central_subsidy: '中央补助资金',
  region: '自治区财政资金',
  prefecture: '地（市）财政资金',
  county: '县（区）财政资金',
  utility: '专业经营单位出资',
  residents: '居民出资',
  maintenance_fund: '专项维修资金',
  provident_fund: '住房公积金',
  public_income: '小区公共收益',
  social_capital: '社会资本',
};

export interface FundingPlanBalance {
  budgetFen: number;
  totalFen: number;
  /** totalFen − budgetFen: negative = shortfall, positive = surplus. */
  differenceFen: number;
  balanced: boolean;
  byKind: { kind: FundingSourceKind; label: string; amountFen: number }[];
}

export function fundingPlanBalance(input: { budgetFen: number; sources: readonly { kind: FundingSourceKind; amountFen: number }[] }): FundingPlanBalance {
  assertNonNegativeInt(input.budgetFen, '预算（分）');
  const sums = new Map<FundingSourceKind, number>();
  for (const s of input.sources) {
    if (!(FUNDING_SOURCE_KINDS as readonly string[]).includes(s.kind)) throw new RuleInputError(`未知的资金来源：${s.kind}`);
    assertNonNegativeInt(s.amountFen, `${FUNDING_SOURCE_LABELS[s.kind]}（分）`);
    sums.set(s.kind, (sums.get(s.kind) ?? 0) + s.amountFen);
  }
  const totalFen = [...sums.values()].reduce((a, b) => a + b, 0);
  assertNonNegativeInt(totalFen, '资金合计（分）');
  return {
    budgetFen: input.budgetFen,
    totalFen,
    differenceFen: totalFen - input.budgetFen,
    balanced: totalFen === input.budgetFen,
    byKind: FUNDING_SOURCE_KINDS.filter((k) => sums.has(k)).map((k) => ({ kind: k, label: FUNDING_SOURCE_LABELS[k], amountFen: sums.get(k)! })),
  };
}
