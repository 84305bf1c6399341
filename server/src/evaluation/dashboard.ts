import type { Types } from 'mongoose';
import {
  meanFromSums, PROJECT_STATUS_LABELS, type EvaluationDashboardRow, type EvaluationDashboardView, type ProjectEvaluationView,
} from '@gongzhi/shared';
import type { AuthUser } from '../platform/http/route';
import { AppError, notFound } from '../platform/errors';
import { Area } from '../roster/model';
import { Consultation, type ConsultationDoc } from '../consultations/model';
import { TallyDelta } from '../consultations/tallyModels';
import { Pledge } from '../pledges/model';
import { Project, type ProjectDoc } from '../projects/model';
import { evaluateProjects } from './compute';
import { loadInputs, overallRatings, tallyResultsOf } from './inputs';
import { canReadEvaluationScope } from './policy';
import { getSettings } from './settings';

// On FerretDB every filter other than `{_id}` scans its collection, so this reads each collection once per request
// (areas, projects, consultations, tally counters, pledges, ratings, plus the evaluation's notices/objections) and
// joins in memory. Cheap figures are computed for the whole scope (the totals); evaluations only for the page.

const NOT_OPENED = ['draft', 'scheduled'];
const RECEIVED = ['confirmed', 'fulfilled'];

type Query = { scope: string; year?: number; limit: number; cursor?: string };

/** The newest project of each complex: by year, then creation (as the project list shows them). */
function latestByComplex(projects: ProjectDoc[]): Map<string, ProjectDoc> {
  const out = new Map<string, ProjectDoc>();
  for (const p of projects) {
    const seen = out.get(p.complexCode);
    if (!seen || p.year > seen.year || (p.year === seen.year && new Date(p.createdAt) > new Date(seen.createdAt))) out.set(p.complexCode, p);
  }
  return out;
}

/** The consultation whose participation is shown: the latest to open (drafts and scheduled ones have no turnout). */
function latestOpened(consultations: ConsultationDoc[]): Map<string, ConsultationDoc> {
  const out = new Map<string, ConsultationDoc>();
  for (const c of consultations) {
    if (NOT_OPENED.includes(c.status)) continue;
    const seen = out.get(c.complexCode);
    if (!seen || new Date(c.opensAt) > new Date(seen.opensAt)) out.set(c.complexCode, c);
  }
  return out;
}

/** Participating headcount of the first question: the frozen legal count once closed, the live counters before. */
async function participationOf(latest: ConsultationDoc[]) {
  const live = latest.filter((c) => tallyResultsOf(c).length === 0);
  const rows = live.length ? await TallyDelta.aggregate([
    { $match: { consultationId: { $in: live.map((c) => String(c._id)) }, key: 'participation' } },
    { $group: { _id: { c: '$consultationId', q: '$questionId' }, n: { $sum: '$headcount' } } },
  ]) : [];
  const out = new Map<string, { num: number; den: number }>();
  for (const c of latest) {
    const id = String(c._id);
    const frozen = tallyResultsOf(c)[0];
    if (frozen) { out.set(id, { num: frozen.plain.participatingHeadcount, den: frozen.plain.totalHeadcount }); continue; }
    const q = c.questions[0]?.id;
    const n = rows.find((r) => r._id.c === id && r._id.q === q)?.n ?? 0;
    out.set(id, { num: n, den: c.electorate?.totalHeadcount ?? 0 });
  }
  return out;
}

async function receivedFen(projectIds: Types.ObjectId[]): Promise<Map<string, number>> {
  const rows = projectIds.length ? await Pledge.aggregate([
    { $match: { projectId: { $in: projectIds }, kind: 'money', status: { $in: RECEIVED } } },
    { $group: { _id: '$projectId', fen: { $sum: '$amountFen' } } },
  ]) : [];
  return new Map(rows.map((r) => [String(r._id), r.fen as number]));
}

/** One project's evaluation; a project whose inputs the rules refuse shows no score instead of failing the page. */
async function evaluateOne(p: ProjectDoc, run: (ps: ProjectDoc[]) => Promise<ProjectEvaluationView[]>) {
  try {
    return (await run([p]))[0];
  } catch (e) {
    if (e instanceof AppError && e.status === 422) return null;
    throw e;
  }
}

