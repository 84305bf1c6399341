// Concurrent writers on one project, pledge or rating: exactly one stage change, no lost progress, one decision.
import { startTestServer, type TestServer } from '../support/server';
import { Project } from '../../server/src/projects/model';
import { person, seedWorld, type Person, type World } from './projects.helpers';
import { decidedHowVote } from '../support/decidedVote';
import type { Json } from '../support/json';

let s: TestServer;
let w: World;
let street: Person, community: Person, committee: Person, r3: Person;
const api = (path: string, token: string, body?: unknown, method?: string) => s.api(path, { token, body, method });

beforeAll(async () => {
  s = await startTestServer({ DB_PREFIX: 'projects_race' });
  w = await seedWorld();
  street = await person('st', { grants: [{ role: 'street_staff', scope: 'S1' }] });
  community = await person('cw', { grants: [{ role: 'community_worker', scope: 'C1' }] });
  committee = await person('cx', { grants: [{ role: 'committee', scope: 'X' }] });
  r3 = await person('r3', { dwellings: [w.X[2]] });
});
afterAll(async () => {
  await s.stop();
});

describe('races', () => {
  it('two staff advancing the same stage at once: one change, one refusal, one history entry', async () => {
    const id = (await api('/api/projects', street.token, { complexCode: 'X', year: 2030 })).body.id;
    const rs = await Promise.all([street, community, street, community].map((p) => api(`/api/projects/${id}/transitions`, p.token, { to: 'annual_plan' })));
    expect(rs.filter((r) => r.status === 200)).toHaveLength(1);
    expect(rs.filter((r) => r.status !== 200).every((r) => r.status === 422 || r.status === 409)).toBe(true);
    expect((await Project.findById(id).lean())!.transitions.map((t) => t.to)).toEqual(['reserve', 'annual_plan']);
  });

  it('progress updates and a stage change at the same time lose nothing', async () => {
    const id = (await api('/api/projects', street.token, { complexCode: 'X', year: 2031 })).body.id;
    for (const to of ['annual_plan', 'design']) await api(`/api/projects/${id}/transitions`, street.token, { to });
    const items = (
      await api(
        `/api/projects/${id}/items`,
        street.token,
        {
          items: ['a', 'b', 'c', 'd'].map((name) => ({ category: 'basic', name, quantity: 1, unit: '项', budgetFen: 100 })),
        },
        'PUT',
      )
    ).body.items;
    await api(`/api/projects/${id}/funding`, street.token, { centralSubsidyFen: 400 }, 'PUT');
    await decidedHowVote(id);
    for (const to of ['publicity', 'construction']) await api(`/api/projects/${id}/transitions`, street.token, { to });
    await api(`/api/projects/${id}/acceptance`, street.token, { date: '2025-01-01', passed: true, participants: [{ unit: '住建局', role: '主管' }] }, 'PUT');
    const rs = await Promise.all([
      ...items.map((i: Json) => api(`/api/projects/${id}/progress`, committee.token, { items: [{ itemId: i.id, percent: 100 }] })),
      api(`/api/projects/${id}/transitions`, street.token, { to: 'acceptance' }),
    ]);
    const p = (await Project.findById(id).lean())!;
    const progressOk = rs.slice(0, 4).filter((r) => r.status === 201).length;
    // Each update either landed before the stage change (kept) or was refused after it (409) — never silently lost.
    expect(p.items.filter((i) => i.percent === 100)).toHaveLength(progressOk);
    expect(rs.slice(0, 4).every((r) => r.status === 201 || r.status === 409)).toBe(true);
    expect(p.status).toBe('acceptance');
  });

  it('confirm and cancel of one pledge at once: one decision wins', async () => {
    const id = (await api('/api/projects', street.token, { complexCode: 'X', year: 2032 })).body.id;
    const pid = (await api(`/api/projects/${id}/pledges`, r3.token, { kind: 'money', dwellingId: w.X[2], amountFen: 100 })).body.id;
    const [a, b] = await Promise.all([
      api(`/api/pledges/${pid}/confirm`, committee.token, {}),
      api(`/api/pledges/${pid}/cancel`, r3.token, { reason: '改主意了' }),
    ]);
    // Whichever ran second is refused: a confirmed pledge is no longer the resident's to cancel (403), a cancelled one can't be confirmed (409).
    expect([a.status, b.status].filter((x) => x === 200)).toHaveLength(1);
    expect(a.status === 200 ? b.status : a.status).toBe(a.status === 200 ? 403 : 409);
    const mine = (await api(`/api/projects/${id}/pledges`, r3.token)).body.pledges[0];
    expect(mine.history).toHaveLength(2);
  });
});
