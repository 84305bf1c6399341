// What the staff workbench sends: items by unit cost, the funding plan, stage preconditions, joint acceptance with
// signatories, a project for some buildings linked to its votes. Every refusal is a 4xx with a Chinese message and
// a code the mini-program words in zh and bo, and leaves the project as it was.
import { startTestServer, type TestServer } from '../support/server';
import { decidedHowVote } from '../support/decidedVote';
import { closedConsultation, person, seedWorld, type Person, type World } from './projects.helpers';
import type { Json } from '../support/json';

let s: TestServer;
let w: World;
let street: Person, committee: Person;
let P: string;
const call = (path: string, who: Person, body?: unknown, method?: string) => s.api(path, { token: who.token, body, method });
const project = async () => (await call(`/api/projects/${P}`, street)).body;
const go = (to: string) => call(`/api/projects/${P}/transitions`, street, { to });

beforeAll(async () => {
  s = await startTestServer({ DB_PREFIX: 'projects_workbench' });
  w = await seedWorld();
  street = await person('st', { grants: [{ role: 'street_staff', scope: 'S1' }] });
  committee = await person('cm', { grants: [{ role: 'committee', scope: 'X' }] });
});
afterAll(async () => {
  await s.stop();
});

describe('creating', () => {
  it('a project for one building, linked to the vote that decided it', async () => {
    const vote = await closedConsultation({ kind: 'whether', complexCode: 'X', dwellings: w.X, choices: ['approve', 'approve', null, null, null, null] });
    const r = await call('/api/projects', street, { complexCode: 'X', year: 2026, buildingCodes: ['XB1'], consultationIds: [vote] });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ status: 'reserve', buildingCodes: ['XB1'], consultationIds: [vote] });
    P = r.body.id;
  });

  it('refuses a building or a vote of another complex, and creates nothing', async () => {
    const other = await closedConsultation({ kind: 'whether', complexCode: 'Y', dwellings: w.Y, choices: ['approve', null] });
    for (const body of [{ buildingCodes: ['YB1'] }, { consultationIds: [other] }]) {
      const r = await call('/api/projects', street, { complexCode: 'X', year: 2027, ...body });
      expect([r.status, r.body.error.message]).toEqual([422, expect.stringMatching(/[\u4e00-\u9fff]/)]);
    }
    expect((await call('/api/projects?complexCode=X', street)).body.projects).toHaveLength(1);
  });
});

describe('planning', () => {
  it('items by quantity × unit cost: 120.5 ㎡ × 85.30 元 = 10,278.65 元; budgets add up', async () => {
    await go('annual_plan');
    await go('design');
    const r = await call(
      `/api/projects/${P}/items`,
      street,
      {
        items: [
          { category: 'basic', name: '屋面防水', quantity: 120.5, unit: '㎡', unitCostFen: 8530, note: '含保温' },
          { category: 'upgrade', name: '充电桩', quantity: 2, unit: '个', budgetFen: 600_000 },
        ],
      },
      'PUT',
    );
    expect(r.status).toBe(200);
    expect(r.body.items.map((i: Json) => [i.budgetFen, i.unitCostFen, i.note])).toEqual([
      [1_027_865, 8530, '含保温'],
      [600_000, null, ''],
    ]);
    expect(r.body.budgetFen).toBe(1_627_865);
  });

  it('a budget that disagrees with quantity × unit cost is refused; the items stay', async () => {
    const r = await call(
      `/api/projects/${P}/items`,
      street,
      { items: [{ category: 'basic', name: '屋面防水', quantity: 2, unit: '㎡', unitCostFen: 100, budgetFen: 201 }] },
      'PUT',
    );
    expect([r.status, r.body.error.code, r.body.error.message]).toEqual([422, 'BUDGET_MISMATCH', '「屋面防水」预算 2.01 元与数量 × 单价 = 2.00 元不符']);
    expect((await project()).budgetFen).toBe(1_627_865);
  });

  it('a plan that does not balance cannot be published: the reasons come as codes, the stage stays', async () => {
    // Central 10,000 + residents 10,000 = 20,000 yuan against a budget of 16,278.65: 3,721.35 too much.
    await decidedHowVote(P); // the other precondition, met (see projects.preconditions.test.ts)
    await call(`/api/projects/${P}/funding`, street, { centralSubsidyFen: 1_000_000, residentsFen: 1_000_000 }, 'PUT');
    const r = await go('publicity');
    expect([r.status, r.body.error.code, r.body.error.details.codes]).toEqual([422, 'TRANSITION_NOT_ALLOWED', ['unbalanced']]);
    expect(r.body.error.message).toBe('资金筹措方案与预算不平衡，须调整后再公示');
    expect((await project()).status).toBe('design');
    // The shortfall is shared 2:1:1 once the plan leaves a gap: 16,278.65 − 10,000 − 2,000 = 4,278.65 yuan.
    const f = (await call(`/api/projects/${P}/funding`, street, { centralSubsidyFen: 1_000_000, residentsFen: 200_000 }, 'PUT')).body.funding;
    expect([f.balanced, f.split.shortfallFen, f.split.regionFen + f.split.prefectureFen + f.split.countyFen]).toEqual([true, 427_865, 427_865]);
    expect((await go('publicity')).status).toBe(200);
  });

  it('the committee reads the plan but cannot change it', async () => {
    expect((await call(`/api/projects/${P}`, committee)).status).toBe(200);
    expect((await call(`/api/projects/${P}/transitions`, committee, { to: 'construction' })).status).toBe(403);
  });
});

describe('joint acceptance', () => {
  it('needs at least one signatory, and cannot pass with an item refused; nothing is recorded', async () => {
    await go('construction');
    const items = (await project()).items;
    const none = await call(`/api/projects/${P}/acceptance`, street, { date: '2026-10-01', passed: true, participants: [] }, 'PUT');
    expect([none.status, none.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
    const mixed = await call(
      `/api/projects/${P}/acceptance`,
      street,
      {
        date: '2026-10-01',
        passed: true,
        participants: [{ unit: 'K1县住建局', role: '主管部门', name: '李明' }],
        items: [
          { itemId: items[0].id, accepted: true },
          { itemId: items[1].id, accepted: false },
        ],
      },
      'PUT',
    );
    expect([mixed.status, mixed.body.error.code]).toEqual([422, 'ACCEPTANCE_INCONSISTENT']);
    expect((await project()).acceptance).toBeNull();
    const stuck = await go('acceptance');
    expect([stuck.status, stuck.body.error.details.codes]).toEqual([422, ['no_acceptance']]);
  });

  it('with a signatory and every item accepted it passes, and 竣工验收 opens the ratings', async () => {
    const items = (await project()).items;
    const r = await call(
      `/api/projects/${P}/acceptance`,
      street,
      {
        date: '2026-10-01',
        passed: true,
        participants: [{ unit: 'K1县住建局', role: '主管部门', name: '李明' }],
        items: items.map((i: Json) => ({ itemId: i.id, accepted: true })),
      },
      'PUT',
    );
    expect(r.body.acceptance.participants).toEqual([{ unit: 'K1县住建局', role: '主管部门', name: '李明' }]);
    const a = (await go('acceptance')).body;
    expect([a.status, a.ratingWindow.open]).toEqual(['acceptance', true]);
  });
});
