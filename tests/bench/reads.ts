import { LoadClient, summarize, type Res, type Summary } from '../support/loadClient';
import type { StreetHistory } from './seed';

/**
 * Everyday requests on the seeded street, each timed as the mini-program issues it (one request, or a page's
 * requests in parallel), sequentially, rotating over the residents and committees of every complex so no answer is
 * the same cached one twice in a row. Bounded in count and time.
 */
export interface ReadFigure {
  name: string;
  path: string;
  latency: Summary;
  p95: number;
  errors: number;
  errorCodes: Record<string, number>;
  /** For a page's parallel requests: each route's own latency, to tell which one sets the page's tail. */
  parts?: Record<string, Summary & { p95: number }>;
}

export type Probe = (k: number) => { path: string; run: (c: LoadClient) => Promise<Res[]> };

export async function readFigures(baseUrl: string, h: StreetHistory, opts: { n: number; maxSeconds: number }): Promise<Record<string, ReadFigure>> {
  const client = new LoadClient(baseUrl, { connections: 8, timeoutMs: 60_000 });
  const votes = h.openVotes;
  const pick = (k: number) => {
    const v = votes[k % votes.length];
    const i = (Math.floor(k / votes.length) * 7919) % v.complex.dwellings.length;
    return { v, i, token: v.complex.ownerTokens[i], memberToken: v.complex.memberTokens[i] };
  };
  const one =
    (path: string, who: (k: number) => string): Probe =>
    (k) => ({ path, run: async (c) => [await c.get(path.replace(':id', pick(k).v.id), who(k))] });
  const probes: Record<string, Probe> = {
    me: one('/api/me', (k) => (k % 2 ? pick(k).memberToken : pick(k).token)),
    // 首页: open votes (then my ballots in each), the notices feed's first 5, projects, notice rooms — in parallel.
    home: (k) => ({
      path: 'home: /api/consultations?status=open&limit=5 → my-ballots, /api/notices?limit=5, /api/projects, /api/notices/rooms',
      run: async (c) => {
        const t = pick(k).token;
        const votesAndMine = (async () => {
          const list = await c.get('/api/consultations?status=open&limit=5', t);
          const ids: string[] = (list.body?.items ?? []).map((x: { id: string }) => x.id);
          return [list, ...(await Promise.all(ids.map((id) => c.get(`/api/consultations/${id}/my-ballots`, t))))];
        })();
        const rest = await Promise.all([c.get('/api/notices?limit=5', t), c.get('/api/projects', t), c.get('/api/notices/rooms', t)]);
        return [...(await votesAndMine), ...rest];
      },
    }),
    notices: one('/api/notices?limit=20', (k) => pick(k).token),
    // The resident's vote page: the consultation, my ballots, the live participation — in parallel.
    consultation: (k) => ({
      path: 'vote page: /api/consultations/:id + /my-ballots + /tally',
      run: (c) => {
        const { v, token } = pick(k);
        return Promise.all([
          c.get(`/api/consultations/${v.id}`, token),
          c.get(`/api/consultations/${v.id}/my-ballots`, token),
          c.get(`/api/consultations/${v.id}/tally`, token),
        ]);
      },
    }),
    tally: one('/api/consultations/:id/tally', (k) => pick(k).v.complex.committeeToken),
    participation: one('/api/consultations/:id/participation', (k) => pick(k).v.complex.committeeToken),
  };
  const out = await measureAll(client, probes, opts);
  client.close();
  return out;
}

/** Each probe `n` times (after one unmeasured warm-up), sequentially, until `maxSeconds` per probe. */
export async function measureAll(
  client: LoadClient,
  probes: Record<string, Probe>,
  opts: { n: number; maxSeconds: number },
): Promise<Record<string, ReadFigure>> {
  const out: Record<string, ReadFigure> = {};
  for (const [name, probe] of Object.entries(probes)) {
    const lat: number[] = [];
    const codes: Record<string, number> = {};
    const byRoute = new Map<string, number[]>();
    let errors = 0;
    const deadline = Date.now() + opts.maxSeconds * 1000;
    // One unmeasured request first: a cold cache (mirror, rights) is a first-visit cost, not the steady figure.
    await probe(0).run(client);
    for (let k = 1; k <= opts.n && Date.now() < deadline; k++) {
      const t = performance.now();
      const rs = await probe(k).run(client);
      lat.push(performance.now() - t);
      for (const r of rs) byRoute.set(r.route, [...(byRoute.get(r.route) ?? []), r.ms]);
      for (const r of rs)
        if (r.status !== 200) {
          errors++;
          const key = `${r.status} ${r.body?.error?.code ?? r.error ?? ''}`.trim();
          codes[key] = (codes[key] ?? 0) + 1;
        }
    }
    const parts = byRoute.size > 1 ? Object.fromEntries([...byRoute].map(([route, ms]) => [route, { ...summarize(ms), p95: percentile(ms, 95) }])) : undefined;
    out[name] = { name, path: probe(0).path, latency: summarize(lat), p95: percentile(lat, 95), errors, errorCodes: codes, parts };
  }
  return out;
}

/** Nearest-rank percentile (ms, 2 decimals), as summarize() computes the others. */
export function percentile(values: number[], p: number): number {
  const v = [...values].sort((a, b) => a - b);
  return v.length ? Math.round(v[Math.min(v.length - 1, Math.max(0, Math.ceil((p / 100) * v.length) - 1))] * 100) / 100 : NaN;
}
