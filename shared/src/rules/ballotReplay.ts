// Replaying the ballot log into effective ballots: the one definition of "which ballot counts", used by the server
// when it closes a vote and by anyone recounting from the log.
//
// Entry types (body.type):
//   open    — genesis: frozen electorate digest and the questions.
//   cast    — electronic ballot by an owner or approved proxy; the latest cast per (question, dwelling) is effective.
//   paper   — paper ballot entered by the committee. Effective at once when the dwelling had no electronic ballot;
//             with `conflict: true` (an electronic ballot existed) it counts for nothing until a resolve entry decides.
//   resolve — the committee's audited decision on a conflict: keep 'paper' (its answers replace the electronic ones)
//             or keep 'electronic' (the paper ballot is void). With `disputedSeq` instead, the decision on an electronic
//             ballot cast through a binding/proxy the owner disputed: 'uphold' drops it (as if never cast), 'keep'
//             leaves it as it was.
//   close   — the seal; nothing after it counts. (A close over undecided disputes lists them in its
//             `conflictOverride.disputedSeqs`: they stay as cast, and the result says so.)

export interface LogAnswer {
  questionId: string;
  choice?: string;
  items?: { itemId: string; choice: 'approve' | 'reject' | 'abstain' }[];
  picks?: string[];
  rating?: number;
  text?: string;
}

export type BallotSource = 'electronic' | 'paper';

/** The fields of an entry body that replay reads (bodies carry more: time, actor, photo …). */
export interface ReplayBody {
  type?: string;
  dwellingId?: string;
  answers?: LogAnswer[];
  conflict?: boolean;
  paperSeq?: number;
  keep?: 'paper' | 'electronic';
  disputedSeq?: number;
  decision?: 'uphold' | 'keep';
}

export interface ReplayEntry {
  seq: number;
  body: Record<string, unknown>;
}

export interface EffectiveBallot {
  questionId: string;
  dwellingId: string;
  answer: LogAnswer;
  source: BallotSource;
  /** The log entry that made this ballot effective. */
  seq: number;
}

export interface ConflictState {
  paperSeq: number;
  dwellingId: string;
  answers: LogAnswer[];
  resolution: { keep: 'paper' | 'electronic'; seq: number } | null;
}

/** A disputed ballot's decision ('uphold' = it does not count). Undecided disputes are not in the log. */
export interface DisputeState {
  disputedSeq: number;
  resolution: { decision: 'uphold' | 'keep'; seq: number };
}

export interface ReplayResult {
  ballots: EffectiveBallot[];
  conflicts: ConflictState[];
  /** Decisions on disputed electronic ballots (the first decision per ballot before the seal). */
  disputes: DisputeState[];
  /** Electronic ballots that do not count: disputes the committee upheld. */
  droppedSeqs: number[];
  closedAtSeq: number | null;
  /** Body of the close entry (deliveries for the covenant count, reason). */
  closeBody: Record<string, unknown> | null;
}

export const ballotKey = (questionId: string, dwellingId: string) => `${questionId}\u0000${dwellingId}`;

/** Effective ballots after applying entries in seq order; sorted by question then dwelling. */
export function replayBallots(entries: readonly ReplayEntry[]): ReplayResult {
  const sorted = [...entries].sort((a, b) => a.seq - b.seq);
  // Which electronic ballots a dispute removes is known only from later entries, so it is collected first.
  const disputes = new Map<number, DisputeState>();
  const dropped = new Set<number>();
  for (const e of sorted) {
    const b = e.body as ReplayBody;
    if (
      b.type === 'resolve' &&
      typeof b.disputedSeq === 'number' &&
      e.seq > b.disputedSeq &&
      !disputes.has(b.disputedSeq) &&
      (b.decision === 'uphold' || b.decision === 'keep')
    ) {
      disputes.set(b.disputedSeq, { disputedSeq: b.disputedSeq, resolution: { decision: b.decision, seq: e.seq } });
      if (b.decision === 'uphold') dropped.add(b.disputedSeq);
    } else if (b.type === 'close') break;
  }
  const effective = new Map<string, EffectiveBallot>();
  const conflicts = new Map<number, ConflictState>();
  let closedAtSeq: number | null = null;
  let closeBody: Record<string, unknown> | null = null;
  const apply = (dwellingId: string, answers: readonly LogAnswer[], source: BallotSource, seq: number) => {
    for (const answer of answers) {
      effective.set(ballotKey(answer.questionId, dwellingId), { questionId: answer.questionId, dwellingId, answer, source, seq });
    }
  };
  for (const e of sorted) {
    const b = e.body as ReplayBody;
    if (closedAtSeq !== null) break;
    if (b.type === 'cast' && b.dwellingId && b.answers) {
      if (!dropped.has(e.seq)) apply(b.dwellingId, b.answers, 'electronic', e.seq);
    } else if (b.type === 'paper' && b.dwellingId && b.answers) {
      if (b.conflict) conflicts.set(e.seq, { paperSeq: e.seq, dwellingId: b.dwellingId, answers: b.answers, resolution: null });
      else apply(b.dwellingId, b.answers, 'paper', e.seq);
    } else if (b.type === 'resolve' && typeof b.paperSeq === 'number') {
      const c = conflicts.get(b.paperSeq);
      if (!c || c.resolution || (b.keep !== 'paper' && b.keep !== 'electronic')) continue;
      c.resolution = { keep: b.keep, seq: e.seq };
      if (b.keep === 'paper') apply(c.dwellingId, c.answers, 'paper', e.seq);
    } else if (b.type === 'close') {
      closedAtSeq = e.seq;
      closeBody = e.body;
    }
  }
  const ballots = [...effective.values()].sort((a, b) =>
    a.questionId === b.questionId ? (a.dwellingId < b.dwellingId ? -1 : a.dwellingId > b.dwellingId ? 1 : 0) : a.questionId < b.questionId ? -1 : 1,
  );
  return {
    ballots,
    conflicts: [...conflicts.values()],
    disputes: [...disputes.values()],
    droppedSeqs: [...dropped].sort((a, b) => a - b),
    closedAtSeq,
    closeBody,
  };
}
