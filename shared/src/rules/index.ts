// Pure domain rules shared by the server and the mini-program. Explicit lists keep internal helpers out of the
// package namespace (so they cannot collide with schema exports in shared/src/index.ts).
export { RuleInputError, type Fraction, parseAreaHundredths, formatArea, formatFen, formatHundredths, formatPercent, parseYuanToFen } from './numbers';
export {
  type Rule,
  type Measure,
  type Comparison,
  type ThresholdTest,
  type RuleSpec,
  RULE_SPECS,
  TWO_THIRDS,
  THREE_QUARTERS,
  ONE_HALF,
  fractionZh,
  requiredValue,
  meetsFraction,
} from './thresholds';
export {
  type QuestionKind,
  type YesNoChoice,
  YES_NO_CHOICES,
  YES_NO_LABELS,
  ABSTAIN,
  HEADCOUNT_NOTE,
  type ElectorateDwelling,
  type PreparedElectorate,
  type ChoiceCount,
  type ApprovalTest,
  type TallyCounts,
  type CountTest,
  countTests,
} from './tallyCounts';
export { type Ballot, type QuestionOption, type TallyQuestionInput, type CovenantCount, type TallyResult, prepareElectorate, tallyQuestion } from './tally';
export {
  type ItemBallot,
  type TallyItemsInput,
  type ItemResult,
  tallyItems,
  type RankingBallot,
  type RankingInput,
  type RankingRow,
  type RankingSummary,
  summarizeRanking,
} from './tallyItems';
export * from './shares';
export * from './evaluation';
export * from './evaluationRollup';
export * from './roleGroups';
