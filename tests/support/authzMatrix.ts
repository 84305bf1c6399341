/**
 * A reusable authorization matrix: every route × every actor, with the exact expected status.
 *
 *   const actors = { anon: undefined, resident: tokenA, committeeIn: tokenB, ... };
 *   const cases: AuthzCase[] = [{
 *     route: 'POST /api/claims/:id/decision',
 *     setup: async () => ({ id: await makePendingClaim() }),       // fresh state for EACH actor (optional)
 *     call: (token, ctx) => s.api(`/api/claims/${ctx.id}/decision`, { token, body: { approve: true } }),
 *     allow: ['committeeIn', 'admin'],  // these must get a 2xx (or `allowStatus`)
 *     deny: 404,                        // the others must get exactly this (default 403); anonymous gets 401
 *   }];
 *   const result = await runAuthzMatrix(actors, cases);
 *   expect(result.mismatches).toEqual([]);          // the message lists every wrong cell
 *
 * `coverage(openapi, tags, cases)` lists routes of those tags that no case exercises, so a new route without a
 * matrix row fails the test.
 */
import type { Json } from './json';

export type Token = string | undefined;
export interface AuthzCase<C = Json> {
  /** 'METHOD /path/:param' exactly as the route is defined (used for coverage). */
  route: string;
  /** Extra words when one route has several cases (e.g. which role is granted). */
  label?: string;
  setup?: (actor: string) => Promise<C>;
  call: (token: Token, ctx: C, actor: string) => Promise<{ status: number; body?: unknown }>;
  allow: readonly string[] | 'all' | 'authenticated';
  allowStatus?: number;
  deny?: number;
  /** Status for actors without a token when the route needs login (default 401). */
  anonymous?: number;
  /** Per-actor overrides of the expected status. */
  expect?: Record<string, number>;
}
export interface MatrixCell {
  route: string;
  actor: string;
  expected: number | '2xx';
  got: number;
  ok: boolean;
  code?: string;
}

function expectedFor(c: AuthzCase, actor: string, token: Token): number | '2xx' {
  if (c.expect?.[actor] !== undefined) return c.expect[actor];
  const allowed = c.allow === 'all' || (c.allow === 'authenticated' ? token !== undefined : c.allow.includes(actor));
  if (allowed) return c.allowStatus ?? '2xx';
  if (token === undefined) return c.anonymous ?? 401;
  return c.deny ?? 403;
}

export async function runAuthzMatrix(actors: Record<string, Token>, cases: AuthzCase[]) {
  const cells: MatrixCell[] = [];
  for (const c of cases) {
    // Denials first, so a state-changing success can't change what a later actor sees.
    const order = Object.keys(actors).sort((a, b) => Number(expectedFor(c, a, actors[a]) === '2xx') - Number(expectedFor(c, b, actors[b]) === '2xx'));
    for (const actor of order) {
      const token = actors[actor];
      const ctx = c.setup ? await c.setup(actor) : undefined;
      const res = await c.call(token, ctx, actor);
      const expected = expectedFor(c, actor, token);
      const ok = expected === '2xx' ? res.status >= 200 && res.status < 300 : res.status === expected;
      const code = (res.body as { error?: { code?: string } } | undefined)?.error?.code;
      cells.push({ route: c.label ? `${c.route} [${c.label}]` : c.route, actor, expected, got: res.status, ok, code });
    }
  }
  const mismatches = cells.filter((x) => !x.ok).map((x) => `${x.route} as ${x.actor}: expected ${x.expected}, got ${x.got}${x.code ? ` ${x.code}` : ''}`);
  return { cells, mismatches, table: formatMatrix(cells, Object.keys(actors)) };
}

/** A text table (routes × actors; `!` marks a wrong cell) for the test log or an artifact file. */
export function formatMatrix(cells: MatrixCell[], actors: string[]): string {
  const routes = [...new Set(cells.map((c) => c.route))];
  const width = Math.max(...routes.map((r) => r.length));
  const col = (a: string) => Math.max(a.length, 4);
  const head = `${''.padEnd(width)} | ${actors.map((a) => a.padEnd(col(a))).join(' ')}`;
  const lines = routes.map(
    (r) =>
      `${r.padEnd(width)} | ${actors
        .map((a) => {
          const c = cells.find((x) => x.route === r && x.actor === a);
          return (c ? `${c.got}${c.ok ? '' : '!'}` : '-').padEnd(col(a));
        })
        .join(' ')}`,
  );
  return [head, ...lines].join('\n');
}

/** Routes of the given OpenAPI tags that no case covers. */
export function uncoveredRoutes(openapi: { paths: Record<string, Record<string, { tags?: string[] }>> }, tags: string[], cases: AuthzCase[]): string[] {
  const covered = new Set(cases.map((c) => c.route));
  const out: string[] = [];
  for (const [p, ops] of Object.entries(openapi.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      if (!op.tags?.some((t) => tags.includes(t))) continue;
      const key = `${method.toUpperCase()} ${p.replace(/\{(\w+)\}/g, ':$1')}`;
      if (!covered.has(key)) out.push(key);
    }
  }
  return out;
}
