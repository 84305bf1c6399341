import { randomUUID } from 'node:crypto';
import type { AuthUser } from '../../platform/http/route';
import { conflict, notFound } from '../../platform/errors';
import { audit } from '../../identity/audit';
import { ElectorateMember, LogEntry } from '../ballotModels';
import { appendEntry } from '../log';
import type { ConsultationDoc } from '../model';
import { projectEntry } from '../projection';
import { pushTally } from '../realtime';
import { assertOpen, notOpen } from './window';

/**
 * The committee's explicit decision on a paper/electronic conflict, logged in the chain and in the audit trail:
 * keep 'paper' (its answers replace the electronic ones) or keep 'electronic' (the paper ballot is void).
 */
export async function resolveConflict(user: AuthUser, c: ConsultationDoc, paperSeq: number, keep: 'paper' | 'electronic', reason: string) {
  const consultationId = String(c._id);
  assertOpen(c);
  const paper = await LogEntry.findOne({ consultationId, seq: paperSeq, type: 'paper' }).lean();
  if (!paper || !(paper.body as any).conflict) throw notFound('CONFLICT_NOT_FOUND', '没有这条待处理的纸质票冲突');
  const resolvedAlready = () => conflict('CONFLICT_ALREADY_RESOLVED', '该冲突已经处理');
  if (await LogEntry.exists({ consultationId, type: 'resolve', 'body.paperSeq': paperSeq })) throw resolvedAlready();

  const { entry } = await appendEntry(consultationId, `r:${randomUUID()}`, async (head) => {
    if (head?.type === 'close') throw notOpen();
    if (await LogEntry.exists({ consultationId, type: 'resolve', 'body.paperSeq': paperSeq })) throw resolvedAlready();
    return {
      type: 'resolve', dwellingId: paper.dwellingId, headcountKey: paper.headcountKey,
      body: { at: new Date().toISOString(), dwellingId: paper.dwellingId, paperSeq, keep, reason, actorId: user.id },
    };
  });
  await audit({
    actorId: user.id, action: 'consultation.conflict.resolve', target: { type: 'consultation', id: consultationId },
    reason, areaPath: c.areaPath, details: { paperSeq, keep, seq: entry.seq, dwellingId: paper.dwellingId },
  });
  if (keep === 'paper') {
    const member = await ElectorateMember.findOne({ consultationId, dwellingId: paper.dwellingId! }).lean();
    if (member) await projectEntry(entry, member);
    pushTally(consultationId);
  }
  return { seq: entry.seq, keep };
}
