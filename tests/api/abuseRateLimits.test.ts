import { PRIVACY_VERSION } from '@gongzhi/shared';
import { startTestServer, type TestServer } from '../support/server';
import { startFakeWechat, type FakeWechat } from '../support/fakeWechat';
import { makePerson, seedAreasAndDwellings, wechatEnv, type Person } from '../support/notices';
import type { Json } from '../support/json';

/**
 * Rate limits on login, claims, objections and casting: hammering answers 429 RATE_LIMITED with a Retry-After in
 * seconds, never 5xx. Windows are fixed, so each burst is sized to cross any window boundary: with a limit L,
 * 2L+1 attempts must hit it. A client rotating X-Forwarded-For must not get a fresh budget.
 */
let s: TestServer;
let wx: FakeWechat;
let dwellings: Record<string, string>;
let ops: Set<string>;

beforeAll(async () => {
  wx = await startFakeWechat();
  s = await startTestServer({ DB_PREFIX: 'abuse_rate', JOBS: 'false', ...wechatEnv(wx) });
  dwellings = await seedAreasAndDwellings();
  const doc = (await s.api('/api/openapi.json')).body;
  ops = new Set(Object.entries<Json>(doc.paths).flatMap(([p, item]) => Object.keys(item).map((m) => `${m} ${p}`)));
}, 60_000);
afterAll(async () => {
  await s?.stop();
  await wx?.stop();
});

interface Hit {
  status: number;
  retryAfter: string | null;
  code?: string;
}
async function hammer(n: number, send: (i: number) => Promise<{ status: number; headers: Headers; body: Json }>): Promise<Hit[]> {
  const out: Hit[] = [];
  for (let i = 0; i < n; i++) {
    const r = await send(i);
    out.push({ status: r.status, retryAfter: r.headers.get('retry-after'), code: r.body?.error?.code });
  }
  return out;
}
function expectLimited(hits: Hit[], maxWindowSeconds: number) {
  expect(hits.filter((h) => h.status >= 500)).toEqual([]);
  const limited = hits.filter((h) => h.status === 429);
  expect(limited.length).toBeGreaterThan(0);
  for (const h of limited) {
    expect(h.code).toBe('RATE_LIMITED');
    expect(h.retryAfter).toMatch(/^\d+$/);
    expect(Number(h.retryAfter)).toBeGreaterThanOrEqual(1);
    expect(Number(h.retryAfter)).toBeLessThanOrEqual(maxWindowSeconds);
  }
}
const has = (op: string) => {
  if (!ops.has(op)) console.warn(`${op} is not in the OpenAPI document yet: its rate limit is not checked`);
  return ops.has(op);
};

describe('rate limits', () => {
  it('login: 30 a minute per client address → 429 with Retry-After', async () => {
    if (!has('post /api/auth/wechat')) return;
    const hits = await hammer(61, (i) => s.api('/api/auth/wechat', { body: { code: wx.issueCode(`o_rate_${i}`) } }));
    expectLimited(hits, 60);
    expect(hits.slice(0, 30).every((h) => h.status === 200 || h.status === 201)).toBe(true);
  });

  it('login: a rotating X-Forwarded-For does not reset the budget', async () => {
    if (!has('post /api/auth/wechat')) return;
    const hits = await hammer(61, (i) =>
      s.api('/api/auth/wechat', {
        body: { code: wx.issueCode(`o_xff_${i}`) },
        headers: { 'x-forwarded-for': `198.51.100.${i + 1}` },
      }),
    );
    expectLimited(hits, 60);
  });

  it('claims: a few attempts per user per ten minutes → 429 with Retry-After', async () => {
    if (!has('post /api/claims')) return;
    const claimant: Person = await makePerson({ name: 'claimant' });
    expect((await s.api('/api/me/privacy', { token: claimant.token, body: { version: PRIVACY_VERSION } })).status).toBe(200);
    const ids = Object.values(dwellings);
    const hits = await hammer(11, (i) =>
      s.api('/api/claims', {
        token: claimant.token,
        body: { dwellingId: ids[i % ids.length], relation: 'owner', ownerName: '错误的名字', last4: '0000' },
      }),
    );
    expectLimited(hits, 600);
  });

  it('objections: a few per user per ten minutes → 429 with Retry-After', async () => {
    if (!has('post /api/notices/{id}/objections')) return;
    const staff = await makePerson({ name: 'staff', grants: [{ role: 'street_staff', scope: 'S1' }] });
    const resident = await makePerson({ name: 'objector', dwellings: [dwellings.x101] });
    const n = await s.api('/api/notices', {
      token: staff.token,
      body: { kind: 'plan_publicity', audience: { type: 'area', code: 'X' }, title: '改造方案公示', body: '<p>方案</p>' },
    });
    expect(n.status).toBe(201);
    const hits = await hammer(11, (i) =>
      s.api(`/api/notices/${n.body.id}/objections`, { token: resident.token, body: { text: `意见第${i}条：施工时间太早` } }),
    );
    expectLimited(hits, 600);
  });

  it('casting: changing a ballot in a loop → 429 with Retry-After', async () => {
    if (!has('post /api/consultations/{id}/ballots')) return;
    const admin = await makePerson({ name: 'admin', grants: [{ role: 'admin', scope: 'root' }] });
    const committee = await makePerson({ name: 'committee', grants: [{ role: 'committee', scope: 'X' }] });
    const voter = await makePerson({ name: 'voter', dwellings: [dwellings.x102] });
    expect(
      (await s.api('/api/consultation-settings', { method: 'PUT', token: admin.token, body: { minLeadTimeHours: 0, defaultLeadTimeHours: 0 } })).status,
    ).toBe(200);
    const opensAt = Date.now() + 2000;
    const c = await s.api('/api/consultations', {
      token: committee.token,
      body: {
        kind: 'whether',
        title: '是否同意改造',
        complexCode: 'X',
        electorate: { level: 'complex' },
        leadTimeHours: 0,
        opensAt: new Date(opensAt).toISOString(),
        closesAt: new Date(Date.now() + 3600_000).toISOString(),
      },
    });
    expect(c.status).toBe(201);
    expect((await s.api(`/api/consultations/${c.body.id}/schedule`, { method: 'POST', token: committee.token })).status).toBe(200);
    await new Promise((r) => setTimeout(r, Math.max(0, opensAt - Date.now() + 50)));
    const { openConsultation } = await import('../../server/src/consultations/commands/openConsultation');
    await openConsultation(c.body.id); // JOBS=false here: open it the way the scheduler would
    const questionId = c.body.questions[0].id;
    const hits = await hammer(41, (i) =>
      s.api(`/api/consultations/${c.body.id}/ballots`, {
        token: voter.token,
        body: { dwellingId: dwellings.x102, answers: [{ questionId, choice: i % 2 ? 'approve' : 'reject' }] },
      }),
    );
    expect(hits[0].status).toBe(201);
    expectLimited(hits, 3600);
  }, 90_000);
});
