// Counting one question over a frozen electorate (Civil Code Art. 278 and the SPC interpretation on 建筑物区分所有权).
//
// Representation: areas are exact integer hundredths of m² (`areaHundredths`, 85.20㎡ → 8520); use
// parseAreaHundredths("85.20") to convert registry strings. Totals are sums over every dwelling in the electorate.
//
// Headcount (人数): dwellings sharing a `headcountKey` are one person — one owner with several dwellings, or all of a
// developer's unsold/undelivered units (one key). A co-owned dwelling is one dwelling with one ballot.
// - A headcount group PARTICIPATES if any of its dwellings cast a ballot (abstain counts as participating).
// - A group counts toward a choice only when ALL of its cast ballots chose it (unanimous). A group whose ballots
//   disagree ("mixed") counts as participating but toward no choice, so it never approves. Non-voting dwellings of a
//   group do not make it mixed.
// - Area always counts per dwelling: each cast ballot contributes its own dwelling's area to its choice.
import { formatArea } from './numbers';
import { RULE_SPECS, type Rule, type ThresholdTest, thresholdTest } from './thresholds';

export type QuestionKind = 'yes_no' | 'pick_one';
export type YesNoChoice = 'approve' | 'reject' | 'abstain';
export const YES_NO_CHOICES: readonly YesNoChoice[] = ['approve', 'reject', 'abstain'];
export const ABSTAIN = 'abstain';
export const YES_NO_LABELS: Record<YesNoChoice, string> = { approve: '同意', reject: '反对', abstain: '弃权' };

export const HEADCOUNT_NOTE =
  '人数计算：一户计一人，同一业主拥有多户只计一人（面积累加），开发建设单位未出售或未交付的房屋合计一人，共有房屋只投一票；' +
  '同一人名下多户中任一户投票即计为参与表决；其各户意见一致时才计入该意见的人数，意见不一致时计为参与表决但不计入任何意见';

export interface ElectorateDwelling {
  dwellingId: string;
  /** Exclusive (专有部分) area in integer hundredths of m²: 85.20㎡ → 8520. */
  areaHundredths: number;
  /** Dwellings with the same key count as one person. */
  headcountKey: string;
}

/** A validated electorate: dwellings grouped by headcount key, in first-seen order. */
export interface PreparedElectorate {
  dwellings: readonly ElectorateDwelling[];
  groups: readonly (readonly ElectorateDwelling[])[];
  totalAreaHundredths: number;
  totalHeadcount: number;
}

export interface ChoiceCount {
  choice: string;
  label: string;
  dwellings: number;
  areaHundredths: number;
  /** Headcount groups whose cast ballots all chose this. */
  headcount: number;
}

export interface ApprovalTest {
  choice: string;
  label: string;
  approvingAreaHundredths: number;
  approvingHeadcount: number;
  /** null where the rule does not test area (simple majority, survey). */
  areaTest: ThresholdTest | null;
  headcountTest: ThresholdTest | null;
  /** Meets the approval rule (participation is judged separately); for plurality: the unique leader. */
  passed: boolean;
}

export interface TallyCounts {
  totalAreaHundredths: number;
  totalHeadcount: number;
  totalDwellings: number;
  participatingAreaHundredths: number;
  participatingHeadcount: number;
  participatingDwellings: number;
  /** Participating headcount groups whose dwellings voted differently. */
  mixedHeadcount: number;
  /** Every choice, including reject and abstain. */
  distribution: ChoiceCount[];
  /** Civil Code participation quorum; null for simple majority and survey. */
  participation: { area: ThresholdTest; headcount: ThresholdTest; passed: boolean } | null;
  /** yes/no: one entry for 'approve'; pick-one: one per option. */
  approval: ApprovalTest[];
  passed: boolean;
  winner: string | null;
  reasons: string[];
}

