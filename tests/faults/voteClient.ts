import { randomBytes } from 'node:crypto';
import type { LoadClient, Res } from '../support/loadClient';
import { sleep } from '../support/faultDb';
import { ballot, choiceFor } from '../bench/world';

/**
 * A voter as a phone would behave under failures: one Idempotency-Key per intended ballot, re-sent on network
 * errors, 502/503 and 409 IDEMPOTENCY_IN_PROGRESS until a definite answer or the deadline. Every attempt is kept.
 */
export interface VoteOutcome {
  index: number;
  dwellingId: string;
  choice: 'approve' | 'reject' | 'abstain';
  key: string;
  attempts: { status: number; code?: string; replayed?: boolean; ms: number }[];
  final?: Res;
}

const retryable = (r: Res) => r.status === 0 || r.status === 502 || r.status === 503 || (r.status === 409 && r.body?.error?.code === 'IDEMPOTENCY_IN_PROGRESS');

export async function voteUntilAnswered(
  client: LoadClient,
  consultationId: string,
  questionId: string,
  dwellingId: string,
  token: string,
  index: number,
  opts: { deadlineMs?: number; key?: string; onAck?: () => void } = {},
): Promise<VoteOutcome> {
  const choice = choiceFor(index);
  const key = opts.key ?? `vote-${index}-${randomBytes(6).toString('hex')}`;
  const out: VoteOutcome = { index, dwellingId, choice, key, attempts: [] };
  const deadline = Date.now() + (opts.deadlineMs ?? 90_000);
  for (let k = 0; ; k++) {
    const r = await client.post(`/api/consultations/${consultationId}/ballots`, ballot(dwellingId, questionId, choice), token, { 'idempotency-key': key });
    out.attempts.push({ status: r.status, code: r.body?.error?.code ?? r.error, replayed: r.headers['idempotent-replayed'] === 'true', ms: Math.round(r.ms) });
    if (!retryable(r) || Date.now() > deadline) {
      out.final = r;
      if (r.status === 201) opts.onAck?.();
      return out;
    }
    await sleep(Math.min(1000, 100 + k * 50) + Math.random() * 100);
  }
}
