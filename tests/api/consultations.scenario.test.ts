// The "done when": an elevator vote for one entrance and a 改不改 vote for the whole complex, with known
// areas, a multi-dwelling owner, co-owners, developer units, a proxy and a paper ballot; the announced results
// must equal the figures computed by hand below (one passes on area but fails on headcount).
import mongoose from 'mongoose';
import { startTestServer, type TestServer } from '../support/server';
import { startFakeWechat, type FakeWechat } from '../support/fakeWechat';
import { wechatEnvOf } from '../support/identity';
import { T } from '../support/identity';
import { importFile, toCsv } from '../support/rosterFiles';
import { cast, closeVote, openVote, paperBallot, shortLeadTime, waitAnnounced, yes, no } from '../support/consultations';
import { buildWorld, ENTRANCE_11, rosterRows, type Resident } from '../support/consultationsWorld';
import type { Json } from '../support/json';

let s: TestServer;
let wx: FakeWechat;
let w: Awaited<ReturnType<typeof buildWorld>>;
const p = (name: string): Resident => w.people[name];

beforeAll(async () => {
  wx = await startFakeWechat();
  s = await startTestServer({ DB_PREFIX: 'cons_scn', ...wechatEnvOf(wx) });
  w = await buildWorld(s, wx);
  await shortLeadTime(s, w.admin.token);
}, 180_000); // generous: two jest workers share the CI machine
afterAll(async () => {
  await s.stop();
  await wx.stop();
});

const approve = (name: string, dwelling: string, id: string) => cast(s, p(name).token, id, w.dw[dwelling], yes());
const reject = (name: string, dwelling: string, id: string) => cast(s, p(name).token, id, w.dw[dwelling], no());
const expectOk = async (r: Promise<{ status: number; body: Json }>) => {
  const x = await r;
  expect([x.status, x.body?.error?.code]).toEqual([201, undefined]);
  return x.body;
};

describe('elevator for entrance 1-1 (deadline close)', () => {
  let id: string;
  const receipts: Record<string, string> = {};

  it('opens for the entrance only, with the electorate frozen from the roster', async () => {
    id = await openVote(
      s,
      w.committee.token,
      {
        kind: 'whether',
        title: '1栋1单元加装电梯',
        complexCode: T.complex,
        electorate: { level: 'entrance', entranceCode: ENTRANCE_11 },
        questions: [{ id: 'renovate', title: '是否同意1栋1单元加装电梯', format: 'yes_no', rule: 'civil_major' }],
        coOwnerRule: 'latest_counts',
      },
      { closeInMs: 9000 },
    );
    const v = (await s.api(`/api/consultations/${id}`, { token: p('卓玛').token })).body;
    // 60.00 + 60.00 + 75.50 + 75.50 + 90.00 + 90.00 = 451.00 ㎡; persons: 扎西 (101+202), 卓玛, 次仁, 格桑+央金, developer = 5
    expect(v.electorate).toMatchObject({ dwellings: 6, totalAreaHundredths: 45100, totalHeadcount: 5 });
    // The meeting notice went to the entrance when the vote was scheduled.
    const meeting = await mongoose.connection.db!.collection('notices').findOne({ sourceKey: `consultation:${id}:meeting` });
    expect(meeting).toMatchObject({ kind: 'meeting_notice' });
  });

  it('owners of other entrances are not in the electorate', async () => {
    const r = await cast(s, p('拉巴').token, id, w.dw['1-2-101'], yes());
    expect([r.status, r.body.error.code]).toEqual([403, 'NOT_IN_ELECTORATE']);
  });

  it('records ballots: a multi-dwelling owner, co-owners, the developer, and a low-floor owner against', async () => {
    receipts.zx1 = (await expectOk(approve('扎西', '1-1-101', id))).receiptCode;
    receipts.zx2 = (await expectOk(approve('扎西', '1-1-202', id))).receiptCode;
    await expectOk(approve('次仁', '1-1-201', id));
    await expectOk(approve('格桑', '1-1-301', id));
    // The other co-owner votes for the same dwelling: it replaces the household's ballot, never a second one.
    expect((await expectOk(approve('央金', '1-1-301', id))).replaced).toBe(true); // the stated rule: the latest counts
    await expectOk(approve('拉萨某房地产开发公司', '1-1-302', id));
    receipts.zm = (await expectOk(reject('卓玛', '1-1-102', id))).receiptCode;
    const live = (await s.api(`/api/consultations/${id}/tally`, { token: p('卓玛').token })).body.questions[0];
    expect(live.participation).toMatchObject({
      dwellings: 6,
      areaHundredths: 45100,
      headcount: 5,
      areaPercent: '100.00',
      requiredAreaHundredths: 30067,
      requiredHeadcount: 4,
    });
  });

  it('closes at the deadline and announces the hand-computed result', async () => {
    const v = await waitAnnounced(s, p('卓玛').token, id);
    expect(v.closeReason).toBe('deadline');
    const t = v.result.questions[0].tally;
    // Participation: 451.00 ㎡ ≥ ⌈451.00 × 2/3⌉ = 300.67 ㎡; 5 ≥ ⌈5 × 2/3⌉ = 4 persons.
    expect(t.plain.participation.area).toMatchObject({ value: 45100, base: 45100, required: 30067, passed: true });
    expect(t.plain.participation.headcount).toMatchObject({ value: 5, base: 5, required: 4, passed: true });
    // Approve: 60.00 + 75.50 (扎西) + 75.50 (次仁) + 90.00 (格桑/央金) + 90.00 (developer) = 391.00 ㎡ ≥ ⌈451.00 × 3/4⌉ = 338.25;
    // persons 4 (扎西, 次仁, 格桑+央金, developer) ≥ ⌈5 × 3/4⌉ = 4 — exactly on the boundary.
    expect(t.plain.approval[0].areaTest).toMatchObject({ value: 39100, base: 45100, required: 33825, passed: true });
    expect(t.plain.approval[0].headcountTest).toMatchObject({ value: 4, base: 5, required: 4, passed: true });
    expect(t.plain.distribution.find((d: Json) => d.choice === 'reject')).toMatchObject({ dwellings: 1, areaHundredths: 6000, headcount: 1 });
    expect(v.result.questions[0].passed).toBe(true);
    expect(v.result.ballots).toBe(6);
  });

  it('receipts verify and the recount equals the announcement', async () => {
    for (const code of Object.values(receipts)) {
      const r = await s.api(`/api/consultations/${id}/receipts/${code}`, { token: p('卓玛').token });
      expect(r.body).toMatchObject({ found: true, inFinalLog: true, chain: { valid: true, matchesAnnounced: true } });
    }
    const rc = await s.api(`/api/consultations/${id}/recount`, { token: p('次仁').token });
    expect(rc.body).toMatchObject({ equal: true, differences: [] });
  });
});

