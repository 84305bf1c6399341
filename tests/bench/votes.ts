import { randomBytes } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { LoadClient, runPool, summarize, type Summary } from '../support/loadClient';
import { ballot, choiceFor, type VoterWorld } from './world';

export interface RateResult {
  concurrency: number;
  ops: number;
  seconds: number;
  perSecond: number;
  latency: Summary;
  errors: number;
  errorCodes: Record<string, number>;
}

function rate(concurrency: number, lat: number[], seconds: number, errors: string[]): RateResult {
  const errorCodes: Record<string, number> = {};
  for (const e of errors) errorCodes[e] = (errorCodes[e] ?? 0) + 1;
  return {
    concurrency,
    ops: lat.length,
    seconds: Math.round(seconds * 100) / 100,
    perSecond: Math.round(((lat.length - errors.length) / seconds) * 100) / 100,
    latency: summarize(lat),
    errors: errors.length,
    errorCodes,
  };
}

/**
 * The ceiling: the raw driver inserting ballot-shaped documents, one insertOne per vote, into a collection with the
 * same unique index as the ballots (consultation, question, dwelling), at the same concurrency.
 */
export async function ceilingRate(uri: string, dbName: string, concurrency: number, n: number): Promise<RateResult> {
  const client = new MongoClient(uri, { maxPoolSize: Math.max(concurrency, 4), retryWrites: false });
  await client.connect();
  const coll = client.db(dbName).collection(`bench_ceiling_${concurrency}`);
  await coll.drop().catch(() => undefined);
  await coll.createIndex({ consultationId: 1, questionId: 1, dwellingId: 1 }, { unique: true });
  const consultationId = randomBytes(12).toString('hex');
  const lat: number[] = [];
  const errors: string[] = [];
  const started = process.hrtime.bigint();
  await runPool(
    Array.from({ length: n }, (_, i) => i),
    concurrency,
    async (i) => {
      const t = process.hrtime.bigint();
      try {
        await coll.insertOne({
          consultationId,
          questionId: 'renovate',
          dwellingId: randomBytes(12).toString('hex'),
          answer: { questionId: 'renovate', choice: choiceFor(i) },
          source: 'electronic',
          logSeq: i + 2,
          buildingCode: 'B1',
          areaHundredths: 8000,
          headcountKey: `hc:${i}`,
          castAt: new Date(),
        });
      } catch (e: unknown) {
        const err = e as { code?: unknown; message?: unknown } | null;
        errors.push(String(err?.code ?? err?.message));
      }
      lat.push(Number(process.hrtime.bigint() - t) / 1e6);
    },
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await client.close();
  return rate(concurrency, lat, seconds, errors);
}

/** Distinct voters cast through the real HTTP API (keep-alive client, one Idempotency-Key each). */
export async function castRate(
  baseUrl: string,
  w: VoterWorld,
  vote: { id: string; questionId: string },
  concurrency: number,
  voterIndexes: number[],
  onAck?: (i: number, at: number) => void,
  maxSeconds = Infinity,
): Promise<RateResult & { used: number[]; latencies: number[] }> {
  const client = new LoadClient(baseUrl, { connections: concurrency, timeoutMs: 120_000 });
  const lat: number[] = [];
  const errors: string[] = [];
  const used: number[] = [];
  const started = process.hrtime.bigint();
  const deadline = Date.now() + maxSeconds * 1000;
  await runPool(voterIndexes, concurrency, async (i) => {
    if (Date.now() > deadline) return; // time-bounded: the voters not reached stay unused
    used.push(i);
    const r = await client.post(`/api/consultations/${vote.id}/ballots`, ballot(w.dwellingIds[i], vote.questionId, choiceFor(i)), w.voterTokens[i], {
      'idempotency-key': `bench-${vote.id.slice(-6)}-${i}`,
    });
    lat.push(r.ms);
    if (r.status !== 201) errors.push(`${r.status} ${r.body?.error?.code ?? r.error ?? ''}`.trim());
    else onAck?.(i, performance.now());
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  client.close();
  return { ...rate(concurrency, lat, seconds, errors), used, latencies: lat };
}

/** Sequential GETs of one path; latency summary. */
export async function readLatency(baseUrl: string, path: string, token: string, n: number, maxSeconds = Infinity): Promise<Summary & { errors: number }> {
  const client = new LoadClient(baseUrl, { connections: 1, timeoutMs: 120_000 });
  const lat: number[] = [];
  let errors = 0;
  const deadline = Date.now() + maxSeconds * 1000;
  for (let i = 0; i < n && Date.now() < deadline; i++) {
    const r = await client.get(path, token);
    if (r.status !== 200) errors++;
    lat.push(r.ms);
  }
  client.close();
  return { ...summarize(lat), errors };
}
