// Issue #6 "done when": complex X from 储备 to 后评价 (funding 2:1:1, elevator shares, pledges, ratings) and the
// evaluation, county roll-up and exports checked against figures computed by hand below.
import { startTestServer, type TestServer } from '../support/server';
import { startFakeWechat, type FakeWechat } from '../support/fakeWechat';
import { PNG_BYTES, upload, wechatEnv } from '../support/notices';
import { Notice } from '../../server/src/notices/model';
import { Project } from '../../server/src/projects/model';
import { closedConsultation, fetchBinary, person, readXlsx, rowOf, seedWorld, type Person, type World } from './projects.helpers';

let s: TestServer;
let wx: FakeWechat;
let w: World;
let street: Person, committee: Person, county: Person, prefecture: Person, street2: Person, admin: Person;
let r1: Person, r2: Person, r3: Person, r4: Person, tenant5: Person, r6: Person, ry: Person;
const DAY = 86_400_000;

beforeAll(async () => {
  wx = await startFakeWechat();
  s = await startTestServer({ DB_PREFIX: 'projects_scn', ...wechatEnv(wx) });
  w = await seedWorld();
  street = await person('街道王', { grants: [{ role: 'street_staff', scope: 'S1' }] });
  street2 = await person('街道李', { grants: [{ role: 'street_staff', scope: 'S2' }] });
  committee = await person('业委会赵', { grants: [{ role: 'committee', scope: 'X' }] });
  county = await person('县干部', { grants: [{ role: 'county_official', scope: 'K1' }] });
  prefecture = await person('地区干部', { grants: [{ role: 'prefecture_official', scope: 'P1' }] });
  admin = await person('管理员', { grants: [{ role: 'admin', scope: 'root' }] });
  [r1, r2, r3, r4] = await Promise.all([1, 2, 3, 4].map((f) => person(['', '刘一', '陈二', '张三丰', '李四'][f], { dwellings: [w.X[f - 1]] })));
  tenant5 = await person('租户五', { dwellings: [w.X[4]], relation: 'tenant' });
  r6 = await person('扎西顿珠', { dwellings: [w.X[5]] });
  ry = await person('Y住户', { dwellings: [w.Y[0]] });
});
afterAll(async () => {
  await s?.stop();
  await wx?.stop();
});

const api = (path: string, token: string, body?: unknown, method?: string) => s.api(path, { token, body, method });
let A: string; // project of complex X
let items: { id: string; name: string }[];

