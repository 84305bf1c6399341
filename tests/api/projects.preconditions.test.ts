// Stage preconditions, stated and enforced: 方案公示 needs a decided 怎么改 vote (announced, passed, linked to the
// project) and publishes the plan notice; 施工 needs that notice still up. A refusal is a 422 with codes the
// mini-program words in zh and bo, and nothing changes: stage, history, notices.
import { Notice } from '../../server/src/notices/model';
import { decidedHowVote } from '../support/decidedVote';
import { startTestServer, type TestServer } from '../support/server';
import { person, seedWorld, type Person, type World } from './projects.helpers';

let s: TestServer;
let w: World;
let street: Person, resident: Person;
let P: string;
const call = (path: string, who: Person, body?: unknown, method?: string) => s.api(path, { token: who.token, body, method });
const project = async () => (await call(`/api/projects/${P}`, street)).body;
const go = (to: string) => call(`/api/projects/${P}/transitions`, street, { to });
const checks = async () => (await project()).nextStageChecks.map((c: { code: string; met: boolean }) => [c.code, c.met]);

async function expectRefused(to: string, code: string, stage: string) {
  const before = await project();
  const r = await go(to);
  expect([r.status, r.body.error.code, r.body.error.details.codes]).toEqual([422, 'TRANSITION_NOT_ALLOWED', [code]]);
  expect(r.body.error.message).toMatch(/[\u4e00-\u9fff]/);
  const after = await project();
  expect([after.status, after.transitions.length, after.noticeIds]).toEqual([stage, before.transitions.length, before.noticeIds]);
}

beforeAll(async () => {
  s = await startTestServer({ DB_PREFIX: 'projects_preconditions' });
  w = await seedWorld();
  street = await person('st', { grants: [{ role: 'street_staff', scope: 'S1' }] });
  resident = await person('res', { dwellings: [w.X[0]] });
  P = (await call('/api/projects', street, { complexCode: 'X', year: 2026, name: '幸福小区综合改造' })).body.id;
  for (const to of ['annual_plan', 'design']) await go(to);
  await call(`/api/projects/${P}/items`, street, { items: [{ category: 'basic', name: '屋面防水', quantity: 1, unit: '项', unitCostFen: 100_000 }] }, 'PUT');
  await call(`/api/projects/${P}/funding`, street, { centralSubsidyFen: 100_000 }, 'PUT');
});
afterAll(async () => {
  await s.stop();
});

describe('方案公示 needs a decided 怎么改 vote', () => {
  it('the staff screen is told which conditions are met before the tap', async () => {
    expect(await checks()).toEqual([
      ['items', true],
      ['funding', true],
      ['how_vote', false],
    ]);
  });

  it('without any vote: refused, no plan notice published', async () => {
    await expectRefused('publicity', 'no_how_vote', 'design');
    expect(await Notice.countDocuments({ sourceKey: `project:${P}:plan` })).toBe(0);
  });

  it('a passed 改不改 vote, an unannounced or a failed 怎么改 vote, or one linked elsewhere do not count', async () => {
    await decidedHowVote(P, { kind: 'whether' });
    await expectRefused('publicity', 'no_how_vote', 'design');
    await decidedHowVote(P, { status: 'closed' });
    await expectRefused('publicity', 'no_how_vote', 'design');
    await decidedHowVote(P, { approving: 1 }); // 1 of 6 households: fails the 3/4 rule
    await expectRefused('publicity', 'no_how_vote', 'design');
    await decidedHowVote(P, { linked: false }); // decided, but not linked to this project
    await expectRefused('publicity', 'no_how_vote', 'design');
  });

  it('once a decided 怎么改 vote is linked: allowed, and the plan notice is published for the residents', async () => {
    const vote = await decidedHowVote(P, { linked: false });
    expect((await call(`/api/projects/${P}/links`, street, { kind: 'consultation', targetId: vote })).status).toBe(200);
    expect(await checks()).toEqual([
      ['items', true],
      ['funding', true],
      ['how_vote', true],
    ]);
    const r = await go('publicity');
    expect([r.status, r.body.status]).toEqual([200, 'publicity']);
    const notice = await call(`/api/notices/${r.body.noticeIds[0]}`, resident);
    expect([notice.status, notice.body.kind, notice.body.title]).toEqual([200, 'plan_publicity', '幸福小区综合改造改造方案公示']);
    expect(await checks()).toEqual([['plan_notice', true]]);
  });
});

describe('施工 needs the plan notice still up', () => {
  it('after the plan notice is withdrawn: refused, the stage stays', async () => {
    const noticeId = (await project()).noticeIds[0];
    const wd = await call(`/api/notices/${noticeId}/withdrawal`, street, { reason: '方案有误，重新公示' });
    expect(wd.status).toBe(200);
    expect(await checks()).toEqual([['plan_notice', false]]);
    await expectRefused('construction', 'no_plan_notice', 'publicity');
  });

  it('a new plan notice posted by staff and linked to the project lets works start', async () => {
    const n = await call('/api/notices', street, {
      kind: 'plan_publicity',
      audience: { type: 'area', code: 'X' },
      title: '幸福小区改造方案（更正）公示',
      body: '<p>更正后的方案</p>',
      displayDays: 7,
    });
    expect(n.status).toBe(201);
    expect((await call(`/api/projects/${P}/links`, street, { kind: 'notice', targetId: n.body.id })).status).toBe(200);
    expect((await go('construction')).status).toBe(200);
  });
});
