// The `abilities` a view returns must agree with what the routes do, for every kind of caller: a flag that says true
// never meets 403/404 on its route (a state refusal such as 409 is fine), a flag that says false always does. So the
// mini-program, which shows actions from these flags, can't drift from the server's policies.
import { startTestServer, type TestServer } from '../support/server';
import { cast, closeVote, openVote, person, seedAreas, seedDwellings, shortLeadTime, yes, type Person } from '../support/consultations';
import type { Json } from '../support/json';

let s: TestServer;
let d: string[];
const ACTORS = ['owner', 'tenant', 'family', 'proxy', 'committee', 'committeeZ', 'street', 'county', 'admin'] as const;
const who = {} as Record<(typeof ACTORS)[number], Person>;
const ids = {} as Record<'draft' | 'open' | 'closed' | 'notice' | 'project' | 'item', string>;

const vote = () => ({
  kind: 'whether',
  title: '加装电梯',
  complexCode: 'Q',
  electorate: { level: 'entrance', entranceCode: 'QB1U1' },
});
const future = (h: number) => new Date(Date.now() + h * 3600e3).toISOString();
const req = (path: string, token: string, method = 'GET', body?: unknown) => s.api(path, { method, body, token });
const must = async (p: Promise<{ status: number; body: Json }>, what: string) => {
  const r = await p;
  if (r.status >= 300) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
};

beforeAll(async () => {
  s = await startTestServer({ DB_PREFIX: 'abilities' });
  const paths = await seedAreas();
  d = await seedDwellings(paths, [
    ...Array.from({ length: 4 }, (_, i) => ({ entrance: 'QB1U1', room: `${i + 1}01`, area: 9000 })),
    { entrance: 'ZB1U1', room: '101', area: 9000 },
  ]);
  who.owner = await person({ owns: [d[0]] });
  who.tenant = await person({ tenantOf: [d[1]] });
  who.family = await person({ familyOf: [d[2]] });
  who.proxy = await person({ proxyFor: [d[3]] });
  who.committee = await person({ grants: [{ role: 'committee', scope: 'Q' }] });
  who.committeeZ = await person({ grants: [{ role: 'committee', scope: 'Z' }] });
  who.street = await person({ grants: [{ role: 'street_staff', scope: 'S' }] });
  who.county = await person({ grants: [{ role: 'county_official', scope: 'K' }] });
  who.admin = await person({ grants: [{ role: 'admin', scope: 'root' }] });
  await shortLeadTime(s, who.admin.token);
  const c = who.committee.token;
  ids.draft = (await must(req('/api/consultations', c, 'POST', { ...vote(), opensAt: future(1), closesAt: future(48) }), 'draft')).id;
  ids.open = await openVote(s, c, vote());
  ids.closed = await openVote(s, c, vote());
  await must(cast(s, who.owner.token, ids.closed, d[0], yes()), 'ballot');
  await closeVote(s, c, ids.closed);
  const notice = { kind: 'plan_publicity', audience: { type: 'area', code: 'Q' }, title: '改造方案公示', body: '<p>内容</p>' };
  ids.notice = (await must(req('/api/notices', c, 'POST', notice), 'notice')).id;
  const st = who.street.token;
  ids.project = (await must(req('/api/projects', st, 'POST', { complexCode: 'Q', year: 2030 }), 'project')).id;
  for (const to of ['annual_plan', 'design']) await must(req(`/api/projects/${ids.project}/transitions`, st, 'POST', { to }), to);
  const items = [{ category: 'basic', name: '屋面', quantity: 1, unit: '项', budgetFen: 100 }];
  ids.item = (await must(req(`/api/projects/${ids.project}/items`, st, 'PUT', { items }), 'items')).items[0].id;
}, 90_000);
afterAll(async () => {
  await s.stop();
});

type Probe = (p: Person) => Promise<{ status: number; body: Json }>;
/** The caller's own dwelling when they have one, else a dwelling of the electorate (refused for them). */
const dwellingOf = (p: Person) => ({ [who.owner.id]: d[0], [who.tenant.id]: d[1], [who.family.id]: d[2], [who.proxy.id]: d[3] })[p.id] ?? d[0];

