import type { ConsultationLiveTally, ProjectEvaluationView } from '@gongzhi/shared';
import type { z } from 'zod';
import type { Complex, ConsultationItem, Ledger, Project, Ratings } from './staffApi';

export type Tally = z.infer<typeof ConsultationLiveTally>;
export type Evaluation = z.infer<typeof ProjectEvaluationView>;

/** One complex on the dashboard: each figure keeps its numerator and denominator (null = no data yet). */
export interface DashboardRow {
  complexCode: string;
  complexName: string;
  projectId: string | null;
  projectStatus: string | null;
  /** Latest consultation that opened: participating headcount / electorate headcount. */
  participation: { num: number; den: number; title: string } | null;
  /** Pledged money received against the residents' share of the funding plan (fen). */
  pledges: { receivedFen: number; targetFen: number } | null;
  satisfaction: { mean: number | null; count: number } | null;
  evaluation: { total: number; gradeLabel: string } | null;
}

/** Prefer the newest project of a complex (projects come sorted by year, newest first). */
export function latestProjectByComplex(projects: readonly Project[]): Map<string, Project> {
  const out = new Map<string, Project>();
  for (const p of projects) {
    const seen = out.get(p.complexCode);
    if (!seen || p.year > seen.year || (p.year === seen.year && p.createdAt > seen.createdAt)) out.set(p.complexCode, p);
  }
  return out;
}

/** The consultation whose participation the dashboard shows: the latest that has opened (not a draft or scheduled). */
export function latestOpenedByComplex(items: readonly ConsultationItem[]): Map<string, ConsultationItem> {
  const out = new Map<string, ConsultationItem>();
  for (const c of items) {
    if (c.status === 'draft' || c.status === 'scheduled') continue;
    const seen = out.get(c.complexCode);
    if (!seen || c.opensAt > seen.opensAt) out.set(c.complexCode, c);
  }
  return out;
}

export interface DashboardInputs {
  complexes: readonly Pick<Complex, 'code' | 'name' | 'nameBo'>[];
  projects: ReadonlyMap<string, Project>;
  consultations: ReadonlyMap<string, ConsultationItem>;
  tallies: ReadonlyMap<string, Tally>;
  ledgers: ReadonlyMap<string, Ledger>;
  ratings: ReadonlyMap<string, Ratings>;
  evaluations: ReadonlyMap<string, Evaluation>;
  lang: 'zh' | 'bo';
}

export function dashboardRows(i: DashboardInputs): DashboardRow[] {
  return i.complexes.map((c) => {
    const p = i.projects.get(c.code) ?? null;
    const cons = i.consultations.get(c.code);
    const tally = cons ? i.tallies.get(cons.id) : undefined;
    // Headcount participation of the first question (every question shares the electorate).
    const q = tally?.questions[0];
    const ledger = p ? i.ledgers.get(p.id) : undefined;
    const rating = p ? i.ratings.get(p.id) : undefined;
    const ev = p ? i.evaluations.get(p.id) : undefined;
    return {
      complexCode: c.code,
      complexName: i.lang === 'bo' && c.nameBo ? c.nameBo : c.name,
      projectId: p?.id ?? null,
      projectStatus: p?.status ?? null,
      participation: tally && q ? { num: q.participation.headcount, den: tally.electorate.headcount, title: cons!.title } : null,
      pledges: ledger ? { receivedFen: ledger.receivedFen, targetFen: ledger.residentsShareFen } : null,
      satisfaction: rating ? { mean: rating.overall.mean, count: rating.overall.count } : null,
      evaluation: ev ? { total: ev.total, gradeLabel: ev.gradeLabel } : null,
    };
  });
}

/** Scope-wide figures over the rows that have data: sums of numerators and denominators, not means of percentages. */
export function dashboardTotals(rows: readonly DashboardRow[]) {
  let pNum = 0;
  let pDen = 0;
  let received = 0;
  let target = 0;
  let ratingSum = 0;
  let ratingCount = 0;
  for (const r of rows) {
    if (r.participation) {
      pNum += r.participation.num;
      pDen += r.participation.den;
    }
    if (r.pledges) {
      received += r.pledges.receivedFen;
      target += r.pledges.targetFen;
    }
    if (r.satisfaction && r.satisfaction.mean !== null) {
      ratingSum += r.satisfaction.mean * r.satisfaction.count;
      ratingCount += r.satisfaction.count;
    }
  }
  return {
    complexes: rows.length,
    projects: rows.filter((r) => r.projectId).length,
    participation: { num: pNum, den: pDen },
    pledges: { receivedFen: received, targetFen: target },
    satisfaction: { mean: ratingCount ? ratingSum / ratingCount : null, count: ratingCount },
  };
}