describe('a project from 储备 to 方案公示', () => {
  it('street staff open one project per complex and year', async () => {
    const r = await api('/api/projects', street.token, { complexCode: 'X', year: 2025 });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ status: 'reserve', statusLabel: '储备', nextStatus: 'annual_plan', complexName: 'X小区', areaPath: ['R', 'P1', 'K1', 'S1', 'C1', 'X'] });
    A = r.body.id;
    const again = await api('/api/projects', street.token, { complexCode: 'X', year: 2025 });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('PROJECT_EXISTS');
    expect((await api('/api/projects', committee.token, { complexCode: 'X', year: 2026 })).status).toBe(403);
    expect((await api('/api/projects', street.token, { complexCode: 'Z', year: 2026 })).status).toBe(403);
  });

  it('moves forward one step at a time, recording who and when', async () => {
    const skip = await api(`/api/projects/${A}/transitions`, street.token, { to: 'design' });
    expect(skip.status).toBe(422);
    expect(skip.body.error.code).toBe('TRANSITION_NOT_ALLOWED');
    expect((await api(`/api/projects/${A}/transitions`, county.token, { to: 'annual_plan' })).status).toBe(403);
    await api(`/api/projects/${A}/transitions`, street.token, { to: 'annual_plan', note: '列入 2025 年度计划' });
    const r = await api(`/api/projects/${A}/transitions`, street.token, { to: 'design' });
    expect(r.status).toBe(200);
    expect(r.body.transitions.map((t: any) => [t.from, t.to, t.by])).toEqual([[null, 'reserve', street.id], ['reserve', 'annual_plan', street.id], ['annual_plan', 'design', street.id]]);
    expect(r.body.transitions[1].note).toBe('列入 2025 年度计划');
  });

  it('lists items from the catalog with quantity, unit and budget in fen', async () => {
    const r = await api(`/api/projects/${A}/items`, street.token, {
      items: [
        { category: 'basic', name: '屋面防水', quantity: 1200, unit: '㎡', budgetFen: 36_000_000, plannedFinishOn: '2099-12-31' },
        { category: 'improvement', name: '加装电梯', quantity: 1, unit: '部', budgetFen: 60_000_000, plannedFinishOn: '2099-12-31' },
        { category: 'basic', name: '雨污管网改造', quantity: 800.5, unit: '米', budgetFen: 24_000_003, plannedFinishOn: '2020-01-01' },
      ],
    }, 'PUT');
    expect(r.status).toBe(200);
    expect(r.body.budgetFen).toBe(120_000_003);
    expect(r.body.items.map((i: any) => i.categoryLabel)).toEqual(['基础类', '完善类', '基础类']);
    items = r.body.items.map((i: any) => ({ id: i.id, name: i.name }));
    const bad = await api(`/api/projects/${A}/items`, street.token, { items: [{ category: 'basic', name: 'x', quantity: 1, unit: '项', budgetFen: 10.5 }] }, 'PUT');
    expect(bad.status).toBe(400);
  });

  const others = {
    utilities: [{ name: '供电公司', amountFen: 5_000_000 }, { name: '供水公司', amountFen: 3_000_000 }],
    residentsFen: 12_000_000, maintenanceFundFen: 4_000_000, providentFundFen: 6_000_000, publicIncomeFen: 1_000_000, socialCapitalFen: 2_000_000,
  }; // 33,000,000 fen from everyone but governments

  it('a funding plan that does not balance says by how much, and cannot be published', async () => {
    // Public money fixed at 800,000.00 yuan: central 500,000.00, local shortfall 300,000.00 → 2:1:1 = 150,000 / 75,000 / 75,000.
    const r = await api(`/api/projects/${A}/funding`, street.token, { centralSubsidyFen: 50_000_000, governmentFen: 80_000_000, ...others }, 'PUT');
    expect(r.status).toBe(200);
    expect(r.body.funding.split).toMatchObject({ shortfallFen: 30_000_000, regionFen: 15_000_000, prefectureFen: 7_500_000, countyFen: 7_500_000, remainderFen: 0 });
    // 50,000,000 + 30,000,000 + 33,000,000 = 113,000,000 against a budget of 120,000,003: short by 7,000,003 fen.
    expect(r.body.funding).toMatchObject({ totalFen: 113_000_000, differenceFen: -7_000_003, balanced: false });
    expect(r.body.funding.balanceText).toContain('少 70000.03 元');
    const t = await api(`/api/projects/${A}/transitions`, street.token, { to: 'publicity' });
    expect(t.status).toBe(422);
    expect(t.body.error.details.problems).toEqual(['资金筹措方案与预算不平衡，须调整后再公示']);
  });

  it('the local governments close the gap, split 2:1:1 exact to the fen', async () => {
    const r = await api(`/api/projects/${A}/funding`, street.token, { centralSubsidyFen: 50_000_000, ...others }, 'PUT');
    // shortfall = 120,000,003 − 50,000,000 − 33,000,000 = 37,000,003 fen; q = floor(37,000,003 / 4) = 9,250,000, remainder 3:
    // region 2q + 1 = 18,500,001, prefecture q + 1 = 9,250,001, county q + 1 = 9,250,001 (remainder fen to region, prefecture, county in turn).
    expect(r.body.funding.split).toMatchObject({ shortfallFen: 37_000_003, regionFen: 18_500_001, prefectureFen: 9_250_001, countyFen: 9_250_001, remainderFen: 3 });
    expect(r.body.funding.split.remainderRule).toContain('依次给自治区、地（市）、县（区）');
    expect(r.body.funding).toMatchObject({ totalFen: 120_000_003, differenceFen: 0, balanced: true });
    expect(r.body.funding.lines.find((l: any) => l.kind === 'utility').amountFen).toBe(8_000_000);
  });

  it('entering 方案公示 publishes the plan to the complex and links the notice', async () => {
    const r = await api(`/api/projects/${A}/transitions`, street.token, { to: 'publicity' });
    expect(r.status).toBe(200);
    expect(r.body.noticeIds).toHaveLength(1);
    const n = await api(`/api/notices/${r.body.noticeIds[0]}`, r3.token);
    expect(n.status).toBe(200);
    expect(n.body).toMatchObject({ kind: 'plan_publicity' });
    expect(n.body.body).toContain('自治区财政资金：185000.01 元');
    const locked = await api(`/api/projects/${A}/items`, street.token, { items: [] }, 'PUT');
    expect(locked.status).toBe(409);
    expect(locked.body.error.code).toBe('PLAN_LOCKED');
  });
});

