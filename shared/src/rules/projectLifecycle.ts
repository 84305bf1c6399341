// 一区一方案: a project moves forward one stage at a time; each stage names what must be true before entering it.
export const PROJECT_STATUSES = ['reserve', 'annual_plan', 'design', 'publicity', 'construction', 'acceptance', 'evaluation'] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];
export const PROJECT_STATUS_LABELS: Record<ProjectStatus, string> = {
  reserve: '储备',
  annual_plan: '年度计划',
  design: '方案编制',
  publicity: '方案公示',
  construction: '施工',
  acceptance: '竣工验收',
  evaluation: '后评价',
};

export const ITEM_CATEGORIES = ['basic', 'improvement', 'upgrade'] as const;
export type ItemCategory = (typeof ITEM_CATEGORIES)[number];
export const ITEM_CATEGORY_LABELS: Record<ItemCategory, string> = { basic: '基础类', improvement: '完善类', upgrade: '提升类' };

export const statusIndex = (s: ProjectStatus): number => PROJECT_STATUSES.indexOf(s);
export const nextStatus = (s: ProjectStatus): ProjectStatus | null => PROJECT_STATUSES[statusIndex(s) + 1] ?? null;
/** Items and the funding plan are the plan itself: editable only before it is published. */
export const planEditable = (s: ProjectStatus): boolean => statusIndex(s) < statusIndex('publicity');

export interface TransitionFacts {
  itemCount: number;
  fundingBalanced: boolean | null; // null = no funding plan yet
  acceptancePassed: boolean | null; // null = no acceptance record yet
  /** A 怎么改 vote linked to the project, closed and announced as passed (missing = not known = not met). */
  howVoteDecided?: boolean;
  /** The project's 方案公示 notice is published (not withdrawn). */
  planNoticePublished?: boolean;
}

export type TransitionProblem =
  'not_next' | 'no_items' | 'no_funding' | 'unbalanced' | 'no_how_vote' | 'no_plan_notice' | 'no_acceptance' | 'acceptance_failed';
export const TRANSITION_PROBLEM_TEXT: Record<Exclude<TransitionProblem, 'not_next'>, string> = {
  no_items: '方案公示前须至少列入一个改造项目',
  no_funding: '方案公示前须编制资金筹措方案',
  unbalanced: '资金筹措方案与预算不平衡，须调整后再公示',
  no_how_vote: '方案公示前须有已公告通过的“怎么改”表决（关联到本项目）',
  no_plan_notice: '方案公示公告未发布或已撤回，不能开工',
  no_acceptance: '须先录入联合验收记录',
  acceptance_failed: '联合验收未通过，不能进入竣工验收阶段',
};

/** One precondition of entering a stage: met or not; `problem` is the refusal code when it is not met. */
export interface StageCheck {
  code: 'items' | 'funding' | 'how_vote' | 'plan_notice' | 'acceptance';
  met: boolean;
  problem: TransitionProblem | null;
}

/** Every precondition of entering `to`, met or not (the staff screen lists them before the tap). */
export function stageChecks(to: ProjectStatus, f: TransitionFacts): StageCheck[] {
  const check = (code: StageCheck['code'], problem: TransitionProblem | null): StageCheck => ({ code, met: problem === null, problem });
  if (to === 'publicity') {
    return [
      check('items', f.itemCount === 0 ? 'no_items' : null),
      check('funding', f.fundingBalanced === null ? 'no_funding' : f.fundingBalanced ? null : 'unbalanced'),
      check('how_vote', f.howVoteDecided ? null : 'no_how_vote'),
    ];
  }
  if (to === 'construction') return [check('plan_notice', f.planNoticePublished ? null : 'no_plan_notice')];
  if (to === 'acceptance') return [check('acceptance', f.acceptancePassed === null ? 'no_acceptance' : f.acceptancePassed ? null : 'acceptance_failed')];
  return [];
}

/** Why `from → to` is refused, as codes (the mini-program words them in zh or bo); [] when it is allowed. */
export function transitionProblemCodes(from: ProjectStatus, to: ProjectStatus, f: TransitionFacts): TransitionProblem[] {
  if (nextStatus(from) !== to) return ['not_next'];
  return stageChecks(to, f).flatMap((c) => (c.problem ? [c.problem] : []));
}

/** Why `from → to` is refused (Chinese reasons), or [] when it is allowed. */
export function transitionProblems(from: ProjectStatus, to: ProjectStatus, f: TransitionFacts): string[] {
  return transitionProblemCodes(from, to, f).map((c) =>
    c === 'not_next'
      ? `项目只能依次推进到下一阶段：当前为「${PROJECT_STATUS_LABELS[from]}」，下一阶段为「${nextStatus(from) ? PROJECT_STATUS_LABELS[nextStatus(from)!] : '无'}」`
      : TRANSITION_PROBLEM_TEXT[c],
  );
}

export const TRANSITION_RULES =
  '项目阶段依次为 储备 → 年度计划 → 方案编制 → 方案公示 → 施工 → 竣工验收 → 后评价，每次只能前进一步、不能后退；' +
  '进入方案公示须有改造项目、资金筹措方案平衡，并有已公告通过的“怎么改”表决（推进时自动发布方案公示，公示后方案不得再改）；' +
  '进入施工须方案公示公告在公示中；进入竣工验收须有通过的联合验收记录，此时开放满意度评价；' +
  '进入后评价时满意度评价结束';
