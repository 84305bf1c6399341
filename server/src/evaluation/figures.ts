// The one loader behind the dashboard, drill-down, ranking, roll-ups, candidates and every export: all projects of
// the scope for the filter (year, stage), each with its evaluation, turnout, pledges and ratings. The arithmetic is
// in shared rules (evaluateProject, figuresOf, drillDown); this file only reads.
import type { Types } from 'mongoose';
import { type EvaluationDimension, type ProjectFacts, type ProjectEvaluationView, type ProjectStatus } from '@gongzhi/shared';
import type { AuthUser } from '../platform/http/route';
import { Pledge } from '../pledges';
import { Project, type ProjectDoc } from '../projects';
import { evaluateProjects } from './compute';
import { consultationPart, loadInputs, type RawInputs } from './inputs';
import { readableScope } from './scope';
import { getSettings } from './settings';

export interface Filter {
  scope: string;
  year?: number;
  stage?: ProjectStatus;
}

const RECEIVED = ['confirmed', 'fulfilled'];
const ACTIVE = ['pledged', 'confirmed', 'fulfilled'];
const byCode = (a: ProjectDoc, b: ProjectDoc) => (a.complexCode < b.complexCode ? -1 : a.complexCode > b.complexCode ? 1 : a.year - b.year);

/** Money received and labour half-days pledged per project: one `$group` with one `$sum` each (FerretDB). */
async function pledgeSums(ids: Types.ObjectId[]) {
  if (!ids.length) return { fen: new Map<string, number>(), halfDays: new Map<string, number>() };
  const [fen, labour] = await Promise.all([
    Pledge.aggregate([
      { $match: { projectId: { $in: ids }, kind: 'money', status: { $in: RECEIVED } } },
      { $group: { _id: '$projectId', v: { $sum: '$amountFen' } } },
    ]),
    Pledge.aggregate([
      { $match: { projectId: { $in: ids }, kind: 'labour', status: { $in: ACTIVE } } },
      { $group: { _id: '$projectId', v: { $sum: '$labour.halfDays' } } },
    ]),
  ]);
  const map = (rows: { _id: unknown; v: number }[]) => new Map(rows.map((r) => [String(r._id), r.v]));
  return { fen: map(fen), halfDays: map(labour) };
}

/** The latest closed 改不改 vote: willingness (approving / taking part) and its turnout. */
function whetherOf(raw: RawInputs) {
  const latest = raw.consultations
    .filter((c) => c.kind === 'whether' && c.result)
    .sort((a, b) => new Date(b.closedAt ?? 0).getTime() - new Date(a.closedAt ?? 0).getTime())
    .slice(0, 1);
  return consultationPart({ ...raw, consultations: latest }).inputs;
}

export interface ScopeData {
  area: Awaited<ReturnType<typeof readableScope>>;
  settings: Awaited<ReturnType<typeof getSettings>>;
  /** Projects of the filter, by complex code then year. */
  projects: ProjectDoc[];
  evaluations: ProjectEvaluationView[];
  facts: ProjectFacts[];
  /** Projects in 储备 for the year (the stage filter does not narrow next year's candidates). */
  candidates: ProjectFacts[];
}

export async function scopeData(user: AuthUser, f: Filter): Promise<ScopeData> {
  const area = await readableScope(user, f.scope);
  const [settings, all] = await Promise.all([getSettings(), Project.find({ areaPath: f.scope, ...(f.year ? { year: f.year } : {}) }).lean()]);
  all.sort(byCode);
  const projects = f.stage ? all.filter((p) => p.status === f.stage) : all;
  const reserve = all.filter((p) => p.status === 'reserve');
  const used = [...new Set([...projects, ...reserve])];
  const ids = used.map((p) => p._id as Types.ObjectId);
  const [rawOf, pledges] = await Promise.all([loadInputs(used), pledgeSums(ids)]);
  const now = new Date();
  const evals = await evaluateProjects(used, settings, now, rawOf);
  const evalOf = new Map(evals.map((e) => [e.projectId, e]));
  const factsOf = (p: ProjectDoc): ProjectFacts => {
    const id = String(p._id);
    const raw = rawOf(p);
    const e = evalOf.get(id)!;
    const cons = consultationPart(raw).inputs;
    const w = whetherOf(raw);
    return {
      projectId: id,
      complexCode: p.complexCode,
      complexName: p.complexName,
      year: p.year,
      status: p.status,
      codes: {
        region: p.levels?.region ?? null,
        prefecture: p.levels?.prefecture ?? null,
        county: p.levels?.county ?? null,
        street: p.levels?.street ?? null,
        complex: p.complexCode,
        project: id,
      },
      totalHundredths: e.totalHundredths,
      dimensions: Object.fromEntries(e.dimensions.map((d) => [d.dimension, d.scoreHundredths])) as Record<EvaluationDimension, number>,
      participation: cons.headcountParticipation,
      willingness: w.approval,
      whetherTurnout: w.headcountParticipation,
      pledges: { receivedFen: pledges.fen.get(id) ?? 0, targetFen: p.funding?.input.residentsFen ?? 0, labourHalfDays: pledges.halfDays.get(id) ?? 0 },
      ratings: raw.ratings.counts,
    };
  };
  return {
    area,
    settings,
    projects,
    evaluations: projects.map((p) => evalOf.get(String(p._id))!),
    facts: projects.map(factsOf),
    candidates: reserve.map(factsOf),
  };
}

/** Evaluations that carry a grade (后评价, or 预评 during 竣工验收): the ones ranked and rolled up. */
export const gradedEvaluations = (d: ScopeData) => d.evaluations.filter((e) => e.gradeKind !== 'none');