describe('方案公示: objections, consultations and the elevator shares', () => {
  let noticeId: string;

  it('residents object to the plan through the notice; staff answer one of two', async () => {
    noticeId = (await Project.findById(A).lean())!.noticeIds[0];
    const o1 = await api(`/api/notices/${noticeId}/objections`, r1.token, { text: '一楼住户担心电梯井遮挡采光' });
    const o2 = await api(`/api/notices/${noticeId}/objections`, r2.token, { text: '希望先修雨污管网' });
    expect([o1.status, o2.status]).toEqual([201, 201]);
    const ans = await api(`/api/notices/${noticeId}/objections/${o1.body.id}/response`, street.token, { text: '已调整电梯井位置，不影响一楼采光' });
    expect(ans.status).toBe(200);
  });

  it('consultations about the project feed it: by their projectId, or linked afterwards', async () => {
    // 改不改 over the six flats: floor 1 did not vote, floor 2 rejected, floors 3–6 approved.
    await closedConsultation({ kind: 'whether', complexCode: 'X', dwellings: w.X, choices: [null, 'reject', 'approve', 'approve', 'approve', 'approve'], projectId: A });
    // A survey decides nothing and is left out of the evaluation.
    await closedConsultation({ kind: 'survey', complexCode: 'X', dwellings: w.X, choices: ['approve', null, null, null, null, null], projectId: A });
    // 怎么改 (elevator plan): all six voted, five approved; created without the project and linked by staff.
    const how = await closedConsultation({ kind: 'how', complexCode: 'X', dwellings: w.X, choices: ['reject', 'approve', 'approve', 'approve', 'approve', 'approve'] });
    const r = await api(`/api/projects/${A}/links`, street.token, { kind: 'consultation', targetId: how });
    expect(r.status).toBe(200);
    expect(r.body.consultationIds).toEqual([how]);
    const foreign = await closedConsultation({ kind: 'whether', complexCode: 'Y', dwellings: w.Y, choices: ['approve', 'approve'] });
    expect((await api(`/api/projects/${A}/links`, street.token, { kind: 'consultation', targetId: foreign })).status).toBe(422);
  });

  it('an entrance elevator: each household pays ∝ floor coefficient × area, summing exactly to the total', async () => {
    // Default table: floors 1–2 pay 0; 3 = 0.7, 4 = 0.8, 5 = 0.9, 6 = 1.0. Weights (per-mille × hundredths of m²):
    // f3 700×9000 = 6,300,000; f4 800×8520 = 6,816,000; f5 900×7250 = 6,525,000; f6 1000×10033 = 10,033,000; Σ = 29,674,000.
    // 60,000,000 fen × weight / Σ: f3 12,738,424.21, f4 13,781,761.81, f5 13,193,367.93, f6 20,286,446.05 → floors sum to
    // 59,999,998; the 2 fen left go to the largest remainders (f5 .93, f4 .81): 12,738,424 / 13,781,762 / 13,193,368 / 20,286,446.
    const r = await api(`/api/projects/${A}/elevators/XU1`, committee.token, { totalFen: 60_000_000 }, 'PUT');
    expect(r.status).toBe(200);
    expect(r.body.shares.map((x: any) => [x.floor, x.coefficient, x.shareFen])).toEqual([
      [1, '0.0', 0], [2, '0.0', 0], [3, '0.7', 12_738_424], [4, '0.8', 13_781_762], [5, '0.9', 13_193_368], [6, '1.0', 20_286_446],
    ]);
    expect(r.body).toMatchObject({ totalFen: 60_000_000, sumOfSharesFen: 60_000_000, totalWeight: 29_674_000, usesDefaultTable: true });
    expect(r.body.shares[2].explanation).toBe('第 3 层，系数 0.7 × 面积 90.00㎡，分摊 127384.24 元');
  });

  it('the table is editable per entrance; a table that cannot price a floor is refused', async () => {
    const gap = await api(`/api/projects/${A}/elevators/XU1`, committee.token, { totalFen: 60_000_000, coefficients: [{ floor: 1, coefficient: '0' }, { floor: 4, coefficient: '1' }] }, 'PUT');
    expect(gap.status).toBe(422);
    const table = [[1, '0'], [2, '0.3'], [3, '0.6'], [4, '0.8'], [5, '1'], [6, '1.2']].map(([floor, coefficient]) => ({ floor, coefficient }));
    const r = await api(`/api/projects/${A}/elevators/XU1`, committee.token, { totalFen: 60_000_001, coefficients: table }, 'PUT');
    expect(r.body).toMatchObject({ usesDefaultTable: false, sumOfSharesFen: 60_000_001 });
    expect(r.body.shares[1]).toMatchObject({ coefficient: '0.3', floor: 2 });
    expect(r.body.shares[1].shareFen).toBeGreaterThan(0);
    // Back to the default table for the rest of the scenario.
    await api(`/api/projects/${A}/elevators/XU1`, committee.token, { totalFen: 60_000_000 }, 'PUT');
  });

  it('each household sees its own share before the 怎么改 vote; other complexes see nothing', async () => {
    const mine = await api(`/api/projects/${A}/elevators/mine`, r3.token);
    expect(mine.body.shares).toEqual([expect.objectContaining({ dwellingId: w.X[2], shareFen: 12_738_424, entranceCode: 'XU1', totalFen: 60_000_000 })]);
    expect((await api(`/api/projects/${A}/elevators/XU1`, r1.token)).status).toBe(200);
    expect((await api(`/api/projects/${A}/elevators/XU1`, ry.token)).status).toBe(404);
    expect((await api(`/api/projects/${A}/elevators/XU1`, r3.token, { totalFen: 1 }, 'PUT')).status).toBe(403);
  });

  it('the plan stays up its full period, then works start', async () => {
    // Seven days pass: move the publication and the stage change back 8 days (the period is 7 days).
    const back = new Date(Date.now() - 8 * DAY);
    await Notice.updateOne({ _id: noticeId }, { $set: { publishedAt: back, objectionsUntil: new Date(back.getTime() + 7 * DAY) } });
    const p = (await Project.findById(A))!;
    p.transitions[p.transitions.length - 1].at = back;
    await p.save();
    const r = await api(`/api/projects/${A}/transitions`, street.token, { to: 'construction' });
    expect(r.body).toMatchObject({ status: 'construction', statusLabel: '施工' });
  });
});

