import type { Types } from 'mongoose';
import { chinaEndOfDay, consultationInputsFromTallies, distributionFromCounts, type RatingDistribution, type TallyResult } from '@gongzhi/shared';
import { consultationsFor } from '../consultations';
import { noticesByIds, objectionCounts } from '../notices';
import type { ConsultationDoc } from '../consultations';
import type { ProjectDoc } from '../projects';
import { Rating } from '../ratings';

const DAY = 86_400_000;

/** Yes/no and pick-one questions carry the shared tally output; other formats (items, surveys) are left out. */
export function tallyResultsOf(c: Pick<ConsultationDoc, 'result'>): TallyResult[] {
  const qs = (c.result as { questions?: { tally?: unknown }[] } | null | undefined)?.questions;
  if (!Array.isArray(qs)) return [];
  const isTally = (t: unknown): t is TallyResult => !!t && typeof t === 'object' && 'plain' in t && typeof (t as { decides?: unknown }).decides === 'boolean';
  return qs.map((q) => q?.tally).filter(isTally);
}

export interface RawInputs {
  consultations: ConsultationDoc[];
  planNotices: Awaited<ReturnType<typeof noticesByIds>>;
  objections: Map<string, { total: number; answered: number }>;
  ratings: RatingDistribution;
}

/** Overall rating counts per project in one $group/$sum pass; distributions and means are rebuilt in code. */
export async function overallRatings(projectIds: Types.ObjectId[]): Promise<(projectId: string) => RatingDistribution> {
  const rows = projectIds.length
    ? await Rating.aggregate([{ $match: { projectId: { $in: projectIds } } }, { $group: { _id: { p: '$projectId', s: '$overall' }, n: { $sum: 1 } } }])
    : [];
  return (projectId) => distributionFromCounts(rows.filter((r) => String(r._id.p) === projectId).map((r) => ({ score: r._id.s, count: r.n })));
}

/** What a caller already read (the dashboard reads each collection once per request). */
export interface Preloaded {
  /** A superset of the projects' consultations (e.g. every consultation of the scope). */
  consultations?: ConsultationDoc[];
  ratings?: (projectId: string) => RatingDistribution;
}

/** Everything the evaluation reads for a set of projects, in a fixed number of queries. */
export async function loadInputs(projects: ProjectDoc[], pre: Preloaded = {}): Promise<(p: ProjectDoc) => RawInputs> {
  const ids = projects.map((p) => String(p._id));
  const [consultations, notices, ratingsOf] = await Promise.all([
    pre.consultations ??
      consultationsFor(
        ids,
        projects.flatMap((p) => p.consultationIds),
      ),
    noticesByIds(projects.flatMap((p) => p.noticeIds)),
    pre.ratings ?? overallRatings(projects.map((p) => p._id as Types.ObjectId)),
  ]);
  const planNotices = notices.filter((n) => n.kind === 'plan_publicity' && n.publishedAt);
  const objections = await objectionCounts(planNotices.map((n) => String(n._id)));
  return (p) => {
    const id = String(p._id);
    return {
      consultations: consultations.filter((c) => c.projectId === id || p.consultationIds.includes(String(c._id))),
      planNotices: planNotices.filter((n) => p.noticeIds.includes(String(n._id))),
      objections,
      ratings: ratingsOf(id),
    };
  };
}

export function consultationPart(raw: RawInputs) {
  const decided = raw.consultations.filter((c) => c.kind !== 'survey' && c.result);
  const rows = decided.map((c) => ({ consultation: c, tallies: tallyResultsOf(c) }));
  return {
    inputs: consultationInputsFromTallies(rows.flatMap((r) => r.tallies)),
    shown: {
      consultations: rows.map(({ consultation: c, tallies }) => ({
        id: String(c._id),
        title: c.title,
        kind: c.kind,
        status: c.status,
        questions: tallies
          .filter((t) => t.decides)
          .map((t) => ({
            rule: t.rule,
            passed: t.passed,
            participatingHeadcount: t.plain.participatingHeadcount,
            totalHeadcount: t.plain.totalHeadcount,
            participatingAreaHundredths: t.plain.participatingAreaHundredths,
            totalAreaHundredths: t.plain.totalAreaHundredths,
            approvingHeadcount: Math.max(0, ...t.plain.approval.map((a) => a.approvingHeadcount)),
          })),
      })),
    },
  };
}

