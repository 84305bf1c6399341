export * from './numbers';
export * from './thresholds';
export * from './tallyCounts';
export * from './tally';
export * from './tallyItems';
export * from './shares';
export * from './evaluation';
export * from './evaluationRollup';
