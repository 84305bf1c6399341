// A burst of concurrent casts with retries (same Idempotency-Key), changes and duplicate submissions: exactly one
// effective ballot per dwelling, live counters equal to the recount, an intact chain; live pushes batched.
import mongoose from 'mongoose';
import { replayBallots } from '@gongzhi/shared';
import { startTestServer, type TestServer } from '../support/server';
import {
  cast,
  closeVote,
  join,
  openVote,
  person,
  seedAreas,
  seedDwellings,
  shortLeadTime,
  socketClient,
  type DwellingSpec,
  type Person,
} from '../support/consultations';
import type { Json } from '../support/json';

let s: TestServer;
let committee: Person;
const owners: { p: Person; dwellings: string[] }[] = [];
let dwellingIds: string[] = [];

const N = 24;
beforeAll(async () => {
  s = await startTestServer({ DB_PREFIX: 'cons_burst' });
  const paths = await seedAreas();
  // 24 dwellings; dwellings 0–2 belong to one owner (one headcount), 20–23 are developer-held (one headcount).
  const specs: DwellingSpec[] = Array.from({ length: N }, (_, i) => ({
    entrance: i % 2 ? 'QB1U1' : 'QB2U1',
    room: `${Math.floor(i / 2) + 1}0${(i % 2) + 1}`,
    area: 6000 + i * 137,
    key: i <= 2 ? 'multi-owner' : undefined,
    developer: i >= 20,
  }));
  dwellingIds = await seedDwellings(paths, specs);
  const admin = await person({ grants: [{ role: 'admin', scope: 'root' }] });
  committee = await person({ grants: [{ role: 'committee', scope: 'Q' }] });
  await shortLeadTime(s, admin.token);
  owners.push({ p: await person({ owns: dwellingIds.slice(0, 3) }), dwellings: dwellingIds.slice(0, 3) });
  for (let i = 3; i < 20; i++) owners.push({ p: await person({ owns: [dwellingIds[i]] }), dwellings: [dwellingIds[i]] });
  owners.push({ p: await person({ owns: dwellingIds.slice(20) }), dwellings: dwellingIds.slice(20) });
});
afterAll(async () => {
  await s.stop();
});

it('many concurrent casts, retries and changes leave one ballot per dwelling and counters equal to the recount', async () => {
  const id = await openVote(s, committee.token, { kind: 'whether', title: '整体改造', complexCode: 'Q', electorate: { level: 'complex' } });
  const watcher = await socketClient(s, owners[5].p.token);
  expect(await join(watcher, `consultation:${id}`)).toEqual({ ok: true });
  const pushes: Json[] = [];
  watcher.on('consultation:tally', (t) => pushes.push({ at: Date.now(), t }));

  // Every dwelling: a first cast sent 3 times at once with one key (a client retrying after timeouts), and for
  // every third dwelling a change sent concurrently with another key.
  const jobs: Promise<{ status: number; body: Json }>[] = [];
  const firstOf: string[] = []; // per job: the dwelling of a first cast, '' for a change
  const choice = (i: number) => (i % 4 === 0 ? 'reject' : i % 7 === 0 ? 'abstain' : 'approve');
  owners.forEach(({ p, dwellings }) =>
    dwellings.forEach((dw) => {
      const i = dwellingIds.indexOf(dw);
      const answers = [{ questionId: 'renovate', choice: choice(i) }];
      for (let k = 0; k < 3; k++) {
        jobs.push(cast(s, p.token, id, dw, answers, `first-${i}-abcdef`));
        firstOf.push(dw);
      }
      if (i % 3 === 0) {
        jobs.push(cast(s, p.token, id, dw, [{ questionId: 'renovate', choice: 'reject' }], `change-${i}-abcdef`));
        firstOf.push('');
      }
    }),
  );
  const results = await Promise.all(jobs);
  // The ballot log is the key's record: the copies sent at once are all answered, with the one receipt of one entry.
  expect(results.map((r) => r.status).filter((x) => x !== 201)).toEqual([]);
  const receiptsOf = (dw: string) => new Set(results.filter((_, j) => firstOf[j] === dw).map((r) => r.body.receiptCode));
  for (const dw of dwellingIds) expect(receiptsOf(dw).size).toBe(1);
  // A retry later gets the first response.
  for (const { p, dwellings } of owners)
    for (const dw of dwellings) {
      const i = dwellingIds.indexOf(dw);
      const r = await cast(s, p.token, id, dw, [{ questionId: 'renovate', choice: choice(i) }], `first-${i}-abcdef`);
      expect(r.status).toBe(201);
    }

  const db = mongoose.connection.db!;
  const stored = await db.collection('consultation_ballot_log').find({ consultationId: id }).sort({ seq: 1 }).toArray();
  const ballots = replayBallots(stored as never).ballots;
  expect(ballots).toHaveLength(N);
  expect(new Set(ballots.map((b) => b.dwellingId)).size).toBe(N);
  // One log entry per accepted cast: N first casts + one change per third dwelling (+ open entry).
  const changes = dwellingIds.filter((_, i) => i % 3 === 0).length;
  expect(await db.collection('consultation_ballot_log').countDocuments({ consultationId: id })).toBe(1 + N + changes);

  const live = (await s.api(`/api/consultations/${id}/tally`, { token: committee.token })).body.questions[0];
  expect(live.options).toEqual([]); // while open: participation only, for staff too
  // Pushes are batched (one every few seconds); the last one shows the final participation.
  await new Promise((r) => setTimeout(r, 4000));
  const last = pushes[pushes.length - 1];
  expect(last).toBeDefined();
  // Batched: pushes come at least the batching interval (3 s, less client-side jitter) apart, never one per ballot.
  for (let k = 1; k < pushes.length; k++) expect(pushes[k].at - pushes[k - 1].at).toBeGreaterThanOrEqual(2500);
  expect(last.t.questions[0].participation).toEqual(live.participation);
  watcher.close();

  const closed = await closeVote(s, committee.token, id);
  const plain = closed.result.questions[0].tally.plain;
  expect(live.participation).toMatchObject({
    dwellings: plain.participatingDwellings,
    areaHundredths: plain.participatingAreaHundredths,
    headcount: plain.participatingHeadcount,
  });
  expect(plain.participatingHeadcount).toBe(1 + 17 + 1);
  const after = (await s.api(`/api/consultations/${id}/tally`, { token: committee.token })).body.questions[0];
  for (const row of plain.distribution) {
    expect(after.options.find((o: Json) => o.key === `choice:${row.choice}`)).toMatchObject({ dwellings: row.dwellings, areaHundredths: row.areaHundredths });
  }
  const recount = await s.api(`/api/consultations/${id}/recount`, { token: committee.token });
  expect(recount.body).toMatchObject({ equal: true, differences: [], chain: { valid: true, electorateMatches: true, matchesAnnounced: true } });
}, 120_000);