/**
 * One view, the route each flag stands for, and the flags some callers hold and others don't. Voting is probed on the
 * open vote only: outside the voting window the route answers 409 to everyone before it looks at who asks.
 */
const CONSULTATION_FLAGS = ['canManage', 'canVote', 'canVerify', 'canAudit'];
const VIEWS: { name: string; view: () => string; flags: string[]; mixed: string[]; probes: Record<string, Probe> }[] = [
  ...(
    [
      ['draft', ['canManage']],
      ['open', ['canManage', 'canVote', 'canVerify']],
      ['closed', ['canManage', 'canVerify', 'canAudit']],
    ] as const
  ).map(([k, mixed]) => ({
    name: `consultation (${k})`,
    view: () => `/api/consultations/${ids[k]}`,
    flags: CONSULTATION_FLAGS,
    mixed: [...mixed],
    probes: {
      canManage: (p: Person) => req(`/api/consultations/${ids[k]}/participation`, p.token),
      ...(k === 'open' ? { canVote: (p: Person) => cast(s, p.token, ids[k], dwellingOf(p), yes()) } : {}),
      canVerify: (p: Person) => req(`/api/consultations/${ids[k]}/log/verify`, p.token),
      canAudit: (p: Person) => req(`/api/consultations/${ids[k]}/ballots`, p.token),
    },
  })),
  {
    name: 'notice',
    view: () => `/api/notices/${ids.notice}`,
    flags: ['canManage', 'canObject'],
    mixed: ['canManage', 'canObject'],
    probes: {
      canManage: (p) => req(`/api/notices/${ids.notice}/stats`, p.token),
      canObject: (p) => req(`/api/notices/${ids.notice}/objections`, p.token, 'POST', { text: '楼道太窄' }),
    },
  },
  {
    name: 'project',
    view: () => `/api/projects/${ids.project}`,
    flags: ['canPlan', 'canReportProgress', 'canComment', 'canReadTables'],
    mixed: ['canPlan', 'canReportProgress', 'canComment', 'canReadTables'],
    probes: {
      canPlan: (p) => req(`/api/projects/${ids.project}/funding`, p.token, 'PUT', { centralSubsidyFen: 100 }),
      canReportProgress: (p) => req(`/api/projects/${ids.project}/progress`, p.token, 'POST', { items: [{ itemId: ids.item, percent: 10 }] }),
      canComment: (p) => req(`/api/projects/${ids.project}/comments`, p.token, 'POST', { text: '下周进场' }),
      canReadTables: (p) => req(`/api/projects/${ids.project}/export.xlsx`, p.token),
    },
  },
];

const REFUSED = [403, 404];

describe.each(VIEWS)('$name: abilities agree with the routes', ({ view, flags, mixed, probes }) => {
  const seen: Record<string, Set<boolean>> = {};

  it.each(ACTORS)('%s', async (name) => {
    const p = who[name];
    const r = await req(view(), p.token);
    expect([200, 404]).toContain(r.status);
    // A caller who may not open the view holds no ability: every route refuses them too.
    const abilities: Record<string, boolean> = r.status === 404 ? {} : r.body.abilities;
    if (r.status !== 404) expect(Object.keys(abilities).sort()).toEqual([...flags].sort());
    const disagreements: string[] = [];
    for (const [flag, probe] of Object.entries(probes)) {
      const allowed = abilities[flag] === true;
      (seen[flag] ??= new Set()).add(allowed);
      const res = await probe(p);
      expect(res.status).toBeLessThan(500);
      if (allowed === REFUSED.includes(res.status))
        disagreements.push(`${flag}=${allowed} but the route answered ${res.status} ${res.body?.error?.code ?? ''}`);
    }
    expect({ name, disagreements }).toEqual({ name, disagreements: [] });
  });

  // The matrix means something only if each flag is true for some callers and false for others.
  it('each flag is granted to some callers and refused to others', () => {
    for (const flag of mixed) expect([flag, [...seen[flag]].sort()]).toEqual([flag, [false, true]]);
  });
});
