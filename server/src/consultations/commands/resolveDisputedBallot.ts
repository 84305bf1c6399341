import { bodyOf } from '../logBody';
import { randomUUID } from 'node:crypto';
import type { AuthUser } from '../../platform/http/route';
import { conflict, forbidden, notFound } from '../../platform/errors';
import { audit } from '../../identity';
import { DisputedBallot, disputedBallotId } from '../disputedBallots';
import { appendEntry } from '../log';
import { currentMirror, entriesOfDwelling } from '../mirror';
import type { ConsultationDoc } from '../model';
import { pushTally } from '../realtime';
import { assertOpen, notOpen } from './window';

/**
 * The committee's decision on a ballot cast through a binding or proxy the owner disputed, logged in the chain like a
 * paper/electronic conflict decision (a `resolve` entry with `disputedSeq`): 'uphold' = the ballot does not count
 * (replayBallots drops it), 'keep' = it stands as cast. The log append re-checks "not decided yet", so it happens once.
 */
export async function resolveDisputedBallot(user: AuthUser, c: ConsultationDoc, seq: number, decision: 'uphold' | 'keep', reason: string) {
  const consultationId = String(c._id);
  assertOpen(c);
  const flag = await DisputedBallot.findById(disputedBallotId(consultationId, seq)).lean();
  const cast = flag ? (await currentMirror(consultationId)).entries[seq - 1] : null;
  if (!flag || cast?.type !== 'cast') throw notFound('DISPUTE_NOT_FOUND', '没有这张待处理的争议选票');
  // Separation of duties: neither the person whose ballot it is nor the owner who disputed it decides.
  if (flag.actorId === user.id || flag.disputedBy === user.id) throw forbidden('OWN_DISPUTE', '与该争议有关的人不能处理它，请由另一名工作人员处理');
  const decided = () => conflict('CONFLICT_ALREADY_RESOLVED', '该争议选票已经处理');
  const resolves = (entries: readonly { type: string; body: object }[]) => entries.some((e) => e.type === 'resolve' && bodyOf(e).disputedSeq === seq);
  if (resolves(entriesOfDwelling(await currentMirror(consultationId), flag.dwellingId))) throw decided();

  const { entry } = await appendEntry(consultationId, `r:${randomUUID()}`, async (log) => {
    if (log.head?.type === 'close') throw notOpen();
    if (resolves(log.ofDwelling(flag.dwellingId))) throw decided();
    return {
      type: 'resolve',
      dwellingId: flag.dwellingId,
      headcountKey: cast.headcountKey,
      body: { at: new Date().toISOString(), dwellingId: flag.dwellingId, disputedSeq: seq, decision, reason, actorId: user.id },
    };
  });
  await audit({
    actorId: user.id,
    action: 'consultation.dispute.resolve',
    target: { type: 'consultation', id: consultationId },
    reason,
    areaPath: c.areaPath,
    details: { disputedSeq: seq, decision, seq: entry.seq, dwellingId: flag.dwellingId, disputeRef: flag.disputeRef },
  });
  pushTally(consultationId);
  return { seq: entry.seq, decision };
}
