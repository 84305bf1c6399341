// Closing from the facts: the close reason (deadline / all voted only when true / early with a stated reason),
// unresolved paper/electronic conflicts (409 listing them; an override needs a written reason and a second staff
// member and is recorded in the result, its reasons and the notice), and the co-owner rule of the consultation.
import mongoose from 'mongoose';
import { startTestServer, type TestServer } from '../support/server';
import { cast, no, openVote, paperBallot, person, seedAreas, seedDwellings, shortLeadTime, waitAnnounced, yes, type Person } from '../support/consultations';

let s: TestServer;
let d: string[];
let committee: Person, committee2: Person, a: Person, b: Person, coA: Person, coB: Person;
const close = (token: string, id: string, body: Record<string, unknown> = {}) => s.api(`/api/consultations/${id}/close`, { token, body });
const open = (title: string, extra: Record<string, unknown> = {}) =>
  openVote(s, committee.token, { kind: 'whether', title, complexCode: 'Q', electorate: { level: 'entrance', entranceCode: 'QB1U1' }, ...extra });

beforeAll(async () => {
  s = await startTestServer({ DB_PREFIX: 'cons_close' });
  const paths = await seedAreas();
  d = await seedDwellings(paths, [
    { entrance: 'QB1U1', room: '101', area: 8050 },
    { entrance: 'QB1U1', room: '102', area: 9000 },
    { entrance: 'QB1U1', room: '201', area: 7000 },
  ]);
  const admin = await person({ grants: [{ role: 'admin', scope: 'root' }] });
  committee = await person({ grants: [{ role: 'committee', scope: 'Q' }] });
  committee2 = await person({ grants: [{ role: 'community_worker', scope: 'C' }] });
  a = await person({ owns: [d[0]] });
  b = await person({ owns: [d[1]] });
  coA = await person({ owns: [d[2]] });
  coB = await person({ owns: [d[2]] });
  await shortLeadTime(s, admin.token);
});
afterAll(async () => {
  await s.stop();
});

it('an early close needs a reason; "all households voted" is refused while one has not; it is used when true', async () => {
  const id = await open('理由来自事实');
  await cast(s, a.token, id, d[0], yes());
  await cast(s, b.token, id, d[1], yes());
  const none = await close(committee.token, id);
  expect([none.status, none.body.error.code]).toEqual([400, 'CLOSE_REASON_REQUIRED']);
  const lie = await close(committee.token, id, { reason: '应投票的户已全部投票' });
  expect([lie.status, lie.body.error.code]).toEqual([409, 'CLOSE_REASON_FALSE']);
  expect(await mongoose.connection.db!.collection('consultation_ballot_log').countDocuments({ consultationId: id, type: 'close' })).toBe(0);
  await cast(s, coA.token, id, d[2], no());
  const ok = await close(committee.token, id);
  expect(ok.status).toBe(200);
  expect(ok.body).toMatchObject({ closeKind: 'all_voted', closeReason: '应投票的户已全部投票' });
  await waitAnnounced(s, committee.token, id);
  const notice = await mongoose.connection.db!.collection('notices').findOne({ sourceKey: `consultation:${id}:result` });
  expect(notice!.body).toMatch(/应投票的户已全部投票，提前结束/);
});

it('an early close with a stated reason says so in the result notice', async () => {
  const id = await open('提前结束');
  await cast(s, a.token, id, d[0], yes());
  const r = await close(committee.token, id, { reason: '施工单位报价已失效' });
  expect(r.body).toMatchObject({ status: 'closed', closeKind: 'early', closeReason: '施工单位报价已失效' });
  await waitAnnounced(s, committee.token, id);
  const notice = await mongoose.connection.db!.collection('notices').findOne({ sourceKey: `consultation:${id}:result` });
  expect(notice!.body).toMatch(/提前结束，原因：施工单位报价已失效/);
  // Residents read names and sentences; the hash is in the separate verification block.
  expect(notice!.body).toMatch(/表决范围：区域Q 区域QB1区域QB1U1/); // area names (seeded as 区域<code>), not bare codes
  const [main, verify] = notice!.body.split('【如何核验 / verification】');
  expect(main).not.toMatch(/[0-9a-f]{64}/);
  expect(verify).toMatch(/日志条数 \d+；最终哈希 [0-9a-f]{64}/);
  expect(notice!.bodyBo).toMatch(/verification/);
});