describe('改不改 for the whole complex (convenor close)', () => {
  let id: string;
  let noticeId: string;

  it('opens; a later roster edit does not change the open vote', async () => {
    id = await openVote(s, w.committee.token, { kind: 'whether', title: '幸福小区老旧小区改造', complexCode: T.complex, electorate: { level: 'complex' } });
    // 1250.00 ㎡ in 14 dwellings; 11 persons (扎西 ×3 dwellings once, developer ×2 once, 格桑+央金 once).
    const expected = { dwellings: 14, totalAreaHundredths: 125000, totalHeadcount: 11 };
    expect((await s.api(`/api/consultations/${id}`, { token: w.committee.token })).body.electorate).toMatchObject(expected);
    const edited = rosterRows((r) => (r.room === '202' && r.b === '2' ? { area: '59.00' } : {}));
    expect((await importFile(s, w.street.token, T.complex, toCsv(edited))).status).toBe(200);
    expect((await s.api(`/api/consultations/${id}`, { token: w.committee.token })).body.electorate).toMatchObject(expected);
  });

  it('the tenant cannot vote; the approved proxy can', async () => {
    const t = await cast(s, p('租户').token, id, w.dw['2-1-202'], yes());
    expect([t.status, t.body.error.code]).toEqual([403, 'TENANT_CANNOT_VOTE']);
    await expectOk(approve('旺堆', '1-2-201', id));
    const mine = (await s.api(`/api/consultations/${id}/my-ballots`, { token: p('旺堆').token })).body.items;
    expect(mine).toEqual([expect.objectContaining({ dwellingId: w.dw['1-2-201'], via: 'proxy', answers: [expect.objectContaining({ choice: 'approve' })] })]);
  });

  it('large owners approve, small owners reject, 达瓦 votes on paper, 德吉 does not vote', async () => {
    for (const k of ['1-1-101', '1-1-202', '2-1-201']) await expectOk(approve('扎西', k, id));
    for (const k of ['1-1-302', '1-2-102']) await expectOk(approve('拉萨某房地产开发公司', k, id));
    await expectOk(approve('格桑', '1-1-301', id));
    await expectOk(approve('尼玛', '2-1-101', id));
    await expectOk(approve('边巴', '2-1-102', id));
    await expectOk(reject('卓玛', '1-1-102', id));
    await expectOk(reject('次仁', '1-1-201', id));
    await expectOk(reject('拉巴', '1-2-101', id));
    const paper = await paperBallot(s, w.committee.token, id, w.dw['1-2-202'], yes());
    expect(paper.status).toBe(201);
    expect(paper.body).toMatchObject({ source: 'paper', conflict: false });
    const part = (await s.api(`/api/consultations/${id}/participation`, { token: w.committee.token })).body;
    expect(part.notVoted).toEqual([expect.objectContaining({ dwellingId: w.dw['2-1-202'], room: '202', areaHundredths: 4900 })]);
    expect(JSON.stringify(part)).not.toMatch(/德吉|1390891/);
    expect(part.buildings.find((b: Json) => b.buildingCode === `${T.complex}-B2`)).toMatchObject({
      dwellings: 4,
      voted: 3,
      areaHundredths: 43900,
      votedAreaHundredths: 39000,
    });
    const rem = await s.api(`/api/consultations/${id}/reminders`, { token: w.committee.token, body: {} });
    expect(rem.body).toEqual({ count: 1 });
    expect((await s.api(`/api/consultations/${id}/reminders`, { token: w.committee.token, body: {} })).body).toEqual({ count: 0 });
  });

  it('announces: passes on area, fails on headcount — exactly as computed by hand', async () => {
    await closeVote(s, w.committee.token, id);
    const v = await waitAnnounced(s, w.committee.token, id);
    const t = v.result.questions[0].tally.plain;
    // Total 1250.00 ㎡ / 11 persons. Participating: everyone but 德吉 (49.00 ㎡): 1201.00 ㎡, 10 persons.
    expect(t.participation.area).toMatchObject({ value: 120100, base: 125000, required: 83334, passed: true });
    expect(t.participation.headcount).toMatchObject({ value: 10, base: 11, required: 8, passed: true });
    // Approve area: 扎西 60+75.5+150 = 285.50, developer 90+80 = 170.00, 格桑 90, 尼玛 120, 边巴 120, 平措 100 (proxy),
    // 达瓦 100 (paper) = 985.50 ㎡ ≥ ⌈1201.00 × 3/4⌉ = 900.75 ㎡ → passes on area.
    expect(t.approval[0].areaTest).toMatchObject({ value: 98550, base: 120100, required: 90075, passed: true });
    // Approve headcount: 扎西, developer, 格桑+央金, 尼玛, 边巴, 平措, 达瓦 = 7 < ⌈10 × 3/4⌉ = 8 → fails on headcount.
    expect(t.approval[0].headcountTest).toMatchObject({ value: 7, base: 10, required: 8, passed: false });
    expect(t.distribution.find((d: Json) => d.choice === 'reject')).toMatchObject({ dwellings: 3, areaHundredths: 21550, headcount: 3 });
    expect(v.result.questions[0].passed).toBe(false);
    expect(v.result.questions[0].tally.reasons.join('\n')).toMatch(/同意的人数 7 人 未达参与表决人数 10 人 的四分之三（需至少 8 人）/);
    noticeId = (await mongoose.connection.db!.collection('consultations').findOne({ _id: new mongoose.Types.ObjectId(id) }))!.noticeIds.result;
    expect(noticeId).toBeTruthy();
  });

  it('the 结果公告 carries the full arithmetic and the final chain head, and no names or phone numbers', async () => {
    const v = (await s.api(`/api/consultations/${id}`, { token: p('卓玛').token })).body;
    const n = await s.api(`/api/notices/${noticeId}`, { token: p('卓玛').token });
    expect(n.status).toBe(200);
    const body: string = JSON.stringify(n.body);
    expect(body).toContain('结果公告');
    expect(body).toContain(v.result.finalHead.hash);
    for (const figure of ['1250.00㎡', '1201.00㎡', '985.50㎡', '900.75㎡', '833.34㎡', '未通过']) expect(body).toContain(figure);
    expect(body).not.toMatch(/扎西|卓玛|格桑|央金|开发公司|1390891/);
  });

  it('the recount from the log equals the announcement; individual choices are for the committee only', async () => {
    const rc = await s.api(`/api/consultations/${id}/recount`, { token: p('卓玛').token });
    expect(rc.body).toMatchObject({ equal: true, chain: { valid: true, electorateMatches: true, matchesAnnounced: true } });
    const list = await s.api(`/api/consultations/${id}/ballots`, { token: w.committee.token });
    expect(list.body.items).toHaveLength(13);
    expect(list.body.items.find((b: Json) => b.dwellingId === w.dw['1-2-202'])).toMatchObject({ source: 'paper', areaHundredths: 10000 });
    expect((await s.api(`/api/consultations/${id}/ballots`, { token: p('卓玛').token })).status).toBe(403);
  });
});
