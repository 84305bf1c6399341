import mongoose from 'mongoose';
import { startFaultDb, spawnServer, sleep, waitFor, type FaultDb, type ServerProcess } from '../support/faultDb';
import { LoadClient, runPool } from '../support/loadClient';
import { seedVoters, openVote, type VoterWorld } from '../bench/world';
import { voteUntilAnswered, type VoteOutcome } from './voteClient';
import type { Json } from '../support/json';

/**
 * (a) kill -9 the database during a burst of votes and restart it on the same data dir and port. Every ballot
 * acknowledged with 2xx is in the log and the ballots exactly once; a voter who re-sent the same Idempotency-Key
 * (after an error, or twice at once) got one ballot and the same receipt; after close, the recount equals the
 * announced result and the live counters.
 */
const SECRET = 'fault-kill-secret-0123456789';
const DB = 'gz_fault_kill';
// Small on purpose: on the embedded FerretDB every non-_id query scans its collection (see the bench note).
const VOTERS = 60;
let db: FaultDb;
let server: ServerProcess;
let client: LoadClient;
let world: VoterWorld;
let vote: { id: string; questionId: string };
const outcomes: VoteOutcome[] = [];
const twins: [VoteOutcome, VoteOutcome][] = [];

beforeAll(async () => {
  // FAULT_KEEP_DATA=dir keeps the database files for a post-mortem.
  db = await startFaultDb(process.env.FAULT_KEEP_DATA ? { dataDir: process.env.FAULT_KEEP_DATA } : {});
  await mongoose.connect(db.uri, { dbName: DB, serverSelectionTimeoutMS: 30_000 });
  world = await seedVoters({ complexCode: 'FAULT-KILL', dwellings: VOTERS, secret: SECRET });
  server = await spawnServer({ MONGODB_URI: db.uri, MONGODB_DB: DB, JWT_SECRET: SECRET, JOBS: 'true' });
  client = new LoadClient(server.url, { connections: 32 });
  vote = await openVote(client, world);
}, 180_000);

afterAll(async () => {
  client?.close();
  await server?.kill('SIGTERM');
  await mongoose.disconnect();
  await db?.stop();
});

describe('database killed during a burst of votes', () => {
  it('burst with kill -9 and restart of the database: every voter ends with a definite answer', async () => {
    let acked = 0;
    let killed = false;
    const killer = (async () => {
      await waitFor('a quarter of the votes acknowledged', () => acked >= VOTERS / 4, 120_000, 10);
      await db.kill9();
      killed = true;
      await sleep(2000);
      await db.restart();
    })();
    const onAck = () => {
      acked++;
    };
    await runPool(
      world.dwellingIds.map((d, i) => i),
      8,
      async (i) => {
        const d = world.dwellingIds[i];
        const t = world.voterTokens[i];
        if (i % 6 === 3) {
          // The same key twice at once: a phone that re-sent before the first answer came back.
          const key = `twin-${i}-${Date.now()}`;
          const pair = await Promise.all([
            voteUntilAnswered(client, vote.id, vote.questionId, d, t, i, { key, onAck }),
            voteUntilAnswered(client, vote.id, vote.questionId, d, t, i, { key }),
          ]);
          twins.push(pair);
          outcomes.push(pair[0]);
        } else {
          outcomes.push(await voteUntilAnswered(client, vote.id, vote.questionId, d, t, i, { onAck }));
        }
      },
    );
    await killer;
    expect(killed).toBe(true);
    const failedDuringOutage = outcomes.filter((o) => o.attempts.some((a) => a.status !== 201)).length;
    console.log(
      `votes: ${outcomes.length}, hit the outage and retried: ${failedDuringOutage}, attempts: ${outcomes.reduce((n, o) => n + o.attempts.length, 0)}`,
    );
    expect(failedDuringOutage).toBeGreaterThan(0); // the kill really landed inside the burst
    const notAcked = outcomes
      .filter((o) => o.final?.status !== 201)
      .map((o) => `${o.index}: ${o.final?.status} ${JSON.stringify(o.final?.body)?.slice(0, 120)}`);
    expect(notAcked).toEqual([]);
  }, 200_000);

  it('every acknowledged ballot is in the log exactly once, with the choice and the receipt the voter got', async () => {
    const log = mongoose.connection.db!.collection('consultation_ballot_log');
    const casts = await log.find({ consultationId: vote.id, type: 'cast' }).toArray();
    const byDwelling = new Map<string, Json[]>();
    for (const e of casts) byDwelling.set(e.dwellingId, [...(byDwelling.get(e.dwellingId) ?? []), e]);
    const problems: string[] = [];
    for (const o of outcomes.filter((x) => x.final?.status === 201)) {
      const entries = byDwelling.get(o.dwellingId) ?? [];
      if (entries.length !== 1) problems.push(`${o.dwellingId}: ${entries.length} log entries`);
      else if (entries[0].receiptCode !== o.final!.body.receiptCode)
        problems.push(`${o.dwellingId}: receipt ${o.final!.body.receiptCode} ≠ log ${entries[0].receiptCode}`);
      const choices = entries.map((e) => e.body?.answers?.[0]?.choice);
      if (choices.some((c) => c !== o.choice)) problems.push(`${o.dwellingId}: voted ${o.choice}, logged ${JSON.stringify(choices)}`);
    }
    expect(problems).toEqual([]);
    expect(casts.length).toBe(outcomes.length);
  }, 60_000);

  it('a voter who sent the same key twice got one ballot and the same receipt twice', () => {
    expect(twins.length).toBeGreaterThan(0);
    for (const [a, b] of twins) {
      expect(b.final?.status).toBe(201);
      expect(b.final!.body.receiptCode).toBe(a.final!.body.receiptCode);
      expect(b.final!.body.seq).toBe(a.final!.body.seq);
    }
  });

  it('the hash chain verifies, and after close the recount equals the result and the live counters', async () => {
    const verify = await client.get(`/api/consultations/${vote.id}/log/verify`, world.committeeToken);
    expect(verify.status).toBe(200);
    expect(verify.body).toMatchObject({ valid: true, electorateMatches: true });
    const close = await client.post(`/api/consultations/${vote.id}/close`, { reason: '故障测试结束投票' }, world.committeeToken);
    expect(close.status).toBe(200);
    const recount = await waitFor(
      'recount after close',
      async () => {
        const r = await client.get(`/api/consultations/${vote.id}/recount`, world.committeeToken);
        return r.status === 200 ? r : undefined;
      },
      30_000,
      200,
    );
    expect(recount.body.differences).toEqual([]);
    expect(recount.body.equal).toBe(true);
    expect(recount.body.recomputed.ballots).toBe(outcomes.length);

    const want = { approve: 0, reject: 0, abstain: 0 } as Record<string, number>;
    for (const o of outcomes) want[o.choice]++;
    const tally = await client.get(`/api/consultations/${vote.id}/tally`, world.committeeToken);
    expect(tally.status).toBe(200);
    const q = tally.body.questions[0];
    expect(q.participation.dwellings).toBe(outcomes.length);
    const got = Object.fromEntries(q.options.map((o: Json) => [o.key.replace(/^choice:/, ''), o.dwellings]));
    for (const k of Object.keys(want)) expect({ k, n: got[k] ?? 0 }).toEqual({ k, n: want[k] });
  }, 60_000);
});
