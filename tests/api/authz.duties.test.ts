// Separation of duties (issue 12), in the route × role × scope matrix style: nobody decides a claim or proxy they
// filed, registered or are named in, or that concerns a dwelling they are bound to; a proxy registered by staff
// needs a second staff member. Out of scope: the same 404 as for an unknown object.
import { startTestServer, type TestServer } from '../support/server';
import { runAuthzMatrix, type AuthzCase, type Token } from '../support/authzMatrix';
import { bind, createUser, pendingProxy, seedAreaTree, T } from '../support/identity';
import { gridRows, importFile, toXlsx } from '../support/rosterFiles';
import { Binding, ProxyAuth } from '../../server/src/roster/bindingModel';
import { Dwelling } from '../../server/src/roster/model';
import { AuditLog } from '../../server/src/identity/audit';
import { refreshUserDwellings } from '../../server/src/roster/rights';
import type { Json } from '../support/json';

let s: TestServer;
const actors: Record<string, Token> = {};
const id: Record<string, string> = {};
let X = '';

const ACTORS: [string, { role: Json; scope: string }[]][] = [
  ['reviewer', [{ role: 'community_worker', scope: T.community }]],
  ['claimant', [{ role: 'committee', scope: T.complex }]], // files the claim on X
  ['bound', [{ role: 'committee', scope: T.complex }]], // an active tenant of X
  ['registrant', [{ role: 'committee', scope: T.complex }]], // registers the proxy on X
  ['proxy', [{ role: 'committee', scope: T.complex }]], // named as the proxy of X
  ['committeeOut', [{ role: 'committee', scope: T.complex2 }]],
  ['resident', []],
];

beforeAll(async () => {
  s = await startTestServer({ DB_PREFIX: 'authz_duties', JOBS: 'false' });
  await seedAreaTree();
  for (const [name, grants] of ACTORS) {
    const u = await createUser({ name, grants });
    actors[name] = u.token;
    id[name] = u.id;
  }
  const admin = await createUser({ grants: [{ role: 'admin', scope: 'root' }] });
  expect((await importFile(s, admin.token, T.complex, await toXlsx(gridRows({ buildings: 1, floors: 2, seed: 4400 })))).status).toBe(200);
  X = String((await Dwelling.findOne({ complexCode: T.complex }).sort({ room: 1 }).lean())!._id);
  await bind(id.bound, X, 'tenant', 'active');
});
afterAll(async () => {
  await s?.stop();
});

const api = (p: string, token: Token, body: unknown) => s.api(p, { method: 'POST', token, body });
/** An approval in an earlier cell bound the claimant to X: start each cell from "claim filed, not bound". */
async function unbindClaimant() {
  await Binding.deleteMany({ userId: id.claimant });
  await refreshUserDwellings([id.claimant]);
}

const CASES: AuthzCase[] = [
  {
    route: 'POST /api/claims/:id/decision',
    allow: ['reviewer', 'registrant', 'proxy'],
    deny: 404,
    expect: { claimant: 403, bound: 403 },
    setup: async () => {
      await unbindClaimant();
      return { id: await bind(id.claimant, X, 'owner', 'pending') };
    },
    call: (t, c) => api(`/api/claims/${c.id}/decision`, t, { approve: true }),
  },
  {
    route: 'POST /api/proxies/:id/decision',
    allow: ['reviewer', 'claimant'],
    deny: 404,
    expect: { bound: 403, registrant: 403, proxy: 403 },
    setup: async () => {
      await unbindClaimant();
      await ProxyAuth.deleteMany({ dwellingId: X });
      return { id: await pendingProxy(X, id.proxy, id.registrant) };
    },
    call: (t, c) => api(`/api/proxies/${c.id}/decision`, t, { approve: true }),
  },
  {
    // By now the proxy case approved the proxy: an approved proxy of X is bound to X too, so it may not revoke there.
    route: 'POST /api/bindings/:id/revoke',
    allow: ['reviewer', 'claimant', 'registrant'],
    deny: 404,
    setup: async () => {
      await unbindClaimant();
      return { id: await bind((await createUser()).id, X, 'family', 'active') };
    },
    call: (t, c) => api(`/api/bindings/${c.id}/revoke`, t, { reason: '已搬离' }),
  },
];

it('decides only what the decider has no part in', async () => {
  const result = await runAuthzMatrix(actors, CASES);
  expect(result.mismatches).toEqual([]);
  const codes = Object.fromEntries(result.cells.filter((c) => c.got === 403).map((c) => [`${c.route} ${c.actor}`, c.code]));
  expect(codes).toEqual({
    'POST /api/claims/:id/decision claimant': 'DECISION_SELF',
    'POST /api/claims/:id/decision bound': 'DECISION_BOUND',
    'POST /api/proxies/:id/decision bound': 'DECISION_BOUND',
    'POST /api/proxies/:id/decision registrant': 'DECISION_REGISTRANT',
    'POST /api/proxies/:id/decision proxy': 'DECISION_SELF',
  });
});

it('the audit log names both the registrant and the second staff member who decided', async () => {
  await ProxyAuth.deleteMany({ dwellingId: X });
  const p = await pendingProxy(X, id.proxy, id.registrant);
  expect((await api(`/api/proxies/${p}/decision`, actors.reviewer, { approve: true })).status).toBe(200);
  const a = await AuditLog.findOne({ action: 'proxy.approve', targetId: p }).lean();
  expect(a).toEqual(
    expect.objectContaining({ actorId: id.reviewer, details: expect.objectContaining({ registeredBy: id.registrant, decidedBy: id.reviewer }) }),
  );
});
