import { LoadClient } from '../support/loadClient';
import { measureAll, type Probe, type ReadFigure } from './reads';
import { oid } from './seed/ids';
import type { Street, StreetHistory } from './seed';

/**
 * Requests that still read a whole collection on FerretDB (docs/ferretdb.md, "What still scans"), timed on the
 * seeded street so that list carries measured costs. Fewer samples: each one is a scan.
 */
export async function scanFigures(
  baseUrl: string,
  street: Street,
  h: StreetHistory,
  opts: { n: number; maxSeconds: number },
): Promise<Record<string, ReadFigure>> {
  const client = new LoadClient(baseUrl, { connections: 2, timeoutMs: 120_000 });
  const cx = (k: number) => street.complexes[k % street.complexes.length];
  const get =
    (path: (k: number) => string, token: (k: number) => string, label: string): Probe =>
    (k) => ({ path: label, run: async (c) => [await c.get(path(k), token(k))] });
  const committee = (k: number) => cx(k).committeeToken;
  const probes: Record<string, Probe> = {
    rosterDwellings: get((k) => `/api/roster/${cx(k).code}/dwellings`, committee, 'GET /api/roster/:complex/dwellings (committee)'),
    rooms: get(
      (k) => `/api/areas/${cx(k).code}-B1-U1/rooms`,
      (k) => cx(k).memberTokens[0],
      'GET /api/areas/:entrance/rooms (claim)',
    ),
    complexes: get(
      () => `/api/complexes?q=${encodeURIComponent('幸福')}`,
      (k) => cx(k).memberTokens[1],
      'GET /api/complexes?q= (claim picker)',
    ),
    residents: get((k) => `/api/complexes/${cx(k).code}/residents`, committee, 'GET /api/complexes/:c/residents (committee)'),
    claims: get((k) => `/api/complexes/${cx(k).code}/claims`, committee, 'GET /api/complexes/:c/claims (committee)'),
    noticeStats: get((k) => `/api/notices/${String(oid(`notice:${cx(k).code}:n${k % 18}`))}/stats`, committee, 'GET /api/notices/:id/stats (read rates)'),
    ratingSummary: get((k) => `/api/projects/${h.projects[k % h.projects.length]}/ratings/summary`, committee, 'GET /api/projects/:id/ratings/summary'),
    dashboard: get(
      () => `/api/evaluation/dashboard?scope=${street.code}`,
      () => street.staffToken,
      'GET /api/evaluation/dashboard?scope=<street> (staff)',
    ),
  };
  const out = await measureAll(client, probes, opts);
  client.close();
  return out;
}