describe('pledges (认捐) through their lifecycle', () => {
  const pledge = (p: Person, body: object) => api(`/api/projects/${A}/pledges`, p.token, body);
  const step = (p: Person, id: string, what: string, body: object = {}) => api(`/api/pledges/${id}/${what}`, p.token, body);
  let m3: string, m4: string, m6: string;

  it('residents pledge money, materials or labour for their own dwelling only', async () => {
    const a = await pledge(r3, { kind: 'money', dwellingId: w.X[2], amountFen: 500_000 });
    expect(a.status).toBe(201);
    expect(a.body).toMatchObject({ status: 'pledged', statusLabel: '已认捐', amountFen: 500_000, pledger: '张三丰' });
    m3 = a.body.id;
    m4 = (await pledge(r4, { kind: 'money', dwellingId: w.X[3], amountFen: 300_000 })).body.id;
    m6 = (await pledge(r6, { kind: 'money', dwellingId: w.X[5], amountFen: 200_000 })).body.id;
    expect((await pledge(r6, { kind: 'materials', dwellingId: w.X[5], material: { item: '水泥', quantity: 20, unit: '袋' } })).status).toBe(201);
    const lab = await pledge(r4, { kind: 'labour', dwellingId: w.X[3], labour: { days: 2.5, skill: '电工' } });
    expect(lab.body.labour).toEqual({ days: 2.5, skill: '电工' });
    const own = await pledge(r6, { kind: 'money', dwellingId: w.X[5], amountFen: 100_000 });
    expect((await step(r6, own.body.id, 'cancel', { reason: '填错金额' })).body).toMatchObject({ status: 'cancelled', cancelReason: '填错金额' });
    const notMine = await pledge(r3, { kind: 'money', dwellingId: w.X[3], amountFen: 1 });
    expect([notMine.status, notMine.body.error.code]).toEqual([403, 'NOT_BOUND_TO_DWELLING']);
    expect((await pledge(ry, { kind: 'money', dwellingId: w.Y[0], amountFen: 1 })).status).toBe(404);
  });

  it('the committee confirms on receipt, then marks fulfilled; cancelling needs a reason; every step is kept', async () => {
    expect((await step(r3, m3, 'confirm')).status).toBe(403);
    expect((await step(committee, m3, 'fulfil')).status).toBe(409);
    await step(committee, m3, 'confirm', { note: '已收到转账' });
    const f = await step(committee, m3, 'fulfil');
    expect(f.body.history.map((h: any) => `${h.from}→${h.to}`)).toEqual(['null→pledged', 'pledged→confirmed', 'confirmed→fulfilled']);
    await step(committee, m4, 'confirm');
    await step(committee, m6, 'confirm');
    expect((await step(committee, m6, 'cancel', {})).status).toBe(400);
    expect((await step(committee, m6, 'cancel', { reason: '住户要求退回，改为投工' })).body.status).toBe('cancelled');
    expect((await step(committee, m3, 'cancel', { reason: '已兑现不能取消' })).status).toBe(409);
    const labour = (await api(`/api/projects/${A}/pledges`, committee.token)).body.pledges.find((p: any) => p.kind === 'labour');
    await step(committee, labour.id, 'confirm');
    await step(committee, labour.id, 'fulfil');
    expect((await api(`/api/projects/${A}/pledges`, r3.token)).body.pledges).toHaveLength(1); // residents see their own
  });

  it('the public ledger totals by kind and shows progress against the residents share, names masked', async () => {
    const l = (await api(`/api/projects/${A}/ledger`, r1.token)).body;
    // Active money: 500,000 (fulfilled) + 300,000 (confirmed) = 800,000; received = the same; share 12,000,000 → 6.67%.
    expect(l.active).toMatchObject({ moneyFen: 800_000, moneyCount: 2, labourDays: 2.5, labourCount: 1, materials: [{ item: '水泥', unit: '袋', quantity: 20, count: 1 }] });
    expect(l).toMatchObject({ residentsShareFen: 12_000_000, receivedFen: 800_000, progressPercent: '6.67' });
    expect(l.byStatus.find((b: any) => b.status === 'cancelled').totals.moneyFen).toBe(300_000);
    expect(l.entries.map((e: any) => e.pledger).sort()).toEqual(['张**', '扎***', '李*', '李*'].sort());
    expect(JSON.stringify(l)).not.toContain('张三丰');
  });

  it('the committee exports the pledges to XLSX with the same numbers', async () => {
    expect((await fetchBinary(s, `/api/projects/${A}/pledges/export.xlsx`, r3.token)).status).toBe(403);
    const x = await fetchBinary(s, `/api/projects/${A}/pledges/export.xlsx`, committee.token);
    expect(x.type).toContain('spreadsheetml');
    const book = await readXlsx(x.buf);
    const detail = book['认捐明细'];
    expect(rowOf(detail, 1, '张三丰')).toEqual(expect.arrayContaining(['资金', 5000, 500_000, '已兑现']));
    expect(rowOf(book['汇总'], 0, '有效合计')).toEqual(expect.arrayContaining([800_000, 8000, 2, 2.5, 1, '水泥 20袋']));
  });
});

