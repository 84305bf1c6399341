import { randomUUID } from 'node:crypto';
import type { AuthUser } from '../../platform/http/route';
import { conflict, forbidden, notFound } from '../../platform/errors';
import { audit } from '../../identity';
import { appendEntry } from '../log';
import { currentMirror, entriesOfDwelling } from '../mirror';
import type { ConsultationDoc } from '../model';
import { pushTally } from '../realtime';
import { assertOpen, notOpen } from './window';
import { bodyOf } from '../logBody';

/**
 * The committee's explicit decision on a paper/electronic conflict, logged in the chain and in the audit trail:
 * keep 'paper' (its answers replace the electronic ones) or keep 'electronic' (the paper ballot is void).
 */
export async function resolveConflict(user: AuthUser, c: ConsultationDoc, paperSeq: number, keep: 'paper' | 'electronic', reason: string) {
  const consultationId = String(c._id);
  assertOpen(c);
  const found = (await currentMirror(consultationId)).entries[paperSeq - 1];
  const paper = found?.type === 'paper' ? found : null;
  if (!paper || !bodyOf(paper).conflict) throw notFound('CONFLICT_NOT_FOUND', '没有这条待处理的纸质票冲突');
  // Separation of duties (issue 12): whoever entered the paper ballot does not decide its conflict.
  if (bodyOf(paper).actorId === user.id) throw forbidden('OWN_PAPER_BALLOT', '录入该纸质票的人不能处理它的冲突，请由另一名工作人员处理');
  const resolvedAlready = () => conflict('CONFLICT_ALREADY_RESOLVED', '该冲突已经处理');
  // A resolve entry carries the paper entry's dwelling, so the dwelling's entries are enough to look in.
  const resolves = (entries: readonly { type: string; body: object }[]) => entries.some((e) => e.type === 'resolve' && bodyOf(e).paperSeq === paperSeq);
  if (resolves(entriesOfDwelling(await currentMirror(consultationId), paper.dwellingId!))) throw resolvedAlready();

  const { entry } = await appendEntry(consultationId, `r:${randomUUID()}`, async (log) => {
    if (log.head?.type === 'close') throw notOpen();
    if (resolves(log.ofDwelling(paper.dwellingId!))) throw resolvedAlready();
    return {
      type: 'resolve',
      dwellingId: paper.dwellingId,
      headcountKey: paper.headcountKey,
      body: { at: new Date().toISOString(), dwellingId: paper.dwellingId, paperSeq, keep, reason, actorId: user.id },
    };
  });
  await audit({
    actorId: user.id,
    action: 'consultation.conflict.resolve',
    target: { type: 'consultation', id: consultationId },
    reason,
    areaPath: c.areaPath,
    details: { paperSeq, keep, seq: entry.seq, dwellingId: paper.dwellingId },
  });
  pushTally(consultationId);
  return { seq: entry.seq, keep };
}
