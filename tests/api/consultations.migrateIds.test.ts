// Rows stored before the deterministic string `_id`s (ObjectId log entries, electorate rows and ballots) are moved
// once by scripts/migrate-ids.ts (issue #17: no fallbacks for old data in the server). After the script the vote
// works as if it had been written by this version: casts see the old entries, change the old ballot, and close
// with a recount that matches.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import mongoose, { Types } from 'mongoose';
import { ballotEntryHash, receiptCodeOf } from '@gongzhi/shared';
import { startTestServer, type TestServer } from '../support/server';
import { cast, closeVote, no, openVote, person, seedAreas, seedDwellings, shortLeadTime, yes, type Person } from '../support/consultations';
import type { Json } from '../support/json';
import { migrateIds } from '../../scripts/migrate-ids';

let s: TestServer;
let d: string[];
let committee: Person;
const owners: Person[] = [];
const db = () => mongoose.connection.db!;
const VOTE_ROWS = ['consultation_ballot_log', 'consultation_electorate', 'consultation_ballots'];

beforeAll(async () => {
  s = await startTestServer({ DB_PREFIX: 'cons_migrate' });
  const paths = await seedAreas();
  d = await seedDwellings(
    paths,
    Array.from({ length: 5 }, (_, i) => ({ entrance: 'QB1U1', room: `${i + 1}01`, area: 9000 + i * 100 })),
  );
  const admin = await person({ grants: [{ role: 'admin', scope: 'root' }] });
  committee = await person({ grants: [{ role: 'committee', scope: 'Q' }] });
  for (const dw of d) owners.push(await person({ owns: [dw] }));
  await shortLeadTime(s, admin.token);
});
afterAll(async () => {
  await s.stop();
});

async function runScript(): Promise<{ code: number; out: string }> {
  const args = ['--require', 'tsx/cjs', 'scripts/migrate-ids.ts', '--uri', process.env.MONGODB_URI!, '--db', s.dbName];
  try {
    const { stdout } = await promisify(execFile)(process.execPath, args, { cwd: `${__dirname}/../..`, timeout: 60_000 });
    return { code: 0, out: stdout };
  } catch (e) {
    const x = e as { code?: number; stdout?: string };
    return { code: x.code ?? -1, out: x.stdout ?? '' };
  }
}

const oldRows = async (id: string) => {
  let n = 0;
  for (const name of VOTE_ROWS) n += (await db().collection(name).find({ consultationId: id }).toArray()).filter((r) => typeof r._id !== 'string').length;
  return n;
};

/** Rewrites a vote's rows as an older version stored them: the same fields under an ObjectId `_id`. */
async function makeOld(id: string) {
  for (const name of VOTE_ROWS) {
    const rows = await db().collection(name).find({ consultationId: id }).toArray();
    await db().collection(name).deleteMany({ consultationId: id });
    if (rows.length)
      await db()
        .collection(name)
        .insertMany(rows.map(({ _id, ...r }) => ({ ...r, _id: new Types.ObjectId() })));
  }
}

/** An older instance's cast for dwelling i and its ballot row, both with ObjectId `_id`s. */
async function oldCast(id: string, i: number, choice: string) {
  const log = db().collection('consultation_ballot_log');
  const head: Json = (await log.find({ consultationId: id }).sort({ seq: -1 }).limit(1).toArray())[0];
  const member: Json = await db().collection('consultation_electorate').findOne({ consultationId: id, dwellingId: d[i] });
  const seq = head.seq + 1;
  const castId = `k:old-${seq}`;
  const answers = [{ questionId: 'renovate', choice }];
  const body = { at: new Date().toISOString(), dwellingId: d[i], answers, actorId: owners[i].id, via: 'owner', castId, type: 'cast' };
  const hash = ballotEntryHash({ consultationId: id, seq, prevHash: head.hash, body });
  const fields = { consultationId: id, seq, prevHash: head.hash, hash, receiptCode: receiptCodeOf(hash), castId, type: 'cast' };
  await log.insertOne({ ...fields, dwellingId: d[i], headcountKey: member.headcountKey, body });
  const { buildingCode, areaHundredths, headcountKey } = member;
  await db().collection('consultation_ballots').insertOne({
    consultationId: id,
    questionId: 'renovate',
    dwellingId: d[i],
    answer: answers[0],
    source: 'electronic',
    logSeq: seq,
    buildingCode,
    areaHundredths,
    headcountKey,
    castAt: new Date(),
  });
  return seq;
}

it('moves a vote written before the string ids once, and the vote then works: casts, changes, close and recount', async () => {
  const id = await openVote(s, committee.token, {
    kind: 'whether',
    title: '外墙翻新',
    complexCode: 'Q',
    electorate: { level: 'entrance', entranceCode: 'QB1U1' },
  });
  expect((await cast(s, owners[0].token, id, d[0], yes())).status).toBe(201);
  await makeOld(id);
  const oldSeq = await oldCast(id, 3, 'reject');
  const rows = await oldRows(id);
  expect(rows).toBe(3 + 5 + 1); // open, cast, old cast; 5 electorate rows; the old instance's ballot row

  // A server that renewed its job lease lately is taken to be running: the script refuses and changes nothing.
  const lease = `job:purge-rate-counters:${Date.now()}`;
  await db()
    .collection('leases')
    .insertOne({ _id: lease as Json, owner: 'another-instance', until: new Date(Date.now() + 60_000) });
  const refused = await runScript();
  expect(refused.code).toBe(2);
  expect(refused.out).toContain('stop every instance');
  expect(await oldRows(id)).toBe(rows);
  await db()
    .collection('leases')
    .deleteOne({ _id: lease as Json });

  const first = await runScript();
  expect(first.code).toBe(0);
  expect(first.out).toContain('consultation_ballot_log: 3 rows moved');
  expect(first.out).toContain('consultation_electorate: 5 rows moved');
  expect(first.out).toContain('consultation_ballots: 1 rows moved');
  expect(await oldRows(id)).toBe(0);
  expect(
    await db()
      .collection('consultation_ballot_log')
      .findOne({ _id: `${id}:${oldSeq}` as Json }),
  ).toMatchObject({ dwellingId: d[3] });
  expect(await migrateIds(db())).toEqual(Object.fromEntries(VOTE_ROWS.map((n) => [n, { migrated: 0, conflicts: 0 }]))); // a second run: nothing to do

  // Dwelling 3 changes its old ballot, dwelling 4 votes for the first time.
  const change = await cast(s, owners[3].token, id, d[3], yes());
  expect(change.status).toBe(201);
  expect(change.body.seq).toBe(oldSeq + 1);
  expect((await cast(s, owners[4].token, id, d[4], no())).status).toBe(201);
  const closed = await closeVote(s, committee.token, id);
  expect(closed.result.questions[0].tally.plain).toMatchObject({ participatingDwellings: 3 });
  const recount = await s.api(`/api/consultations/${id}/recount`, { token: committee.token });
  expect(recount.body).toMatchObject({ equal: true, differences: [], chain: { valid: true, electorateMatches: true, matchesAnnounced: true } });
  // The effective ballots, replayed from the moved log: the old ballot changed, the new one added.
  const ballots = (await s.api(`/api/consultations/${id}/ballots`, { token: committee.token })).body.items;
  expect(ballots.map((b: Json) => [b.dwellingId, b.answer.choice]).sort()).toEqual(
    [
      [d[0], 'approve'],
      [d[3], 'approve'],
      [d[4], 'reject'],
    ].sort(),
  );
});
