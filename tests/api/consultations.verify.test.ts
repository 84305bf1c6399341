// Receipts and the hash chain: receipts verify for anyone in the electorate, and a log entry altered directly in the
// database is detected by the verification endpoint, the receipt check and the recount.
import mongoose from 'mongoose';
import { startTestServer, type TestServer } from '../support/server';
import { cast, closeVote, no, openVote, person, seedAreas, seedDwellings, shortLeadTime, yes, type Person } from '../support/consultations';
import type { Json } from '../support/json';

let s: TestServer;
let d: string[];
let committee: Person, a: Person, b: Person, c: Person, neighbour: Person, official: Person;
let id: string;
const receipts: string[] = [];
const log = () => mongoose.connection.db!.collection('consultation_ballot_log');

beforeAll(async () => {
  s = await startTestServer({ DB_PREFIX: 'cons_verify' });
  const paths = await seedAreas();
  d = await seedDwellings(paths, [
    { entrance: 'QB1U1', room: '101', area: 10000 },
    { entrance: 'QB1U1', room: '102', area: 10000 },
    { entrance: 'QB1U1', room: '201', area: 10000 },
    { entrance: 'QB1U2', room: '101', area: 10000 },
  ]);
  const admin = await person({ grants: [{ role: 'admin', scope: 'root' }] });
  committee = await person({ grants: [{ role: 'committee', scope: 'Q' }] });
  official = await person({ grants: [{ role: 'county_official', scope: 'K' }] });
  a = await person({ owns: [d[0]] });
  b = await person({ owns: [d[1]] });
  c = await person({ owns: [d[2]] });
  neighbour = await person({ owns: [d[3]] });
  await shortLeadTime(s, admin.token);
  id = await openVote(s, committee.token, { kind: 'whether', title: '单元改造', complexCode: 'Q', electorate: { level: 'entrance', entranceCode: 'QB1U1' } });
  receipts.push((await cast(s, a.token, id, d[0], yes())).body.receiptCode);
  receipts.push((await cast(s, b.token, id, d[1], no())).body.receiptCode);
  receipts.push((await cast(s, b.token, id, d[1], yes())).body.receiptCode); // a change: a second receipt
  receipts.push((await cast(s, c.token, id, d[2], yes())).body.receiptCode);
});
afterAll(async () => {
  await s.stop();
});

it('while open: the chain verifies, receipts are found (not yet final), the receipt holder sees only facts, not choices', async () => {
  const v = await s.api(`/api/consultations/${id}/log/verify`, { token: a.token });
  expect(v.body).toMatchObject({ valid: true, entries: 5, brokenAtSeq: null, electorateMatches: true, announcedHead: null, matchesAnnounced: null });
  const r = await s.api(`/api/consultations/${id}/receipts/${receipts[1].toLowerCase().replace(/-/g, '')}`, { token: a.token });
  expect(r.body).toMatchObject({ found: true, seq: 3, type: 'cast', inFinalLog: null });
  expect(JSON.stringify(r.body)).not.toMatch(/approve|reject/);
  const unknown = await s.api(`/api/consultations/${id}/receipts/0000-0000-0000-0000`, { token: a.token });
  expect(unknown.body).toMatchObject({ found: false, seq: null });
  // The neighbour's dwelling is in the complex but not in this electorate: may view aggregates, may not verify.
  expect((await s.api(`/api/consultations/${id}/tally`, { token: neighbour.token })).status).toBe(200);
  expect((await s.api(`/api/consultations/${id}/receipts/${receipts[0]}`, { token: neighbour.token })).status).toBe(403);
  expect((await s.api(`/api/consultations/${id}/log/verify`, { token: official.token })).status).toBe(200);
});

