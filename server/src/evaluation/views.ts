import { drillDown, EVALUATION_LEVEL_LABELS, EVALUATION_LEVELS, formatPercent, rankEvaluations, rollupWithBands } from '@gongzhi/shared';
import type { AuthUser } from '../platform/http/route';
import { areasByCodes } from '../roster';
import { gradedEvaluations, scopeData, type Filter, type ScopeData } from './figures';
import type { Settings } from './settings';

export { readableScope } from './scope';
export type Level = (typeof EVALUATION_LEVELS)[number];

/** Every view below reads the same ScopeData for the same filter (year, area, stage). */
export const scopeEvaluations = (user: AuthUser, f: Filter) => scopeData(user, f);

export async function rollupView(ctx: ScopeData, level: Level, f: Filter) {
  const graded = gradedEvaluations(ctx);
  const levelOf = new Map(ctx.projects.map((p) => [String(p._id), p.levels?.[level] ?? '']));
  const r = rollupWithBands(
    graded.map((e) => ({ areaCode: levelOf.get(e.projectId) || '未归属', score: e.total })),
    ctx.settings.bands,
  );
  const names = new Map((await areasByCodes(r.byArea.map((a) => a.areaCode))).map((a) => [a.code, a.name]));
  return {
    ...r,
    scope: ctx.area.code,
    scopeName: ctx.area.name,
    level,
    levelLabel: EVALUATION_LEVEL_LABELS[level],
    year: f.year ?? null,
    byArea: r.byArea.map((a) => ({ ...a, areaName: names.get(a.areaCode) ?? a.areaCode })),
  };
}

/** Graded projects (后评价, and 预评 during 竣工验收, marked as such), best first. */
export function rankingView(ctx: ScopeData, f: Filter) {
  return {
    scope: ctx.area.code,
    year: f.year ?? null,
    stage: f.stage ?? null,
    rows: rankEvaluations(gradedEvaluations(ctx)).map((e) => ({
      rank: e.rank,
      projectId: e.projectId,
      complexCode: e.complexCode,
      complexName: e.complexName,
      year: e.year,
      total: e.total,
      totalHundredths: e.totalHundredths,
      grade: e.grade!,
      gradeKind: e.gradeKind as 'final' | 'provisional',
      gradeLabel: e.gradeLabel,
      status: e.status,
      statusLabel: e.statusLabel,
      dimensions: e.dimensions.map((d) => ({ label: d.label, score: d.score })),
    })),
  };
}

export const CANDIDATE_RULE = '先比改造意愿（最近一次“改不改”表决的同意人数 ÷ 参与人数），再比参与率（参与人数 ÷ 总人数），相同时按小区编码';

/** Next year's candidates (意愿强、参与积极性高的小区优先): the drill-down's priority list for the scope. */
export function candidatesView(ctx: ScopeData, f: Filter) {
  const { priority } = drillDown(ctx.candidates, ctx.area.level, ctx.settings.bands);
  return {
    scope: ctx.area.code,
    year: f.year ?? null,
    rule: CANDIDATE_RULE,
    rows: priority.map((r) => ({
      rank: r.rank,
      projectId: r.facts.projectId,
      complexCode: r.complexCode,
      complexName: r.facts.complexName,
      year: r.facts.year,
      willingness: { ...r.willingnessApprovalRate, percent: formatPercent(r.willingnessApprovalRate.num, r.willingnessApprovalRate.den) },
      participation: { ...r.participationRate, percent: formatPercent(r.participationRate.num, r.participationRate.den) },
      explanation: r.explanation,
    })),
  };
}

export type { Settings };
