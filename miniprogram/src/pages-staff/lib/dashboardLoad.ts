import { dashboardRows, latestOpenedByComplex, latestProjectByComplex, type DashboardRow, type Evaluation, type Tally } from './dashboard';
import { dashboardApi, staffApi, type Ledger, type Ratings } from './staffApi';

/** Enough for a phone screen; a wider scope uses the XLSX export for the full table. */
export const DASHBOARD_MAX_COMPLEXES = 30;

/** A figure that fails to load (e.g. no funding plan yet) leaves its cell empty instead of failing the page. */
const soft = <T,>(p: Promise<T>) => p.catch(() => undefined);

async function mapOf<T>(ids: string[], load: (id: string) => Promise<T>): Promise<Map<string, T>> {
  const pairs = await Promise.all(ids.map(async (id) => [id, await soft(load(id))] as const));
  return new Map(pairs.filter((x): x is readonly [string, Awaited<T>] => x[1] !== undefined) as [string, T][]);
}

export interface DashboardData {
  rows: DashboardRow[];
  evaluations: Evaluation[];
  truncated: boolean;
}

export async function loadDashboard(scope: string, lang: 'zh' | 'bo'): Promise<DashboardData> {
  const [allComplexes, projects, consultations] = await Promise.all([
    staffApi.complexes(scope), staffApi.projects({ scope }), dashboardApi.consultationsAll(),
  ]);
  const complexes = allComplexes.slice(0, DASHBOARD_MAX_COMPLEXES);
  const codes = new Set(complexes.map((c) => c.code));
  const byComplex = latestProjectByComplex(projects.filter((p) => codes.has(p.complexCode)));
  const latest = latestOpenedByComplex(consultations.filter((c) => codes.has(c.complexCode)));
  const projectIds = [...byComplex.values()].map((p) => p.id);
  const [tallies, ledgers, ratings, evaluations] = await Promise.all([
    mapOf<Tally>([...latest.values()].map((c) => c.id), dashboardApi.tally),
    mapOf<Ledger>(projectIds, staffApi.ledger),
    mapOf<Ratings>(projectIds, staffApi.ratings),
    mapOf<Evaluation>(projectIds, dashboardApi.evaluation),
  ]);
  return {
    rows: dashboardRows({ complexes, projects: byComplex, consultations: latest, tallies, ledgers, ratings, evaluations, lang }),
    evaluations: [...evaluations.values()].sort((a, b) => b.totalHundredths - a.totalHundredths),
    truncated: allComplexes.length > complexes.length,
  };
}
