import {
  EVALUATION_LEVEL_LABELS, EVALUATION_LEVELS, formatPercent, rankCandidates, rankEvaluations, rollupWithBands,
} from '@gongzhi/shared';
import type { AuthUser } from '../platform/http/route';
import { notFound } from '../platform/errors';
import { areaByCode, areasByCodes } from '../projects/directory';
import { Project, type ProjectDoc } from '../projects/model';
import { evaluateProjects } from './compute';
import { consultationPart, loadInputs } from './inputs';
import { canReadEvaluationScope } from './policy';
import { getSettings, type Settings } from './settings';

export type Level = (typeof EVALUATION_LEVELS)[number];

/** The scope area if the user's grants cover it (same 404 otherwise). */
export async function readableScope(user: AuthUser, scope: string) {
  const area = await areaByCode(scope);
  if (!area || !canReadEvaluationScope(user, area.path)) throw notFound('AREA_NOT_FOUND', '区域不存在');
  return area;
}

/** Projects that reached 后评价 are the ones evaluated, ranked and rolled up. */
export async function evaluatedProjects(scope: string, year?: number): Promise<ProjectDoc[]> {
  return Project.find({ areaPath: scope, status: 'evaluation', ...(year ? { year } : {}) }).sort({ complexCode: 1, year: 1 }).lean();
}

export async function scopeEvaluations(user: AuthUser, scope: string, year?: number) {
  const area = await readableScope(user, scope);
  const settings = await getSettings();
  const projects = await evaluatedProjects(scope, year);
  const evaluations = await evaluateProjects(projects, settings);
  return { area, settings, projects, evaluations };
}

type Evals = Awaited<ReturnType<typeof scopeEvaluations>>;

export async function rollupView(ctx: Evals, level: Level, year: number | undefined) {
  const levelOf = new Map(ctx.projects.map((p) => [String(p._id), p.levels?.[level] ?? '']));
  const r = rollupWithBands(ctx.evaluations.map((e) => ({ areaCode: levelOf.get(e.projectId) || '未归属', score: e.total })), ctx.settings.bands);
  const names = new Map((await areasByCodes(r.byArea.map((a) => a.areaCode))).map((a) => [a.code, a.name]));
  return {
    ...r, scope: ctx.area.code, scopeName: ctx.area.name, level, levelLabel: EVALUATION_LEVEL_LABELS[level], year: year ?? null,
    byArea: r.byArea.map((a) => ({ ...a, areaName: names.get(a.areaCode) ?? a.areaCode })),
  };
}

export function rankingView(ctx: Evals, year: number | undefined) {
  return {
    scope: ctx.area.code, year: year ?? null,
    rows: rankEvaluations(ctx.evaluations).map((e) => ({
      rank: e.rank, projectId: e.projectId, complexCode: e.complexCode, complexName: e.complexName, year: e.year,
      total: e.total, totalHundredths: e.totalHundredths, gradeLabel: e.gradeLabel,
      dimensions: e.dimensions.map((d) => ({ label: d.label, score: d.score })),
    })),
  };
}

/**
 * Next year's candidates: projects still in 储备, ranked by willingness (approval in their latest 改不改 vote) and
 * then participation (participating / total headcount), as the policy asks (意愿强、参与积极性高的小区优先).
 */
export async function candidatesView(user: AuthUser, scope: string, year: number | undefined) {
  const area = await readableScope(user, scope);
  const projects = await Project.find({ areaPath: scope, status: 'reserve', ...(year ? { year } : {}) }).lean();
  const rawOf = await loadInputs(projects);
  const rows = projects.map((p) => {
    const whether = rawOf(p).consultations.filter((c) => c.kind === 'whether' && c.result)
      .sort((a, b) => new Date(b.closedAt ?? 0).getTime() - new Date(a.closedAt ?? 0).getTime()).slice(0, 1);
    const i = consultationPart({ consultations: whether, planNotices: [], objections: new Map(), ratings: { counts: [0, 0, 0, 0, 0], sum: 0, count: 0, mean: null } }).inputs;
    return { complexCode: p.complexCode, willingnessApprovalRate: i.approval, participationRate: i.headcountParticipation, project: p };
  });
  return {
    scope: area.code, year: year ?? null,
    rule: '先比改造意愿（最近一次“改不改”表决的同意人数 ÷ 参与人数），再比参与率（参与人数 ÷ 总人数），相同时按小区编码',
    rows: rankCandidates(rows).map((r) => ({
      rank: r.rank, projectId: String(r.project._id), complexCode: r.complexCode, complexName: r.project.complexName, year: r.project.year,
      willingness: { ...r.willingnessApprovalRate, percent: formatPercent(r.willingnessApprovalRate.num, r.willingnessApprovalRate.den) },
      participation: { ...r.participationRate, percent: formatPercent(r.participationRate.num, r.participationRate.den) },
      explanation: r.explanation,
    })),
  };
}

export type { Settings };