export interface CountSpec {
  rule: Rule;
  kind: QuestionKind;
  /** pick-one option ids in display order (empty for yes/no). */
  options: readonly string[];
  labels: ReadonlyMap<string, string>;
}

export function choiceLabel(spec: CountSpec, choice: string): string {
  if (spec.kind === 'yes_no' || choice === ABSTAIN) return YES_NO_LABELS[choice as YesNoChoice] ?? choice;
  return `「${spec.labels.get(choice) ?? choice}」`;
}

/** Choices that can win or be followed as "the majority" (never abstain). */
export const decisiveChoices = (spec: CountSpec): readonly string[] => (spec.kind === 'yes_no' ? ['approve', 'reject'] : spec.options);

/** Count one question. `ballots` maps dwellingId → a choice already validated for this question. */
export function countQuestion(spec: CountSpec, electorate: PreparedElectorate, ballots: ReadonlyMap<string, string>) {
  const ruleSpec = RULE_SPECS[spec.rule];
  const allChoices = spec.kind === 'yes_no' ? [...YES_NO_CHOICES] : [...spec.options, ABSTAIN];
  const dist = new Map<string, ChoiceCount>(
    allChoices.map((c) => [c, { choice: c, label: choiceLabel(spec, c), dwellings: 0, areaHundredths: 0, headcount: 0 }]),
  );
  let partArea = 0;
  let partHead = 0;
  let partDwellings = 0;
  let mixed = 0;
  for (const group of electorate.groups) {
    const cast = new Set<string>();
    for (const d of group) {
      const choice = ballots.get(d.dwellingId);
      if (choice === undefined) continue;
      const entry = dist.get(choice)!;
      entry.dwellings += 1;
      entry.areaHundredths += d.areaHundredths;
      partArea += d.areaHundredths;
      partDwellings += 1;
      cast.add(choice);
    }
    if (cast.size === 0) continue;
    partHead += 1;
    if (cast.size === 1) dist.get([...cast][0])!.headcount += 1;
    else mixed += 1;
  }

  const { totalAreaHundredths: totalArea, totalHeadcount: totalHead } = electorate;
  const reasons: string[] = [];
  if (electorate.dwellings.length === 0) reasons.push('表决名册为空（总面积 0.00㎡、总人数 0 人），不能形成决定');
  reasons.push(
    `总面积 ${formatArea(totalArea)}㎡、总人数 ${totalHead} 人（${electorate.dwellings.length} 户）；` +
      `参与表决 ${formatArea(partArea)}㎡、${partHead} 人（${partDwellings} 户）`,
  );
  if (mixed > 0) reasons.push(`其中 ${mixed} 人名下多户意见不一致，计为参与表决但不计入任何意见的人数`);

  let participation: TallyCounts['participation'] = null;
  if (ruleSpec.participation) {
    const f = ruleSpec.participation;
    const area = thresholdTest('area', partArea, totalArea, f, 'gte', { subject: '参与表决专有部分面积', baseLabel: '总面积' });
    const headcount = thresholdTest('headcount', partHead, totalHead, f, 'gte', { subject: '参与表决人数', baseLabel: '总人数' });
    participation = { area, headcount, passed: area.passed && headcount.passed };
    reasons.push(area.text, headcount.text);
  }

  const tested = spec.kind === 'yes_no' ? ['approve'] : spec.options;
  const approval: ApprovalTest[] = tested.map((choice) => {
    const c = dist.get(choice)!;
    const base: ApprovalTest = {
      choice,
      label: c.label,
      approvingAreaHundredths: c.areaHundredths,
      approvingHeadcount: c.headcount,
      areaTest: null,
      headcountTest: null,
      passed: false,
    };
    const f = ruleSpec.approval;
    const plurality = spec.rule === 'simple_majority' && spec.kind === 'pick_one';
    if (!f || plurality) return base;
    const who = spec.kind === 'yes_no' ? '同意的' : `选择${c.label}的`;
    if (ruleSpec.approvalByArea) {
      base.areaTest = thresholdTest('area', c.areaHundredths, partArea, f, ruleSpec.approvalComparison, {
        subject: `${who}专有部分面积`,
        baseLabel: '参与表决面积',
      });
      reasons.push(base.areaTest.text);
    }
    base.headcountTest = thresholdTest('headcount', c.headcount, partHead, f, ruleSpec.approvalComparison, {
      subject: `${who}人数`,
      baseLabel: '参与表决人数',
    });
    reasons.push(base.headcountTest.text);
    base.passed = (base.areaTest?.passed ?? true) && base.headcountTest.passed;
    return base;
  });

  let passed = false;
  let winner: string | null = null;
  if (spec.rule === 'simple_majority' && spec.kind === 'pick_one') {
    winner = pluralityWinner(approval, reasons);
    passed = winner !== null;
  } else if (ruleSpec.decides) {
    const quorum = participation ? participation.passed : true;
    const carried = approval.find((a) => a.passed);
    passed = quorum && carried !== undefined;
    if (passed && spec.kind === 'pick_one') winner = carried!.choice;
  }
  const winnerLabel = winner === null ? '' : `，${dist.get(winner)!.label}胜出`;
  reasons.push(ruleSpec.decides ? `结论：${passed ? '通过' + winnerLabel : '未通过'}` : '结论：问卷调查只统计意见，不作决定');

  const counts: TallyCounts = {
    totalAreaHundredths: totalArea,
    totalHeadcount: totalHead,
    totalDwellings: electorate.dwellings.length,
    participatingAreaHundredths: partArea,
    participatingHeadcount: partHead,
    participatingDwellings: partDwellings,
    mixedHeadcount: mixed,
    distribution: [...dist.values()],
    participation,
    approval,
    passed,
    winner,
    reasons,
  };
  return counts;
}

