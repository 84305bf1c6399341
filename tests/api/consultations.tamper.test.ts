// An insider with database access edits what the server keeps: a log entry, the log rewritten with fresh hashes
// while the vote is open, the stored final head, and the log plus the stored head together after the announcement.
// Each edit is caught by close, verify, recount or the receipt check, naming the dwelling or figure. (Pages of the
// log: consultations.pages.)
import mongoose from 'mongoose';
import { ballotEntryHash } from '@gongzhi/shared';
import { startTestServer, type TestServer } from '../support/server';
import { cast, closeVote, no, openVote, person, seedAreas, seedDwellings, shortLeadTime, waitAnnounced, yes, type Person } from '../support/consultations';
import type { Json } from '../support/json';

let s: TestServer;
let committee: Person, street: Person;
const owners: Record<string, Person> = {};
const dw: Record<string, string[]> = {};
const col = (name: string) => mongoose.connection.db!.collection(name);

async function vote(entrance: string) {
  const id = await openVote(s, committee.token, {
    kind: 'whether',
    title: `改造 ${entrance}`,
    complexCode: 'Q',
    electorate: { level: 'entrance', entranceCode: entrance },
  });
  const [a, b, c] = dw[entrance];
  const receipts = [
    (await cast(s, owners[a].token, id, a, yes())).body.receiptCode,
    (await cast(s, owners[b].token, id, b, no())).body.receiptCode,
    (await cast(s, owners[c].token, id, c, yes())).body.receiptCode,
  ];
  return { id, receipts };
}

/** The insider's rewrite: seq 3 (the second ballot) turned into approve, every later hash recomputed; the new head. */
async function rewriteChain(id: string) {
  const log = col('consultation_ballot_log');
  const entries: Json[] = await log.find({ consultationId: id }).sort({ seq: 1 }).toArray();
  let prev = entries[1].hash;
  for (const e of entries.slice(2)) {
    const body = e.seq === 3 ? { ...e.body, answers: [{ questionId: 'renovate', choice: 'approve' }] } : e.body;
    const hash = ballotEntryHash({ consultationId: id, seq: e.seq, prevHash: prev, body, salt: e.salt });
    await log.updateOne({ _id: e._id }, { $set: { body, prevHash: prev, hash } });
    prev = hash;
  }
  return { seq: entries.length, hash: prev };
}

beforeAll(async () => {
  s = await startTestServer({ DB_PREFIX: 'cons_tamper' });
  const paths = await seedAreas();
  for (const e of ['QB1U1', 'QB1U2', 'QB2U1']) {
    dw[e] = await seedDwellings(
      paths,
      ['101', '102', '201'].map((room) => ({ entrance: e, room, area: 8050 })),
    );
    for (const d of dw[e]) owners[d] = await person({ owns: [d] });
  }
  const admin = await person({ grants: [{ role: 'admin', scope: 'root' }] });
  committee = await person({ grants: [{ role: 'committee', scope: 'Q' }] });
  street = await person({ grants: [{ role: 'street_staff', scope: 'S' }] });
  await shortLeadTime(s, admin.token);
});
afterAll(async () => {
  await s.stop();
});

it('a log entry changed while open: close refuses with 409 naming the dwelling, raises an audited alarm to convenor and street office', async () => {
  const { id } = await vote('QB1U1');
  // The second ballot (seq 3, dwelling 102) is turned from reject into approve.
  await col('consultation_ballot_log').updateOne({ consultationId: id, seq: 3 }, { $set: { 'body.answers.0.choice': 'approve' } });
  const r = await s.api(`/api/consultations/${id}/close`, { token: committee.token, body: { reason: '提前结束测试' } });
  expect(r.status).toBe(409);
  expect(r.body.error.code).toBe('INTEGRITY_MISMATCH');
  expect(r.body.error.message).toMatch(/B1栋1单元102/);
  expect((await s.api(`/api/consultations/${id}`, { token: committee.token })).body.status).toBe('open');
  const alarms = await s.api(`/api/consultations/${id}/alarms`, { token: street.token });
  expect(alarms.body.items).toHaveLength(1);
  expect(alarms.body.items[0].differences.some((d: Json) => d.source === 'log' && d.dwellingId === dw.QB1U1[1])).toBe(true);
  expect(await col('audit_logs').countDocuments({ action: 'consultation.integrity.alarm', targetId: id })).toBe(1);
  expect((await s.api(`/api/consultations/${id}/alarms`, { token: owners[dw.QB1U1[0]].token })).status).toBe(403);
});

