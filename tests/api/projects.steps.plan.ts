// Scenario part 1: complex X's project from 储备 to 施工 (stages, items, funding 2:1:1, plan publicity, elevator shares).
import type { TestServer } from '../support/server';
import { api, DAY, S } from './projects.scenario.ctx';
import { Notice } from '../../server/src/notices/model';
import { Project } from '../../server/src/projects/model';
import { cast, closeVote, no, openVote, shortLeadTime, waitAnnounced, yes } from '../support/consultations';
import { closedConsultation, type Person, type World } from './projects.helpers';
import type { Json } from '../support/json';

export function planSteps() {
  let s: TestServer, w: World, street: Person, committee: Person, county: Person, admin: Person;
  let r1: Person, r2: Person, r3: Person, r4: Person, r5: Person, tenant5: Person, r6: Person, ry: Person;
  beforeAll(() => {
    ({ s, w } = S);
    ({ street, committee, county, admin, r1, r2, r3, r4, r5, tenant5, r6, ry } = S.p);
  });
  describe('a project from 储备 to 方案公示', () => {
    it('street staff open one project per complex and year', async () => {
      const r = await api('/api/projects', street.token, { complexCode: 'X', year: 2025 });
      expect(r.status).toBe(201);
      expect(r.body).toMatchObject({
        status: 'reserve',
        statusLabel: '储备',
        nextStatus: 'annual_plan',
        complexName: 'X小区',
        areaPath: ['R', 'P1', 'K1', 'S1', 'C1', 'X'],
      });
      S.A = r.body.id;
      const again = await api('/api/projects', street.token, { complexCode: 'X', year: 2025 });
      expect(again.status).toBe(409);
      expect(again.body.error.code).toBe('PROJECT_EXISTS');
      expect((await api('/api/projects', committee.token, { complexCode: 'X', year: 2026 })).status).toBe(403);
      expect((await api('/api/projects', street.token, { complexCode: 'Z', year: 2026 })).status).toBe(403);
    });

    it('moves forward one step at a time, recording who and when', async () => {
      const skip = await api(`/api/projects/${S.A}/transitions`, street.token, { to: 'design' });
      expect(skip.status).toBe(422);
      expect(skip.body.error.code).toBe('TRANSITION_NOT_ALLOWED');
      expect((await api(`/api/projects/${S.A}/transitions`, county.token, { to: 'annual_plan' })).status).toBe(403);
      await api(`/api/projects/${S.A}/transitions`, street.token, { to: 'annual_plan', note: '列入 2025 年度计划' });
      const r = await api(`/api/projects/${S.A}/transitions`, street.token, { to: 'design' });
      expect(r.status).toBe(200);
      expect(r.body.transitions.map((t: Json) => [t.from, t.to, t.by])).toEqual([
        [null, 'reserve', street.id],
        ['reserve', 'annual_plan', street.id],
        ['annual_plan', 'design', street.id],
      ]);
      expect(r.body.transitions[1].note).toBe('列入 2025 年度计划');
    });

    it('lists items from the catalog with quantity, unit and budget in fen', async () => {
      const r = await api(
        `/api/projects/${S.A}/items`,
        street.token,
        {
          items: [
            { category: 'basic', name: '屋面防水', quantity: 1200, unit: '㎡', budgetFen: 36_000_000, plannedFinishOn: '2099-12-31' },
            { category: 'improvement', name: '加装电梯', quantity: 1, unit: '部', budgetFen: 60_000_000, plannedFinishOn: '2099-12-31' },
            { category: 'basic', name: '雨污管网改造', quantity: 800.5, unit: '米', budgetFen: 24_000_003, plannedFinishOn: '2020-01-01' },
          ],
        },
        'PUT',
      );
      expect(r.status).toBe(200);
      expect(r.body.budgetFen).toBe(120_000_003);
      expect(r.body.items.map((i: Json) => i.categoryLabel)).toEqual(['基础类', '完善类', '基础类']);
      S.items = r.body.items.map((i: Json) => ({ id: i.id, name: i.name }));
      const bad = await api(
        `/api/projects/${S.A}/items`,
        street.token,
        { items: [{ category: 'basic', name: 'x', quantity: 1, unit: '项', budgetFen: 10.5 }] },
        'PUT',
      );
      expect(bad.status).toBe(400);
    });

    const others = {
      utilities: [
        { name: '供电公司', amountFen: 5_000_000 },
        { name: '供水公司', amountFen: 3_000_000 },
      ],
      residentsFen: 12_000_000,
      maintenanceFundFen: 4_000_000,
      providentFundFen: 6_000_000,
      publicIncomeFen: 1_000_000,
      socialCapitalFen: 2_000_000,
    }; // 33,000,000 fen from everyone but governments

    it('consultations about the project feed it: by their projectId, or linked afterwards', async () => {
      // Through the consultations module: scheduled, opened by its scheduler, voted on, closed by the committee.
      await shortLeadTime(s, admin.token);
      const elevator = [{ id: 'elevator', title: '是否同意加装电梯及费用分摊方案', format: 'yes_no', rule: 'civil_major', options: [] }];
      const [whether, how] = await Promise.all([
        openVote(s, committee.token, { kind: 'whether', title: 'X小区是否改造', complexCode: 'X', electorate: { level: 'complex' }, projectId: S.A }),
        openVote(s, committee.token, {
          kind: 'how',
          title: '加装电梯方案',
          complexCode: 'X',
          electorate: { level: 'entrance', entranceCode: 'XU1' },
          questions: elevator,
        }),
      ]);
      // 改不改: floor 1 does not vote, floor 2 rejects, floors 3–6 approve. A tenant has no owner's vote.
      const voters: [Person, number][] = [
        [r2, 1],
        [r3, 2],
        [r4, 3],
        [r5, 4],
        [r6, 5],
      ];
      for (const [p, i] of voters) expect((await cast(s, p.token, whether, w.X[i], i === 1 ? no() : yes())).status).toBeLessThan(300);
      expect((await cast(s, tenant5.token, whether, w.X[4], yes())).status).toBeGreaterThanOrEqual(400);
      // 怎么改 (elevator, the entrance's owners): all six vote, floor 1 rejects.
      for (const [p, i] of [[r1, 0], ...voters] as [Person, number][]) {
        expect((await cast(s, p.token, how, w.X[i], i === 0 ? no('elevator') : yes('elevator'))).status).toBeLessThan(300);
      }
      await closeVote(s, committee.token, whether);
      await closeVote(s, committee.token, how);
      // Both are announced as passed: the decided 怎么改 vote is what 方案公示 needs (projects.preconditions.test.ts).
      await Promise.all([waitAnnounced(s, committee.token, whether), waitAnnounced(s, committee.token, how)]);
      // A survey decides nothing and is left out of the evaluation (inserted through the model).
      await closedConsultation({ kind: 'survey', complexCode: 'X', dwellings: w.X, choices: ['approve', null, null, null, null, null], projectId: S.A });
      // 怎么改 was created without the project: staff link it.
      const r = await api(`/api/projects/${S.A}/links`, street.token, { kind: 'consultation', targetId: how });
      expect(r.status).toBe(200);
      expect(r.body.consultationIds).toEqual([how]);
      const foreign = await closedConsultation({ kind: 'whether', complexCode: 'Y', dwellings: w.Y, choices: ['approve', 'approve'] });
      expect((await api(`/api/projects/${S.A}/links`, street.token, { kind: 'consultation', targetId: foreign })).status).toBe(422);
    });

    it('a funding plan that does not balance says by how much, and cannot be published', async () => {
      // Public money fixed at 800,000.00 yuan: central 500,000.00, local shortfall 300,000.00 → 2:1:1 = 150,000 / 75,000 / 75,000.
      const r = await api(`/api/projects/${S.A}/funding`, street.token, { centralSubsidyFen: 50_000_000, governmentFen: 80_000_000, ...others }, 'PUT');
      expect(r.status).toBe(200);
      expect(r.body.funding.split).toMatchObject({
        shortfallFen: 30_000_000,
        regionFen: 15_000_000,
        prefectureFen: 7_500_000,
        countyFen: 7_500_000,
        remainderFen: 0,
      });
      // 50,000,000 + 30,000,000 + 33,000,000 = 113,000,000 against a budget of 120,000,003: short by 7,000,003 fen.
      expect(r.body.funding).toMatchObject({ totalFen: 113_000_000, differenceFen: -7_000_003, balanced: false });
      expect(r.body.funding.balanceText).toContain('少 70000.03 元');
      const t = await api(`/api/projects/${S.A}/transitions`, street.token, { to: 'publicity' });
      expect(t.status).toBe(422);
      expect(t.body.error.details.problems).toEqual(['资金筹措方案与预算不平衡，须调整后再公示']);
    });

    it('the local governments close the gap, split 2:1:1 exact to the fen', async () => {
      const r = await api(`/api/projects/${S.A}/funding`, street.token, { centralSubsidyFen: 50_000_000, ...others }, 'PUT');
      // shortfall = 120,000,003 − 50,000,000 − 33,000,000 = 37,000,003 fen; q = floor(37,000,003 / 4) = 9,250,000, remainder 3:
      // region 2q + 1 = 18,500,001, prefecture q + 1 = 9,250,001, county q + 1 = 9,250,001 (remainder fen to region, prefecture, county in turn).
      expect(r.body.funding.split).toMatchObject({
        shortfallFen: 37_000_003,
        regionFen: 18_500_001,
        prefectureFen: 9_250_001,
        countyFen: 9_250_001,
        remainderFen: 3,
      });
      expect(r.body.funding.split.remainderRule).toContain('依次给自治区、地（市）、县（区）');
      expect(r.body.funding).toMatchObject({ totalFen: 120_000_003, differenceFen: 0, balanced: true });
      expect(r.body.funding.lines.find((l: Json) => l.kind === 'utility').amountFen).toBe(8_000_000);
    });

    it('entering 方案公示 publishes the plan to the complex and links the notice', async () => {
      const r = await api(`/api/projects/${S.A}/transitions`, street.token, { to: 'publicity' });
      expect(r.status).toBe(200);
      expect(r.body.noticeIds).toHaveLength(1);
      const n = await api(`/api/notices/${r.body.noticeIds[0]}`, r3.token);
      expect(n.status).toBe(200);
      expect(n.body).toMatchObject({ kind: 'plan_publicity' });
      expect(n.body.body).toContain('自治区财政资金：185000.01 元');
      const locked = await api(`/api/projects/${S.A}/items`, street.token, { items: [] }, 'PUT');
      expect(locked.status).toBe(409);
      expect(locked.body.error.code).toBe('PLAN_LOCKED');
    });
  });

  describe('方案公示: objections, consultations and the elevator shares', () => {
    let noticeId: string;

    it('residents object to the plan through the notice; staff answer one of two', async () => {
      noticeId = (await Project.findById(S.A).lean())!.noticeIds[0];
      const o1 = await api(`/api/notices/${noticeId}/objections`, r1.token, { text: '一楼住户担心电梯井遮挡采光' });
      const o2 = await api(`/api/notices/${noticeId}/objections`, r2.token, { text: '希望先修雨污管网' });
      expect([o1.status, o2.status]).toEqual([201, 201]);
      const ans = await api(`/api/notices/${noticeId}/objections/${o1.body.id}/response`, street.token, { text: '已调整电梯井位置，不影响一楼采光' });
      expect(ans.status).toBe(200);
    });

    it('an entrance elevator: each household pays ∝ floor coefficient × area, summing exactly to the total', async () => {
      // Default table: floors 1–2 pay 0; 3 = 0.7, 4 = 0.8, 5 = 0.9, 6 = 1.0. Weights (per-mille × hundredths of m²):
      // f3 700×9000 = 6,300,000; f4 800×8520 = 6,816,000; f5 900×7250 = 6,525,000; f6 1000×10033 = 10,033,000; Σ = 29,674,000.
      // 60,000,000 fen × weight / Σ: f3 12,738,424.21, f4 13,781,761.81, f5 13,193,367.93, f6 20,286,446.05 → floors sum to
      // 59,999,998; the 2 fen left go to the largest remainders (f5 .93, f4 .81): 12,738,424 / 13,781,762 / 13,193,368 / 20,286,446.
      const r = await api(`/api/projects/${S.A}/elevators/XU1`, committee.token, { totalFen: 60_000_000 }, 'PUT');
      expect(r.status).toBe(200);
      expect(r.body.shares.map((x: Json) => [x.floor, x.coefficient, x.shareFen])).toEqual([
        [1, '0.0', 0],
        [2, '0.0', 0],
        [3, '0.7', 12_738_424],
        [4, '0.8', 13_781_762],
        [5, '0.9', 13_193_368],
        [6, '1.0', 20_286_446],
      ]);
      expect(r.body).toMatchObject({ totalFen: 60_000_000, sumOfSharesFen: 60_000_000, totalWeight: 29_674_000, usesDefaultTable: true });
      expect(r.body.shares[2].explanation).toBe('第 3 层，系数 0.7 × 面积 90.00㎡，分摊 127384.24 元');
    });

    it('the table is editable per entrance; a table that cannot price a floor is refused', async () => {
      const gap = await api(
        `/api/projects/${S.A}/elevators/XU1`,
        committee.token,
        {
          totalFen: 60_000_000,
          coefficients: [
            { floor: 1, coefficient: '0' },
            { floor: 4, coefficient: '1' },
          ],
        },
        'PUT',
      );
      expect(gap.status).toBe(422);
      const table = [
        [1, '0'],
        [2, '0.3'],
        [3, '0.6'],
        [4, '0.8'],
        [5, '1'],
        [6, '1.2'],
      ].map(([floor, coefficient]) => ({ floor, coefficient }));
      const r = await api(`/api/projects/${S.A}/elevators/XU1`, committee.token, { totalFen: 60_000_001, coefficients: table }, 'PUT');
      expect(r.body).toMatchObject({ usesDefaultTable: false, sumOfSharesFen: 60_000_001 });
      expect(r.body.shares[1]).toMatchObject({ coefficient: '0.3', floor: 2 });
      expect(r.body.shares[1].shareFen).toBeGreaterThan(0);
      // Back to the default table for the rest of the scenario.
      await api(`/api/projects/${S.A}/elevators/XU1`, committee.token, { totalFen: 60_000_000 }, 'PUT');
    });

    it('each household sees its own share before the 怎么改 vote; other complexes see nothing', async () => {
      const mine = await api(`/api/projects/${S.A}/elevators/mine`, r3.token);
      expect(mine.body.shares).toEqual([expect.objectContaining({ dwellingId: w.X[2], shareFen: 12_738_424, entranceCode: 'XU1', totalFen: 60_000_000 })]);
      expect((await api(`/api/projects/${S.A}/elevators/XU1`, r1.token)).status).toBe(200);
      expect((await api(`/api/projects/${S.A}/elevators/XU1`, ry.token)).status).toBe(404);
      expect((await api(`/api/projects/${S.A}/elevators/XU1`, r3.token, { totalFen: 1 }, 'PUT')).status).toBe(403);
    });

    it('the plan stays up its full period, then works start', async () => {
      // Seven days pass: move the publication and the stage change back 8 days (the period is 7 days).
      const back = new Date(Date.now() - 8 * DAY);
      await Notice.updateOne({ _id: noticeId }, { $set: { publishedAt: back, objectionsUntil: new Date(back.getTime() + 7 * DAY) } });
      const p = (await Project.findById(S.A))!;
      p.transitions[p.transitions.length - 1].at = back;
      await p.save();
      const r = await api(`/api/projects/${S.A}/transitions`, street.token, { to: 'construction' });
      expect(r.body).toMatchObject({ status: 'construction', statusLabel: '施工' });
    });
  });
}