/**
 * 方案公示 shown for its full period: whole days from publication until it was withdrawn or the project left the
 * publicity stage (or now), against the notice's own display period. Without a linked plan notice, the time the
 * project spent in 方案公示 counts, against the settings' period.
 */
export function planningPart(p: ProjectDoc, raw: RawInputs, settingsDays: number, now: Date) {
  const left = p.transitions.find((t) => t.from === 'publicity')?.at;
  const until = (left ? new Date(left) : now).getTime();
  let best: { num: number; den: number; shown: Record<string, unknown> } | null = null;
  for (const n of raw.planNotices) {
    const end = Math.min(until, n.withdrawn?.at ? new Date(n.withdrawn.at).getTime() : Infinity);
    const shownDays = Math.max(0, Math.floor((end - new Date(n.publishedAt).getTime()) / DAY));
    const requiredDays = n.displayRule?.days ?? settingsDays;
    const c = { num: Math.min(shownDays, requiredDays), den: requiredDays };
    if (!best || c.num * best.den > best.num * c.den) {
      best = {
        ...c,
        shown: {
          source: 'notice',
          noticeId: String(n._id),
          publishedAt: new Date(n.publishedAt).toISOString(),
          withdrawn: !!n.withdrawn,
          shownDays,
          requiredDays,
        },
      };
    }
  }
  if (!best) {
    const entered = p.transitions.find((t) => t.to === 'publicity')?.at;
    const shownDays = entered ? Math.max(0, Math.floor((until - new Date(entered).getTime()) / DAY)) : 0;
    best = {
      num: Math.min(shownDays, settingsDays),
      den: settingsDays,
      shown: { source: 'stage', shownDays, requiredDays: settingsDays, reachedPublicity: !!entered },
    };
  }
  const obj = raw.planNotices.reduce(
    (a, n) => {
      const o = raw.objections.get(String(n._id));
      return { total: a.total + (o?.total ?? 0), answered: a.answered + (o?.answered ?? 0) };
    },
    { total: 0, answered: 0 },
  );
  return {
    inputs: { publicity: { num: best.num, den: best.den }, objectionsAnswered: obj.answered, objectionsTotal: obj.total },
    shown: { ...best.shown, objectionsTotal: obj.total, objectionsAnswered: obj.answered },
  };
}

/** An item is on schedule when it reached 100% by the end of its planned day (China time); no date → on schedule. */
export function resultsPart(p: ProjectDoc) {
  const done = p.items.filter((i) => i.percent === 100 && i.completedAt);
  const onTime = done.filter((i) => !i.plannedFinishOn || new Date(i.completedAt!).getTime() <= chinaEndOfDay(i.plannedFinishOn).getTime());
  return {
    inputs: {
      itemsCompleted: done.length,
      itemsPlanned: p.items.length,
      onSchedule: { num: onTime.length, den: done.length },
      accepted: p.acceptance?.passed === true,
    },
    shown: {
      items: p.items.map((i) => ({
        name: i.name,
        percent: i.percent,
        plannedFinishOn: i.plannedFinishOn ?? null,
        completedAt: i.completedAt ? new Date(i.completedAt).toISOString() : null,
        onSchedule: onTime.includes(i),
      })),
      acceptanceDate: p.acceptance?.date ?? null,
      acceptancePassed: p.acceptance?.passed ?? null,
    },
  };
}

export function satisfactionPart(raw: RawInputs) {
  return { inputs: { ratingSum: raw.ratings.sum, ratingCount: raw.ratings.count }, shown: { distribution: raw.ratings.counts, mean: raw.ratings.mean } };
}