export async function dashboardView(user: AuthUser, q: Query): Promise<EvaluationDashboardView> {
  const areas = await Area.find({ $or: [{ code: q.scope }, { path: q.scope, level: 'complex' }] }).lean();
  const area = areas.find((a) => a.code === q.scope);
  if (!area || !canReadEvaluationScope(user, area.path)) throw notFound('AREA_NOT_FOUND', '区域不存在');
  const complexes = areas.filter((a) => a.level === 'complex').sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));

  const [projects, consultations, settings] = await Promise.all([
    Project.find({ areaPath: q.scope, ...(q.year ? { year: q.year } : {}) }).lean(),
    Consultation.find({ areaPath: q.scope }).lean(),
    getSettings(),
  ]);
  const projectOf = latestByComplex(projects);
  const consultationOf = latestOpened(consultations);
  const latestIds = [...projectOf.values()].map((p) => p._id as Types.ObjectId);
  const [turnout, received, ratingsOf] = await Promise.all([
    participationOf([...consultationOf.values()]), receivedFen(latestIds), overallRatings(latestIds),
  ]);

  const rowOf = (c: (typeof complexes)[number]): EvaluationDashboardRow => {
    const p = projectOf.get(c.code);
    const cons = consultationOf.get(c.code);
    const id = p ? String(p._id) : null;
    const r = id ? ratingsOf(id) : null;
    return {
      complexCode: c.code, complexName: c.name, complexNameBo: c.nameBo ?? null,
      projectId: id, projectStatus: p?.status ?? null, projectStatusLabel: p ? PROJECT_STATUS_LABELS[p.status] : null,
      participation: cons ? { ...turnout.get(String(cons._id))!, consultationId: String(cons._id), title: cons.title, status: cons.status } : null,
      pledges: p ? { receivedFen: received.get(id!) ?? 0, targetFen: p.funding?.input.residentsFen ?? 0 } : null,
      satisfaction: r ? { sum: r.sum, count: r.count, mean: r.mean } : null,
      evaluation: null,
    };
  };
  const all = complexes.map(rowOf);

  const start = q.cursor ? complexes.findIndex((c) => c.code > q.cursor!) : 0;
  const page = start < 0 ? [] : all.slice(start, start + q.limit);
  const more = start >= 0 && start + q.limit < all.length;
  const pageProjects = page.map((r) => projectOf.get(r.complexCode)).filter((p): p is ProjectDoc => !!p);
  const rawOf = await loadInputs(pageProjects, { consultations, ratings: ratingsOf });
  const now = new Date();
  for (const row of page) {
    const p = projectOf.get(row.complexCode);
    const e = p ? await evaluateOne(p, (ps) => evaluateProjects(ps, settings, now, rawOf)) : null;
    if (e) {
      row.evaluation = {
        total: e.total, totalHundredths: e.totalHundredths, grade: e.grade, gradeLabel: e.gradeLabel, year: e.year,
        dimensions: e.dimensions.map((d) => ({ dimension: d.dimension, label: d.label, score: d.score })),
      };
    }
  }

  const sum = (f: (r: EvaluationDashboardRow) => number) => all.reduce((a, r) => a + f(r), 0);
  const ratingSum = sum((r) => r.satisfaction?.sum ?? 0);
  const ratingCount = sum((r) => r.satisfaction?.count ?? 0);
  return {
    scope: area.code, scopeName: area.name, scopeNameBo: area.nameBo ?? null, year: q.year ?? null,
    totals: {
      complexes: all.length, projects: all.filter((r) => r.projectId).length,
      participation: { num: sum((r) => r.participation?.num ?? 0), den: sum((r) => r.participation?.den ?? 0) },
      pledges: { receivedFen: sum((r) => r.pledges?.receivedFen ?? 0), targetFen: sum((r) => r.pledges?.targetFen ?? 0) },
      satisfaction: { sum: ratingSum, count: ratingCount, mean: meanFromSums(ratingSum * 100, ratingCount) },
    },
    rows: page,
    nextCursor: more ? page.at(-1)!.complexCode : null,
  };
}