it('a resident watcher gets batched participation pushes and no per-option figure before close; outsiders are refused', async () => {
  const id = await openVote(s, committee.token, { kind: 'whether', title: '二号楼改造', complexCode: 'Q', electorate: { level: 'complex' } });
  const outsider = await person();
  const o = await socketClient(s, outsider.token);
  expect(await join(o, `consultation:${id}`)).toMatchObject({ ok: false });
  o.close();
  const w = await socketClient(s, owners[18].p.token); // a resident of the complex, not voting here
  expect(await join(w, `consultation:${id}`)).toEqual({ ok: true });
  const pushes: { at: number; t: Json }[] = [];
  w.on('consultation:tally', (t) => pushes.push({ at: Date.now(), t }));
  // Three ballots a few hundred milliseconds apart: a neighbour must not see them one by one. Pushes are at least
  // 3 s apart (the batching timer may have started before this burst, so a push may split it once, never more).
  for (const k of [4, 5, 6]) {
    const r = await cast(s, owners[k].p.token, id, owners[k].dwellings[0], [{ questionId: 'renovate', choice: k === 5 ? 'reject' : 'approve' }]);
    expect(r.status).toBe(201);
    await new Promise((r2) => setTimeout(r2, 300));
  }
  const deadline = Date.now() + 10_000;
  while (pushes.at(-1)?.t.questions[0].participation.dwellings !== 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  expect(pushes.length).toBeGreaterThanOrEqual(1);
  expect(pushes.length).toBeLessThanOrEqual(2);
  for (let i = 1; i < pushes.length; i++) expect(pushes[i].at - pushes[i - 1].at).toBeGreaterThanOrEqual(2500);
  const t = pushes.at(-1)!.t;
  expect(t.optionsHidden).toBe(true);
  expect(t.questions[0].options).toEqual([]);
  expect(t.questions[0].participation).toMatchObject({ dwellings: 3, headcount: 3 });
  expect(t.buildings.reduce((n: number, b: Json) => n + b.voted, 0)).toBe(3);
  expect(JSON.stringify(t)).not.toMatch(/approve|reject|abstain/);
  expect(JSON.stringify(t)).not.toContain(owners[5].dwellings[0]);
  // At close the per-option figures arrive.
  const closedPush = new Promise<Json>((resolve) =>
    w.on('consultation:tally', (x) => {
      if (x.status !== 'open') resolve(x);
    }),
  );
  await closeVote(s, committee.token, id);
  const final = await closedPush;
  expect(final.optionsHidden).toBe(false);
  expect(final.questions[0].options.find((x: Json) => x.key === 'choice:reject')).toMatchObject({ dwellings: 1 });
  w.close();
}, 30_000);
