// Issue 12, the consultations side of "this wasn't me": a ballot cast through a binding or proxy the owner disputed
// is on the committee's conflict list, does not lock the real owner out under 'first_stands', blocks the close until
// the committee decides (uphold = it does not count, keep = it stands) or two staff members override, and every
// decision is in the hash-chained log, so the sealed log alone reproduces the announced figures.
import { flagDisputedBallots } from '../../server/src/consultations/disputedBallots';
import { verifySealedLog } from '../../tools/verifier/verifySealedLog';
import { startTestServer, type TestServer } from '../support/server';
import { cast, no, openVote, person, seedAreas, seedDwellings, shortLeadTime, waitAnnounced, yes, type Person } from '../support/consultations';
import type { Json } from '../support/json';

let s: TestServer;
let d: string[];
let committee: Person, committee2: Person, a: Person, b: Person, owner: Person, intruder: Person;
const close = (token: string, id: string, body: Record<string, unknown> = { reason: '提前结束测试' }) =>
  s.api(`/api/consultations/${id}/close`, { token, body });
const open = (title: string) =>
  openVote(s, committee.token, { kind: 'whether', title, complexCode: 'Q', electorate: { level: 'entrance', entranceCode: 'QB1U1' } });
const dispute = () => flagDisputedBallots({ actorId: intruder.id, dwellingId: d[2], disputeRef: 'binding:test', disputedBy: owner.id });
const conflicts = async (id: string) => (await s.api(`/api/consultations/${id}/conflicts`, { token: committee.token })).body;
const decide = (id: string, seq: number, decision: 'uphold' | 'keep', token = committee.token) =>
  s.api(`/api/consultations/${id}/disputed-ballots/${seq}/resolve`, { token, body: { decision, reason: '业主申诉属实，已核对' } });

/** Announced, and the anonymised sealed log alone reproduces every announced figure. */
async function verified(id: string) {
  await waitAnnounced(s, committee.token, id);
  const log = (await s.api(`/api/consultations/${id}/log/sealed`, { token: a.token })).body;
  expect(verifySealedLog(log, {})).toMatchObject({ ok: true, problems: [] });
  expect((await s.api(`/api/consultations/${id}/recount`, { token: committee.token })).body).toMatchObject({ equal: true });
  return log;
}

beforeAll(async () => {
  s = await startTestServer({ DB_PREFIX: 'cons_disputes' });
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
  owner = await person({ owns: [d[2]] });
  intruder = await person({ owns: [d[2]] }); // a binding the owner then disputes
  await shortLeadTime(s, admin.token);
});
afterAll(async () => {
  await s.stop();
});

it('a disputed ballot is on the conflict list, does not block the owner, and blocks the close until the committee upholds the dispute', async () => {
  const id = await open('争议：业主重新投票');
  const bad = await cast(s, intruder.token, id, d[2], no());
  expect(bad.status).toBe(201);
  await cast(s, a.token, id, d[0], yes());
  expect(await dispute()).toBe(1);

  const list = await conflicts(id);
  expect(list.items).toEqual([]);
  expect(list.disputed).toEqual([
    expect.objectContaining({
      seq: bad.body.seq,
      label: expect.stringMatching(/201/),
      reason: 'disputed binding/proxy',
      dwelling: expect.objectContaining({ dwellingId: d[2] }),
      answers: no(),
      resolution: null,
    }),
  ]);

  // first_stands: the intruder's disputed ballot no longer locks the owner out, and replaces nobody's.
  const own = await cast(s, owner.token, id, d[2], yes());
  expect(own.status).toBe(201);
  expect(own.body.replaced).toBe(false);

  const refused = await close(committee.token, id);
  expect([refused.status, refused.body.error.code]).toEqual([409, 'CONFLICTS_UNRESOLVED']);
  expect(refused.body.error.message).toMatch(/201/);
  expect(refused.body.error.details.disputed).toEqual([
    expect.objectContaining({ disputedSeq: bad.body.seq, dwellingId: d[2], reason: 'disputed binding/proxy' }),
  ]);

  expect((await decide(id, 999, 'uphold')).status).toBe(404);
  const upheld = await decide(id, bad.body.seq, 'uphold');
  expect([upheld.status, upheld.body.decision]).toEqual([200, 'uphold']);
  expect((await decide(id, bad.body.seq, 'keep')).body.error.code).toBe('CONFLICT_ALREADY_RESOLVED');
  expect((await conflicts(id)).disputed[0].resolution).toMatchObject({ decision: 'uphold', seq: upheld.body.seq });

  const done = await close(committee.token, id);
  expect(done.status).toBe(200);
  expect(done.body.result.ballots).toBe(2);
  const log = await verified(id);
  expect(log.entries.find((e: Json) => e.body.type === 'resolve').body).toMatchObject({ disputedSeq: bad.body.seq, decision: 'uphold' });
});

it('upheld: the disputed ballot is dropped from the count (live counters and result), and the log says why', async () => {
  const id = await open('争议：维持申诉');
  const bad = await cast(s, intruder.token, id, d[2], no());
  await cast(s, a.token, id, d[0], yes());
  await cast(s, b.token, id, d[1], yes());
  await dispute();
  expect((await decide(id, bad.body.seq, 'uphold')).status).toBe(200);
  const mine = (await s.api(`/api/consultations/${id}/my-ballots`, { token: owner.token })).body.items[0];
  expect(mine.answers).toEqual([]);
  const done = await close(committee.token, id);
  expect(done.status).toBe(200); // the close's integrity check compares the repaired counters with the replay
  expect(done.body.result.ballots).toBe(2);
  await verified(id);
});

it('kept: the disputed ballot counts as cast', async () => {
  const id = await open('争议：保留');
  const bad = await cast(s, intruder.token, id, d[2], no());
  await cast(s, a.token, id, d[0], yes());
  await dispute();
  expect((await decide(id, bad.body.seq, 'keep')).status).toBe(200);
  const done = await close(committee.token, id);
  expect(done.status).toBe(200);
  expect(done.body.result.ballots).toBe(2);
  await verified(id);
});

it('an override by two staff members closes with the disputed ballot as cast, and says so in the result', async () => {
  const id = await open('争议：两人确认结束');
  const bad = await cast(s, intruder.token, id, d[2], no());
  await dispute();
  expect((await s.api(`/api/consultations/${id}/close-override`, { token: committee.token, body: { reason: '业主无法到场，按电子票计并公示' } })).status).toBe(
    200,
  );
  expect((await close(committee.token, id)).body.error.code).toBe('SECOND_STAFF_REQUIRED');
  const done = await close(committee2.token, id);
  expect(done.status).toBe(200);
  expect(done.body.result.conflictOverride).toMatchObject({ disputedSeqs: [bad.body.seq], paperSeqs: [] });
  expect(done.body.result.reasons.join()).toMatch(/争议绑定\/委托/);
  await verified(id);
});