it('after close every receipt is in the final log, whose head is the announced one', async () => {
  const closed = await closeVote(s, committee.token, id);
  expect(closed.result.finalHead.seq).toBe(6);
  for (const code of receipts) {
    const r = await s.api(`/api/consultations/${id}/receipts/${code}`, { token: c.token });
    expect(r.body).toMatchObject({ found: true, inFinalLog: true, chain: { valid: true, head: closed.result.finalHead, matchesAnnounced: true } });
  }
  const rc = await s.api(`/api/consultations/${id}/recount`, { token: a.token });
  expect(rc.body).toMatchObject({ equal: true, differences: [] });
  expect(rc.body.recomputed.questions).toEqual(rc.body.announced.questions);
  const full = await s.api(`/api/consultations/${id}/log`, { token: committee.token });
  expect(full.body.items.map((e: Json) => e.body.type)).toEqual(['open', 'cast', 'cast', 'cast', 'cast', 'close']);
  // The named log is an audited read: who read it and when.
  expect(full.body).toMatchObject({ readBy: committee.id, readAt: expect.any(String) });
  expect(await mongoose.connection.db!.collection('audit_logs').countDocuments({ action: 'consultation.log.read', targetId: id, actorId: committee.id })).toBe(
    1,
  );
  expect((await s.api(`/api/consultations/${id}/log`, { token: a.token })).status).toBe(403);
});

it('detects a ballot altered directly in the database', async () => {
  // Someone with database access turns b's final "approve" (seq 4) into "reject".
  const r = await log().updateOne({ consultationId: id, seq: 4 }, { $set: { 'body.answers.0.choice': 'reject' } });
  expect(r.modifiedCount).toBe(1);
  const v = await s.api(`/api/consultations/${id}/log/verify`, { token: a.token });
  expect(v.body).toMatchObject({ valid: false, brokenAtSeq: 4, matchesAnnounced: false });
  expect(v.body.reason).toMatch(/第 4 条内容与其哈希不符/);
  // Receipts before the altered entry still check; from it on they are not in a valid final log.
  const early = await s.api(`/api/consultations/${id}/receipts/${receipts[0]}`, { token: a.token });
  expect(early.body).toMatchObject({ found: true, inFinalLog: false });
  const altered = await s.api(`/api/consultations/${id}/receipts/${receipts[2]}`, { token: b.token });
  expect(altered.body).toMatchObject({ found: true, inFinalLog: false, chain: { valid: false, brokenAtSeq: 4 } });
  const rc = await s.api(`/api/consultations/${id}/recount`, { token: a.token });
  expect(rc.body.equal).toBe(false);
  expect(rc.body.differences.join('\n')).toMatch(/投票日志校验失败/);
});

it('detects an entry whose hash was recomputed to hide the change (the links and the announced head break)', async () => {
  const { ballotEntryHash } = await import('@gongzhi/shared');
  const e: Json = await log().findOne({ consultationId: id, seq: 4 });
  const forged = ballotEntryHash({ consultationId: id, seq: 4, prevHash: e.prevHash, body: e.body, salt: e.salt });
  await log().updateOne({ consultationId: id, seq: 4 }, { $set: { hash: forged } });
  const v = await s.api(`/api/consultations/${id}/log/verify`, { token: a.token });
  expect(v.body).toMatchObject({ valid: false, brokenAtSeq: 5 });
  expect(v.body.reason).toMatch(/前序哈希/);
});

it('detects an edited copy of the frozen electorate, then the electorate itself altered after the fact', async () => {
  // Readers use the copy kept beside the rows (electorateSnapshot.ts): an edited copy is reported, the rows still agree.
  const copies = mongoose.connection.db!.collection('consultation_electorate_snapshots');
  const copy: Json = await copies.findOne({ _id: `${id}:0` as never });
  const rows = JSON.parse(copy.json);
  rows.find((m: Json) => m.dwellingId === d[2]).areaHundredths = 99999;
  await copies.updateOne({ _id: `${id}:0` as never }, { $set: { json: JSON.stringify(rows) } });
  const copyOnly = await s.api(`/api/consultations/${id}/log/verify`, { token: a.token });
  expect(copyOnly.body.electorateMatches).toBe(true);
  expect(copyOnly.body.differences).toEqual(expect.arrayContaining([expect.objectContaining({ figure: '名册存档' })]));
  // Both the copy and the row: the electorate no longer matches the digest the log's first entry froze.
  await mongoose.connection.db!.collection('consultation_electorate').updateOne({ consultationId: id, dwellingId: d[2] }, { $set: { areaHundredths: 99999 } });
  const v = await s.api(`/api/consultations/${id}/log/verify`, { token: a.token });
  expect(v.body.electorateMatches).toBe(false);
});