/** Most headcount wins; a tie for the top (or no votes at all) means no winner. Marks the winner's test passed. */
function pluralityWinner(approval: ApprovalTest[], reasons: string[]): string | null {
  const top = Math.max(0, ...approval.map((a) => a.approvingHeadcount));
  const leaders = approval.filter((a) => a.approvingHeadcount === top);
  reasons.push(`各选项得票人数：${approval.map((a) => `${a.label} ${a.approvingHeadcount} 人`).join('、') || '无选项'}`);
  if (top === 0) {
    reasons.push('没有选项获得票数，无胜出选项');
    return null;
  }
  if (leaders.length > 1) {
    reasons.push(`得票最多的选项${leaders.map((a) => a.label).join('')}人数相同（各 ${top} 人），无胜出选项`);
    return null;
  }
  leaders[0].passed = true;
  return leaders[0].choice;
}

/** One threshold test of a count, in the order a result is read: participation (area, headcount), then approvals. */
export interface CountTest {
  stage: 'participation' | 'approval';
  test: ThresholdTest;
  /** Approval tests: the choice tested and its label. */
  choice?: string;
  label?: string;
}

/**
 * The tests of a count as the result screens list them. `winnerOnly`: residents see the approval tests of the
 * deciding choice only (the winner's, else the first); the staff page lists every option's.
 */
export function countTests(c: TallyCounts, opts: { winnerOnly?: string | null } = {}): CountTest[] {
  const out: CountTest[] = [];
  if (c.participation) out.push({ stage: 'participation', test: c.participation.area }, { stage: 'participation', test: c.participation.headcount });
  let approvals = c.approval;
  if (opts.winnerOnly !== undefined && c.approval.length > 1) {
    const won = c.approval.filter((a) => a.choice === opts.winnerOnly);
    approvals = won.length ? won : c.approval.slice(0, 1);
  }
  for (const a of approvals) {
    for (const test of [a.areaTest, a.headcountTest]) if (test) out.push({ stage: 'approval', test, choice: a.choice, label: a.label });
  }
  return out;
}
