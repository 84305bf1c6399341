import { bodyOf } from '../logBody';
import { canonicalJson, type BallotReceipt, type CastBallotBody, type LogAnswer } from '@gongzhi/shared';
import type { AuthUser } from '../../platform/http/route';
import { conflict, forbidden } from '../../platform/errors';
import { rateLimit } from '../../platform/rateLimit';
import { checkAnswers } from '../answers';
import { frozenMember } from '../memoryTally';
import { appendEntry, entryByCastId, knownEntryByCastId } from '../log';
import { coOwnerCheck, replacedAnother } from '../coOwners';
import type { ConsultationDoc } from '../model';
import type { LogEntryDoc } from '../ballotModels';
import { keyReused } from '../../platform/http/idempotency';
import { callerRights, type CallerRights } from '../access';
import { presentReceipt } from '../presenter';
import { votingRight, type VotingRefusal } from '../policy';
import { pushTally } from '../realtime';
import { assertOpen, notOpen } from './window';

/** Casting (and changing) in a loop is throttled per voter and consultation; retries replayed by Idempotency-Key don't count. */
export const CAST_LIMIT = { limit: 30, windowSeconds: 3600 };

const REFUSALS: Record<VotingRefusal, string> = {
  TENANT_CANNOT_VOTE: '租户不能参加业主表决',
  PROXY_REQUIRED: '家庭成员须持业主书面委托并经审核后才能代为表决',
  NOT_ENTITLED_TO_VOTE: '您不是该房屋的业主或受托人',
};

/** The voter's right for the dwelling (policy.votingRight), or the 403 that says why not. */
async function votingRightOf(user: AuthUser, c: ConsultationDoc, dwellingId: string, rights?: CallerRights): Promise<'owner' | 'proxy' | 'member'> {
  const r = votingRight(await (rights ?? callerRights(user))(), c.kind, dwellingId);
  if ('refused' in r) throw forbidden(r.refused, REFUSALS[r.refused]);
  return r.via;
}

/** What the route answers: the receipt, and whether it is a replay of an earlier attempt with the same Idempotency-Key. */
export interface CastOutcome {
  receipt: BallotReceipt;
  replayed: boolean;
}

const sameBallot = (entry: LogEntryDoc, dwellingId: string, answers: readonly LogAnswer[]) =>
  entry.type === 'cast' && entry.dwellingId === dwellingId && canonicalJson(bodyOf(entry).answers ?? []) === canonicalJson(answers);

/** The answer to a retry: the earlier attempt's receipt, if the request is the same one (else 422, as for any keyed route). */
async function replay(c: ConsultationDoc, entry: LogEntryDoc, body: CastBallotBody): Promise<CastOutcome> {
  if (!sameBallot(entry, body.dwellingId, checkAnswers(c.questions, body.answers))) throw keyReused();
  return { receipt: { ...presentReceipt(entry), replaced: await replacedAnother(c, entry, false) }, replayed: true };
}

/**
 * An electronic ballot. Everything is checked before anything is written; the log append re-checks, against the
 * head it builds on, the rules a concurrent request could break (sealed log, change not allowed, paper ballot).
 * The entry is the ballot: tallies, lists and receipts replay the log.
 *
 * The log is also the Idempotency-Key record (the route is `idempotent: 'handler'`): a keyed castId can only be in
 * it if an earlier attempt wrote it. A retry this instance wrote is answered from the mirror; the append settles one
 * racing it or written by another instance (it never appends a castId twice); a retry refused on the way (the vote
 * closed since, the rate limit) looks in the caught-up log before it says no. So a cast writes no record of its own.
 * `rights`: the caller's rights as the route shares them with the view check.
 */
export async function castBallot(user: AuthUser, c: ConsultationDoc, body: CastBallotBody, castId: string, rights?: CallerRights): Promise<CastOutcome> {
  const consultationId = String(c._id);
  // Only a castId derived from an Idempotency-Key can have been used before (the others are random).
  const keyed = !castId.startsWith('r:');
  const known = keyed ? await knownEntryByCastId(consultationId, castId) : null;
  if (known) return replay(c, known, body);
  try {
    return await castNew(user, c, body, castId, rights);
  } catch (e) {
    const earlier = keyed ? await entryByCastId(consultationId, castId).catch(() => null) : null;
    if (!earlier) throw e;
    return replay(c, earlier, body);
  }
}

async function castNew(user: AuthUser, c: ConsultationDoc, body: CastBallotBody, castId: string, rights?: CallerRights): Promise<CastOutcome> {
  const consultationId = String(c._id);
  assertOpen(c);
  await rateLimit(`cast:${user.id}:${consultationId}`, CAST_LIMIT.limit, CAST_LIMIT.windowSeconds, '投票或改票过于频繁，请稍后再试');
  const via = await votingRightOf(user, c, body.dwellingId, rights);
  const member = await frozenMember(consultationId, body.dwellingId);
  if (!member) throw forbidden('NOT_IN_ELECTORATE', '该房屋不在本次表决范围内');
  const answers = checkAnswers(c.questions, body.answers);
  await coOwnerCheck(c, user, body.dwellingId, answers);

  const { entry, created } = await appendEntry(consultationId, castId, async (log) => {
    if (log.head?.type === 'close') throw notOpen();
    const prior = log.ofDwelling(body.dwellingId);
    if (prior.some((e) => e.type === 'paper')) {
      throw conflict('PAPER_BALLOT_EXISTS', '该房屋已由业委会录入纸质表决票，如有异议请联系业委会');
    }
    const answered = new Set(prior.filter((e) => e.type === 'cast').flatMap((e) => (bodyOf(e).answers ?? []).map((a) => a.questionId)));
    const changing = answers.filter((a) => answered.has(a.questionId));
    if (changing.length > 0 && !c.allowChange) {
      throw conflict('BALLOT_CHANGE_NOT_ALLOWED', '本次表决不允许改票', { questionIds: changing.map((a) => a.questionId) });
    }
    // Re-checked on the head this entry builds on: two co-owners voting at once cannot both be "first".
    await coOwnerCheck(c, user, body.dwellingId, answers, prior);
    return {
      type: 'cast',
      dwellingId: body.dwellingId,
      headcountKey: member.headcountKey,
      body: { at: new Date().toISOString(), dwellingId: body.dwellingId, answers, actorId: user.id, via, castId },
    };
  });
  if (!created) return replay(c, entry, body); // the same key raced this attempt, or another instance wrote it
  pushTally(consultationId);
  return { receipt: { ...presentReceipt(entry), replaced: await replacedAnother(c, entry) }, replayed: false };
}