describe('施工, joint acceptance and satisfaction ratings', () => {
  it('progress updates carry photos and a percentage per item', async () => {
    const up = await upload(s, `/api/projects/${A}/files`, committee.token, { bytes: PNG_BYTES, name: '现场.png', type: 'image/png' });
    expect(up.status).toBe(201);
    const photo = up.body.files[0].fileId;
    const r = await api(`/api/projects/${A}/progress`, committee.token, { note: '屋面完成六成', photoFileIds: [photo], items: [{ itemId: items[0].id, percent: 60 }, { itemId: items[1].id, percent: 30 }] });
    expect(r.status).toBe(201);
    expect((await api(`/api/projects/${A}/progress`, r3.token, { items: [{ itemId: items[0].id, percent: 1 }] })).status).toBe(403);
    expect((await api(`/api/projects/${A}/progress`, street.token, { photoFileIds: [photo], items: [{ itemId: items[0].id, percent: 1 }] })).status).toBe(422);
    await api(`/api/projects/${A}/progress`, committee.token, { note: '全部完工', items: items.map((i) => ({ itemId: i.id, percent: 100 })) });
    const feed = await api(`/api/projects/${A}/progress`, r1.token);
    expect(feed.body.updates.map((u: any) => u.note)).toEqual(['全部完工', '屋面完成六成']);
    expect(feed.body.updates[1].photoFileIds).toEqual([photo]);
  });

  it('acceptance needs the joint acceptance record; entering it opens the ratings', async () => {
    const early = await api(`/api/projects/${A}/transitions`, street.token, { to: 'acceptance' });
    expect(early.body.error.details.problems).toEqual(['须先录入联合验收记录']);
    const rec = await api(`/api/projects/${A}/acceptance`, street.token, {
      date: '2025-10-20', passed: true, note: '联合验收合格',
      participants: [{ unit: 'K1县住建局', role: '主管部门' }, { unit: '某监理公司', role: '监理' }, { unit: 'X小区业委会', role: '居民代表' }],
      items: items.map((i) => ({ itemId: i.id, accepted: true })),
    }, 'PUT');
    expect(rec.body.acceptance).toMatchObject({ passed: true, recordedBy: street.id });
    const r = await api(`/api/projects/${A}/transitions`, street.token, { to: 'acceptance' });
    expect(r.body.ratingWindow.open).toBe(true);
    expect(r.body.noticeIds).toHaveLength(2); // 方案公示 and 验收公示
  });

  it('each dwelling rates overall and each item 1–5; comments are content-checked; a re-rating replaces the old one', async () => {
    const rate = (p: Person, body: object) => api(`/api/projects/${A}/ratings`, p.token, body, 'PUT');
    const ok = await rate(r3, { dwellingId: w.X[2], overall: 5, items: [{ itemId: items[0].id, score: 5 }, { itemId: items[1].id, score: 4 }, { itemId: items[2].id, score: 5 }], comment: '电梯很方便' });
    expect(ok.status).toBe(200);
    expect(wx.secChecks.at(-1)).toMatchObject({ content: '电梯很方便', scene: 2 });
    await rate(r4, { dwellingId: w.X[3], overall: 4 });
    const again = await rate(r4, { dwellingId: w.X[3], overall: 3, items: [{ itemId: items[0].id, score: 3 }, { itemId: items[1].id, score: 3 }, { itemId: items[2].id, score: 2 }] });
    expect(again.body.revision).toBe(2);
    const photo = await upload(s, `/api/projects/${A}/ratings/photos`, tenant5.token, { bytes: PNG_BYTES, name: 'a.png', type: 'image/png' });
    expect((await rate(tenant5, { dwellingId: w.X[4], overall: 4, photoFileId: photo.body.files[0].fileId })).body.photoFileId).toBe(photo.body.files[0].fileId);
    await rate(r6, { dwellingId: w.X[5], overall: 5 });
    const banned = await rate(r1, { dwellingId: w.X[0], overall: 1, comment: '这里有赌博' });
    expect([banned.status, banned.body.error.code]).toEqual([422, 'CONTENT_REJECTED']);
    expect((await rate(r3, { dwellingId: w.X[3], overall: 1 })).status).toBe(403);
    expect((await rate(ry, { dwellingId: w.Y[0], overall: 1 })).status).toBe(404);
  });

  it('aggregates give the distribution, not only the mean', async () => {
    const sum = (await api(`/api/projects/${A}/ratings/summary`, r1.token)).body;
    // Overall 5, 3, 4, 5: counts [0,0,1,1,2], sum 17, mean 4.25.
    expect(sum.overall).toEqual({ counts: [0, 0, 1, 1, 2], sum: 17, count: 4, mean: 4.25 });
    expect(sum.items.map((i: any) => [i.name, i.counts, i.mean])).toEqual([
      ['屋面防水', [0, 0, 1, 0, 1], 4], ['加装电梯', [0, 0, 1, 1, 0], 3.5], ['雨污管网改造', [0, 1, 0, 0, 1], 3.5],
    ]);
    expect(sum.comments).toEqual([expect.objectContaining({ comment: '电梯很方便', overall: 5 })]);
    const x = await readXlsx((await fetchBinary(s, `/api/projects/${A}/ratings/export.xlsx`, county.token)).buf);
    expect(rowOf(x['满意度汇总'], 0, '总体')).toEqual(['总体', 0, 0, 1, 1, 2, 4, 17, 4.25]);
  });

  it('entering 后评价 closes the ratings', async () => {
    const r = await api(`/api/projects/${A}/transitions`, street.token, { to: 'evaluation' });
    expect(r.body).toMatchObject({ status: 'evaluation', statusLabel: '后评价', nextStatus: null });
    expect(r.body.ratingWindow.open).toBe(false);
    const late = await api(`/api/projects/${A}/ratings`, r6.token, { dwellingId: w.X[5], overall: 1 }, 'PUT');
    expect([late.status, late.body.error.code]).toEqual([409, 'RATING_CLOSED']);
  });
});
