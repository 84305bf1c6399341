// tallyQuestion: one question (yes/no or pick-one) under a rule, with the optional covenant count for delivered but
// unreturned ballots. Counting conventions (area in hundredths, headcount groups, mixed groups) are in tallyCounts.ts.
//
// Invalid input throws RuleInputError: duplicate dwellings, a ballot from outside the electorate, two ballots for one
// dwelling, a choice that is not allowed for the question. Callers store one effective ballot per dwelling.
import { assertNonNegativeInt, formatArea, RuleInputError } from './numbers';
import {
  ABSTAIN,
  choiceLabel,
  countQuestion,
  type CountSpec,
  decisiveChoices,
  type ElectorateDwelling,
  HEADCOUNT_NOTE,
  type PreparedElectorate,
  type QuestionKind,
  type TallyCounts,
  YES_NO_CHOICES,
} from './tallyCounts';
import { RULE_SPECS, type Rule } from './thresholds';

export type { Rule } from './thresholds';

export interface Ballot {
  dwellingId: string;
  /** yes/no: 'approve' | 'reject' | 'abstain'; pick-one: an option id or 'abstain'. */
  choice: string;
}

export type QuestionOption = string | { id: string; label: string };

export interface TallyQuestionInput {
  rule: Rule;
  electorate: readonly ElectorateDwelling[];
  ballots: readonly Ballot[];
  /** Present and non-empty → pick-one question; absent → yes/no. */
  options?: readonly QuestionOption[];
  /** Count delivered but unreturned ballots with the majority (needs a recorded covenant clause). Civil rules only. */
  covenantUnreturnedFollowMajority?: boolean;
  deliveredDwellingIds?: readonly string[];
}

export interface CovenantCount {
  /** The choice leading strictly in both area and headcount among cast ballots; null → nothing was added. */
  majorityChoice: string | null;
  /** Delivered dwellings without a ballot, in electorate order. */
  unreturnedDwellingIds: string[];
  /** Dwellings actually counted with the majority (empty when there is no majority). */
  addedDwellingIds: string[];
  counts: TallyCounts;
}

export interface TallyResult {
  rule: Rule;
  kind: QuestionKind;
  /** false for surveys: they never decide. */
  decides: boolean;
  ruleText: string;
  /** Counts from the ballots actually cast. */
  plain: TallyCounts;
  /** Present when the covenant option is on and delivery records were given. */
  covenant: CovenantCount | null;
  /** Which count decides `passed`: the covenant count whenever it is present. */
  basis: 'plain' | 'covenant';
  passed: boolean;
  winner: string | null;
  reasons: string[];
}

/** Validate and group the electorate by headcount key (first-seen order). */
export function prepareElectorate(dwellings: readonly ElectorateDwelling[]): PreparedElectorate {
  const seen = new Set<string>();
  const groups = new Map<string, ElectorateDwelling[]>();
  let total = 0;
  for (const d of dwellings) {
    if (seen.has(d.dwellingId)) throw new RuleInputError(`表决名册中房屋重复：${d.dwellingId}`);
    seen.add(d.dwellingId);
    assertNonNegativeInt(d.areaHundredths, `房屋 ${d.dwellingId} 的面积（百分之一平方米）`);
    total += d.areaHundredths;
    const g = groups.get(d.headcountKey);
    if (g) g.push(d);
    else groups.set(d.headcountKey, [d]);
  }
  assertNonNegativeInt(total, '总面积');
  return { dwellings, groups: [...groups.values()], totalAreaHundredths: total, totalHeadcount: groups.size };
}

function buildSpec(rule: Rule, options: readonly QuestionOption[] | undefined): CountSpec {
  if (!RULE_SPECS[rule]) throw new RuleInputError(`未知的表决规则：${String(rule)}`);
  const labels = new Map<string, string>();
  for (const o of options ?? []) {
    const id = typeof o === 'string' ? o : o.id;
    if (!id || id === ABSTAIN || labels.has(id)) throw new RuleInputError(`选项编号无效或重复：${id}`);
    labels.set(id, typeof o === 'string' ? o : o.label);
  }
  const kind: QuestionKind = labels.size > 0 ? 'pick_one' : 'yes_no';
  return { rule, kind, options: [...labels.keys()], labels };
}

