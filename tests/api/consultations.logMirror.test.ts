// The vote path reads the ballot log from an in-process mirror and documents by deterministic `_id` (issue #8).
// What must still hold: entries another instance appended are seen (and their rules enforced) before the next
// append; the cast rate limit is exact across instances without counting hits by a query. (Rows written before the
// `_id` scheme are moved by scripts/migrate-ids.ts: consultations.migrateIds.test.ts.)
import mongoose from 'mongoose';
import { ballotEntryHash, receiptCodeOf, sha256Hex } from '@gongzhi/shared';
import { CAST_LIMIT } from '../../server/src/consultations/commands/castBallot';
import { startTestServer, type TestServer } from '../support/server';
import { cast, no, openVote, person, seedAreas, seedDwellings, shortLeadTime, yes, type Person } from '../support/consultations';
import type { Json } from '../support/json';
import { commandsWhile } from '../support/commands';

let s: TestServer;
let d: string[];
let committee: Person;
const owners: Person[] = [];
const db = () => mongoose.connection.db!;
const log = () => db().collection('consultation_ballot_log');

beforeAll(async () => {
  s = await startTestServer({ DB_PREFIX: 'cons_mirror' });
  const paths = await seedAreas();
  d = await seedDwellings(
    paths,
    Array.from({ length: 6 }, (_, i) => ({ entrance: 'QB1U1', room: `${i + 1}01`, area: 9000 + i * 100 })),
  );
  const admin = await person({ grants: [{ role: 'admin', scope: 'root' }] });
  committee = await person({ grants: [{ role: 'committee', scope: 'Q' }] });
  for (const dw of d) owners.push(await person({ owns: [dw] }));
  await shortLeadTime(s, admin.token);
});
afterAll(async () => {
  await s.stop();
});

/** A cast entry as another server instance writes it. */
async function appendElsewhere(id: string, i: number, choice: string, castIdOf?: (seq: number) => string) {
  const head: Json = (await log().find({ consultationId: id }).sort({ seq: -1 }).limit(1).toArray())[0];
  const member: Json = await db().collection('consultation_electorate').findOne({ consultationId: id, dwellingId: d[i] });
  const seq = head.seq + 1;
  const castId = castIdOf?.(seq) ?? `k:elsewhere-${seq}`;
  const answers = [{ questionId: 'renovate', choice }];
  const body = { at: new Date().toISOString(), dwellingId: d[i], answers, actorId: owners[i].id, via: 'owner', castId, type: 'cast' };
  const hash = ballotEntryHash({ consultationId: id, seq, prevHash: head.hash, body });
  await log().insertOne({
    _id: `${id}:${seq}` as Json,
    consultationId: id,
    seq,
    prevHash: head.hash,
    hash,
    receiptCode: receiptCodeOf(hash),
    castId,
    type: 'cast',
    dwellingId: d[i],
    headcountKey: member.headcountKey,
    body,
  });
  return { seq, hash };
}

it('sees entries another instance appended before it appends, and enforces their rules', async () => {
  const id = await openVote(s, committee.token, {
    kind: 'whether',
    title: '加装电梯',
    complexCode: 'Q',
    electorate: { level: 'entrance', entranceCode: 'QB1U1' },
    allowChange: false,
  });
  expect((await cast(s, owners[0].token, id, d[0], yes())).body.seq).toBe(2);
  const other = await appendElsewhere(id, 1, 'approve');
  // The other instance's cast for dwelling 1 is in the log: with changes off, this one is refused.
  const again = await cast(s, owners[1].token, id, d[1], no());
  expect(again.status).toBe(409);
  expect(again.body.error.code).toBe('BALLOT_CHANGE_NOT_ALLOWED');
  const next = await cast(s, owners[2].token, id, d[2], yes());
  expect(next.status).toBe(201);
  expect(next.body.seq).toBe(other.seq + 1);
  expect((await log().findOne({ _id: `${id}:${next.body.seq}` as Json }))?.prevHash).toBe(other.hash);
  const v = await s.api(`/api/consultations/${id}/log/verify`, { token: committee.token });
  expect(v.body).toMatchObject({ valid: true, entries: 4 });
});