it('the log rewritten with fresh hashes while open: close refuses, naming the dwelling (the server saw other entries appended)', async () => {
  const { id } = await vote('QB1U2');
  const b = dw.QB1U2[1];
  await rewriteChain(id);
  const v = await s.api(`/api/consultations/${id}/log/verify`, { token: committee.token });
  expect(v.body).toMatchObject({ valid: true, consistent: false }); // the chain itself is whole again
  const r = await s.api(`/api/consultations/${id}/close`, { token: committee.token, body: { reason: '提前结束测试' } });
  expect(r.status).toBe(409);
  expect(r.body.error.code).toBe('INTEGRITY_MISMATCH');
  expect(r.body.error.details.differences).toEqual(expect.arrayContaining([expect.objectContaining({ source: 'log', dwellingId: b })]));
  expect(r.body.error.message).toMatch(/B1栋2单元102/);
  expect((await s.api(`/api/consultations/${id}`, { token: committee.token })).body.status).toBe('open');
});

describe('after the announcement', () => {
  let id: string;
  let receipts: string[];
  let b: string;
  beforeAll(async () => {
    ({ id, receipts } = await vote('QB2U1'));
    b = dw.QB2U1[1];
    await closeVote(s, committee.token, id);
    await waitAnnounced(s, committee.token, id);
  });

  it('starts consistent: verify, recount and receipts agree with the published notice', async () => {
    const v = await s.api(`/api/consultations/${id}/log/verify`, { token: committee.token });
    expect(v.body).toMatchObject({ valid: true, consistent: true, matchesAnnounced: true, differences: [] });
    expect(v.body.noticeHead).toEqual(v.body.head);
  });

  it('the stored final head edited: verification follows the notice, and names the stored head as differing', async () => {
    const c = await col('consultations').findOne({ _id: new mongoose.Types.ObjectId(id) });
    const forged = { seq: c!.result.finalHead.seq, hash: 'f'.repeat(64) };
    await col('consultations').updateOne({ _id: c!._id }, { $set: { 'result.finalHead': forged } });
    const v = await s.api(`/api/consultations/${id}/log/verify`, { token: committee.token });
    expect(v.body.matchesAnnounced).toBe(true); // the log still matches the published notice
    expect(v.body.consistent).toBe(false);
    expect(v.body.differences.map((d: Json) => d.figure)).toContain('最终哈希');
    const rc = await s.api(`/api/consultations/${id}/recount`, { token: committee.token });
    expect(rc.body.equal).toBe(false);
    await col('consultations').updateOne({ _id: c!._id }, { $set: { 'result.finalHead': c!.result.finalHead } });
  });

  it('the log rewritten with recomputed hashes plus the stored head: the published notice exposes it', async () => {
    const head = await rewriteChain(id);
    await col('consultations').updateOne({ _id: new mongoose.Types.ObjectId(id) }, { $set: { 'result.finalHead': head } });
    const v = await s.api(`/api/consultations/${id}/log/verify`, { token: committee.token });
    expect(v.body).toMatchObject({ valid: true, matchesAnnounced: false, consistent: false });
    expect(v.body.differences).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ source: 'notice', figure: '最终哈希' }),
        expect.objectContaining({ source: 'log', dwellingId: b }), // not what the server saw appended
      ]),
    );
    const rr = await s.api(`/api/consultations/${id}/receipts/${receipts[0]}`, { token: owners[dw.QB2U1[0]].token });
    expect(rr.body.inFinalLog).toBe(false);
    const rc = await s.api(`/api/consultations/${id}/recount`, { token: committee.token });
    expect(rc.body.equal).toBe(false);
    expect(rc.body.differences.join('\n')).toMatch(/计票不同|结果公告上的最终哈希/);
  });
});