it('unresolved conflicts refuse the close, listing them; an override needs a reason and a second staff member, and is recorded everywhere', async () => {
  const id = await open('冲突未处理');
  await cast(s, a.token, id, d[0], yes());
  const clash = await paperBallot(s, committee.token, id, d[0], no());
  expect(clash.body.conflict).toBe(true);
  const r = await close(committee.token, id, { reason: '提前结束测试' });
  expect([r.status, r.body.error.code]).toEqual([409, 'CONFLICTS_UNRESOLVED']);
  expect(r.body.error.message).toMatch(/B1栋1单元101/);
  expect(r.body.error.details.conflicts).toEqual([expect.objectContaining({ paperSeq: clash.body.seq, dwellingId: d[0] })]);
  const short = await s.api(`/api/consultations/${id}/close-override`, { token: committee.token, body: { reason: '太短' } });
  expect(short.status).toBe(400);
  const asked = await s.api(`/api/consultations/${id}/close-override`, { token: committee.token, body: { reason: '业主已搬离且无法联系，按电子票计' } });
  expect(asked.status).toBe(200);
  const self = await close(committee.token, id, { reason: '提前结束测试' });
  expect([self.status, self.body.error.code]).toEqual([409, 'SECOND_STAFF_REQUIRED']);
  const done = await close(committee2.token, id, { reason: '提前结束测试' });
  expect(done.status).toBe(200);
  expect(done.body.result.conflictOverride).toMatchObject({ reason: '业主已搬离且无法联系，按电子票计', paperSeqs: [clash.body.seq] });
  expect(done.body.result.reasons.join()).toMatch(/经两名工作人员确认按电子票计/);
  expect(done.body.result.questions[0].tally.reasons.join()).toMatch(/经两名工作人员确认/);
  await waitAnnounced(s, committee.token, id);
  const notice = await mongoose.connection.db!.collection('notices').findOne({ sourceKey: `consultation:${id}:result` });
  expect(notice!.body).toMatch(/业主已搬离且无法联系/);
  const rc = await s.api(`/api/consultations/${id}/recount`, { token: committee.token });
  expect(rc.body).toMatchObject({ equal: true });
});

describe('co-owners', () => {
  it('default: the first ballot stands, and the second co-owner is told who voted and when', async () => {
    const id = await open('共有人先投有效');
    expect((await s.api(`/api/consultations/${id}`, { token: coB.token })).body.coOwnerRule).toBe('first_stands');
    expect((await cast(s, coA.token, id, d[2], yes())).status).toBe(201);
    const second = await cast(s, coB.token, id, d[2], no());
    expect([second.status, second.body.error.code]).toEqual([409, 'CO_OWNER_ALREADY_VOTED']);
    expect(second.body.error.details).toMatchObject({ rule: 'first_stands', votedAt: expect.any(String) });
    // Both see the ballot that stands and its history.
    for (const p of [coA, coB]) {
      const mine = (await s.api(`/api/consultations/${id}/my-ballots`, { token: p.token })).body.items[0];
      expect(mine.answers[0].choice).toBe('approve');
      expect(mine.receipts).toHaveLength(1);
    }
    expect((await cast(s, coA.token, id, d[2], no())).status).toBe(201); // changing one's own ballot is still allowed
  });

  it("'latest_counts': the second co-owner's ballot replaces the first, and the receipt says replaced: true", async () => {
    const id = await open('共有人以最后一票为准', { coOwnerRule: 'latest_counts' });
    expect((await cast(s, coA.token, id, d[2], yes())).body.replaced).toBe(false);
    const second = await cast(s, coB.token, id, d[2], no());
    expect(second.status).toBe(201);
    expect(second.body.replaced).toBe(true);
    const mine = (await s.api(`/api/consultations/${id}/my-ballots`, { token: coA.token })).body.items[0];
    expect(mine.answers[0].choice).toBe('reject');
    expect(mine.receipts).toHaveLength(2);
  });
});