function ballotMap(spec: CountSpec, electorate: PreparedElectorate, ballots: readonly Ballot[]): Map<string, string> {
  const inElectorate = new Set(electorate.dwellings.map((d) => d.dwellingId));
  const allowed = new Set<string>(spec.kind === 'yes_no' ? YES_NO_CHOICES : [...spec.options, ABSTAIN]);
  const map = new Map<string, string>();
  for (const b of ballots) {
    if (!inElectorate.has(b.dwellingId)) throw new RuleInputError(`选票的房屋不在表决名册中：${b.dwellingId}`);
    if (map.has(b.dwellingId)) throw new RuleInputError(`同一房屋有多张选票：${b.dwellingId}`);
    if (!allowed.has(b.choice)) throw new RuleInputError(`选票意见无效：${b.choice}`);
    map.set(b.dwellingId, b.choice);
  }
  return map;
}

/** The decisive choice strictly ahead of every other in both area and headcount, or null. */
function majorityChoice(spec: CountSpec, counts: TallyCounts): string | null {
  const decisive = new Set(decisiveChoices(spec));
  const rows = counts.distribution.filter((c) => decisive.has(c.choice));
  for (const r of rows) {
    const others = rows.filter((o) => o !== r);
    if (r.areaHundredths > 0 && others.every((o) => r.areaHundredths > o.areaHundredths && r.headcount > o.headcount)) {
      return r.choice;
    }
  }
  return null;
}

function covenantCount(
  spec: CountSpec,
  electorate: PreparedElectorate,
  cast: Map<string, string>,
  plain: TallyCounts,
  delivered: readonly string[],
): CovenantCount {
  const deliveredSet = new Set(delivered);
  const inElectorate = new Set(electorate.dwellings.map((d) => d.dwellingId));
  for (const id of deliveredSet) {
    if (!inElectorate.has(id)) throw new RuleInputError(`送达记录中的房屋不在表决名册中：${id}`);
  }
  const unreturned = electorate.dwellings.filter((d) => deliveredSet.has(d.dwellingId) && !cast.has(d.dwellingId));
  const majority = majorityChoice(spec, plain);
  const added = majority === null ? [] : unreturned;
  const withCovenant = new Map(cast);
  for (const d of added) withCovenant.set(d.dwellingId, majority!);
  const counts = countQuestion(spec, electorate, withCovenant);
  const area = added.reduce((s, d) => s + d.areaHundredths, 0);
  let note: string;
  if (unreturned.length === 0) note = '依据管理规约：已送达的表决票均已收回，规约计票与实际计票相同';
  else if (majority === null) {
    note = `依据管理规约：已送达未回票 ${unreturned.length} 户，但已投票中没有在面积和人数上均领先的多数意见，未计入`;
  } else {
    note = `依据管理规约：已送达未回票 ${unreturned.length} 户（${formatArea(area)}㎡）按多数意见${spec.kind === 'yes_no' ? `（${choiceLabel(spec, majority)}）` : choiceLabel(spec, majority)}计入`;
  }
  counts.reasons.unshift(note);
  return { majorityChoice: majority, unreturnedDwellingIds: unreturned.map((d) => d.dwellingId), addedDwellingIds: added.map((d) => d.dwellingId), counts };
}

export function tallyQuestion(input: TallyQuestionInput): TallyResult {
  const spec = buildSpec(input.rule, input.options);
  const ruleSpec = RULE_SPECS[spec.rule];
  const electorate = prepareElectorate(input.electorate);
  const cast = ballotMap(spec, electorate, input.ballots);
  const plain = countQuestion(spec, electorate, cast);
  const reasons = [ruleSpec.text, HEADCOUNT_NOTE];

  let covenant: CovenantCount | null = null;
  if (input.covenantUnreturnedFollowMajority) {
    const civil = spec.rule === 'civil_major' || spec.rule === 'civil_ordinary';
    if (!civil) reasons.push('未回票按多数计入的规约条款只适用于民法典第二百七十八条表决，本次按实际投票计');
    else if (!input.deliveredDwellingIds) reasons.push('已启用规约计票但没有送达记录，按实际投票计');
    else covenant = covenantCount(spec, electorate, cast, plain, input.deliveredDwellingIds);
  }

  const decisive = covenant ? covenant.counts : plain;
  reasons.push(...decisive.reasons);
  if (covenant) {
    reasons.push(
      `实际投票计票（不含规约计入）：参与 ${formatArea(plain.participatingAreaHundredths)}㎡、${plain.participatingHeadcount} 人，` +
        `${plain.passed ? '通过' : '未通过'}`,
    );
  }
  return {
    rule: spec.rule,
    kind: spec.kind,
    decides: ruleSpec.decides,
    ruleText: ruleSpec.text,
    plain,
    covenant,
    basis: covenant ? 'covenant' : 'plain',
    passed: decisive.passed,
    winner: decisive.winner,
    reasons,
  };
}
