import type { LogAnswer } from '@gongzhi/shared';
import type { AuthUser } from '../platform/http/route';
import { conflict } from '../platform/errors';
import { emitToRoom } from '../platform/realtime';
import { User } from '../identity';
import type { LogEntryDoc } from './ballotModels';
import { flaggedSeqs } from './disputedBallots';
import { entriesOfDwelling, getMirror } from './mirror';
import type { ConsultationDoc } from './model';
import { chinaTime } from './resultText';
import { bodyOf } from './logBody';

/**
 * Co-owners of one dwelling each vote in their own right, but the dwelling casts one ballot. What a second co-owner's
 * ballot does is the consultation's stated rule: 'first_stands' (default: refused, and told who voted and when) or
 * 'latest_counts' (it replaces the other's, and the receipt says so).
 */
const otherCasts = (entries: readonly LogEntryDoc[], userId: string, answers: readonly LogAnswer[]) => {
  const qs = new Set(answers.map((a) => a.questionId));
  return entries.filter((e) => e.type === 'cast' && bodyOf(e).actorId !== userId && (bodyOf(e).answers ?? []).some((a: LogAnswer) => qs.has(a.questionId)));
};

/**
 * Another's casts minus those cast through a binding/proxy the owner disputed (unless the committee kept them): an
 * intruder's ballot must not lock the real owner out of their own home's vote.
 */
async function undisputed(consultationId: string, entries: readonly LogEntryDoc[], casts: LogEntryDoc[]) {
  if (casts.length === 0) return casts;
  const kept = new Set(entries.filter((e) => e.type === 'resolve' && bodyOf(e).decision === 'keep').map((e) => bodyOf(e).disputedSeq));
  const flagged = await flaggedSeqs(
    consultationId,
    casts.map((e) => e.seq).filter((s) => !kept.has(s)),
  );
  return casts.filter((e) => !flagged.has(e.seq));
}

const nameOf = async (userId: string) =>
  ((await User.findById(userId).select('displayName').lean()) as { displayName?: string } | null)?.displayName || '另一位共有人';

export async function coOwnerCheck(c: ConsultationDoc, user: AuthUser, dwellingId: string, answers: readonly LogAnswer[], prior?: readonly LogEntryDoc[]) {
  if ((c.coOwnerRule ?? 'first_stands') !== 'first_stands') return;
  // Without `prior` this is the early refusal, on the mirror as this process has it: no probe of the database, since
  // the append re-checks on the caught-up head (`prior`), where a co-owner's ballot from another instance is seen.
  const entries = prior ?? entriesOfDwelling(await getMirror(String(c._id)), dwellingId);
  const first = (await undisputed(String(c._id), entries, otherCasts(entries, user.id, answers)))[0];
  if (!first) return;
  const at = String(bodyOf(first).at);
  const by = await nameOf(bodyOf(first).actorId ?? '');
  throw conflict('CO_OWNER_ALREADY_VOTED', `本户已由${by}于 ${chinaTime(at)}（北京时间）投票；按本次表决的规则，先投的一票有效`, {
    votedBy: by,
    votedAt: at,
    rule: 'first_stands',
  });
}

/** Did this entry replace a ballot another person cast for the dwelling? If so, that person is told (once: `notify` is off for a replay). */
export async function replacedAnother(c: ConsultationDoc, entry: LogEntryDoc, notify = true): Promise<boolean> {
  const b = bodyOf(entry);
  // The mirror holds every entry up to this one (it was added to it, or found in it), so no catch-up is needed.
  const before = entriesOfDwelling(await getMirror(String(c._id)), String(b.dwellingId)).filter((e) => e.seq < entry.seq);
  const others = await undisputed(String(c._id), before, otherCasts(before, String(b.actorId), b.answers ?? []));
  if (others.length === 0) return false;
  if (!notify) return true;
  const prevActor = bodyOf(others[others.length - 1]).actorId;
  emitToRoom(`user:${prevActor}`, 'consultation:ballot_replaced', {
    consultationId: String(c._id),
    dwellingId: b.dwellingId,
    at: b.at,
    by: await nameOf(String(b.actorId)),
  });
  return true;
}