it('a retry whose first attempt another instance wrote gets that entry back, not a second one', async () => {
  const id = await openVote(s, committee.token, {
    kind: 'whether',
    title: '雨污分流',
    complexCode: 'Q',
    electorate: { level: 'entrance', entranceCode: 'QB1U1' },
  });
  expect((await cast(s, owners[0].token, id, d[0], yes())).status).toBe(201); // this instance has the vote's log
  // The phone's first attempt reached the other instance, which wrote it; its answer was lost on the way back.
  const key = 'lost-answer-0001';
  const castId = `k:${sha256Hex(`${owners[3].id}\u0000POST /api/consultations/${id}/ballots\u0000${key}`).slice(0, 40)}`;
  const first = await appendElsewhere(id, 3, 'approve', () => castId);
  const entries = await log().countDocuments({ consultationId: id });
  const retry = await cast(s, owners[3].token, id, d[3], yes(), key);
  expect([retry.status, retry.headers.get('idempotent-replayed'), retry.body.seq]).toEqual([201, 'true', first.seq]);
  expect(await log().countDocuments({ consultationId: id })).toBe(entries);
  // The same key with another choice is another request: refused, as on every keyed route.
  const other = await cast(s, owners[3].token, id, d[3], no(), key);
  expect([other.status, other.body.error.code]).toEqual([422, 'IDEMPOTENCY_KEY_REUSED']);
});

it('counts cast hits another instance took in the same window: the limit holds across instances', async () => {
  const id = await openVote(s, committee.token, {
    kind: 'whether',
    title: '车位改造',
    complexCode: 'Q',
    electorate: { level: 'entrance', entranceCode: 'QB1U1' },
  });
  const windowMs = CAST_LIMIT.windowSeconds * 1000;
  if (windowMs - (Date.now() % windowMs) < 15_000) await new Promise((r) => setTimeout(r, windowMs - (Date.now() % windowMs) + 100));
  const windowStart = Math.floor(Date.now() / windowMs) * windowMs;
  const key = `cast:${owners[5].id}:${id}`;
  // Another instance admitted all but two of this voter's casts in this window.
  await db()
    .collection('rate_hits')
    .insertMany(
      Array.from({ length: CAST_LIMIT.limit - 2 }, (_, i) => ({
        _id: `${key}:${windowStart}:${i + 1}` as Json,
        key,
        windowStart,
        at: new Date(),
      })),
    );
  expect((await cast(s, owners[5].token, id, d[5], yes())).status).toBe(201);
  expect((await cast(s, owners[5].token, id, d[5], no())).status).toBe(201);
  const third = await cast(s, owners[5].token, id, d[5], yes());
  expect(third.status).toBe(429);
  expect(third.body.error.code).toBe('RATE_LIMITED');
  expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);
  expect(await db().collection('rate_hits').countDocuments({ key })).toBe(CAST_LIMIT.limit);
});

it('a cast is a handful of `_id` commands: the rights document read once, the log not probed, no idempotency record', async () => {
  const id = await openVote(s, committee.token, {
    kind: 'whether',
    title: '外墙保温',
    complexCode: 'Q',
    electorate: { level: 'entrance', entranceCode: 'QB1U1' },
  });
  expect((await cast(s, owners[3].token, id, d[3], yes())).status).toBe(201); // the vote's log and electorate are loaded
  const { result: r, commands: seen } = await commandsWhile(() => cast(s, owners[4].token, id, d[4], yes(), 'trace-cast-1'));
  expect(r.status).toBe(201);
  const of = (collection: string, method?: string) => seen.filter((c) => c.collection === collection && (!method || c.method === method)).length;
  expect(of('user_dwellings')).toBe(1);
  // The Idempotency-Key's record is the log itself: no stored answer. A lone writer does not probe the log: another
  // instance's entry would make the insert fail (see the tests above).
  expect(of('idempotency_keys')).toBe(0);
  expect(of('consultation_ballot_log', 'findOne')).toBe(0);
  expect(of('consultation_ballot_log', 'insertMany')).toBe(1);
  // Every read is a point read (a write's filter is its own `_id` too).
  for (const c of seen.filter((x) => /^find/.test(x.method))) expect(Object.keys(c.filter as object)).toEqual(['_id']);
  // users, sessions, consultations, user_dwellings, rate_hits, and the append's insert.
  expect(seen.length).toBeLessThanOrEqual(6);
});
