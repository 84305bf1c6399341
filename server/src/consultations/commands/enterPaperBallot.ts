import type { BallotAnswer, BallotReceipt } from '@gongzhi/shared';
import { randomUUID } from 'node:crypto';
import type { AuthUser } from '../../platform/http/route';
import { badRequest, conflict, forbidden } from '../../platform/errors';
import { storeUpload } from '../../platform/files';
import { attachFresh } from '../../platform/fileRefs';
import { audit } from '../../identity';
import { checkAnswers } from '../answers';
import { frozenMember } from '../memoryTally';
import { appendEntry } from '../log';
import { currentMirror, entriesOfDwelling } from '../mirror';
import type { ConsultationDoc } from '../model';
import { presentReceipt } from '../presenter';
import { pushTally } from '../realtime';
import { assertOpen, notOpen } from './window';
import { bodyOf } from '../logBody';

export interface PaperInput {
  dwellingId: string;
  answers: BallotAnswer[];
  note?: string;
  photo: { buffer: Buffer; filename: string } | null;
}

const paperExists = () => conflict('PAPER_BALLOT_EXISTS', '该房屋已录入纸质表决票');

/**
 * A paper ballot entered by a committee member with a photo of the signed form. With no electronic ballot for the
 * dwelling it counts at once (marked paper). If an electronic ballot exists, the paper entry is logged as a
 * conflict and counts for nothing until the committee resolves it (resolveConflict): a dwelling never counts twice.
 */
export async function enterPaperBallot(user: AuthUser, c: ConsultationDoc, input: PaperInput): Promise<BallotReceipt> {
  const consultationId = String(c._id);
  assertOpen(c);
  const member = await frozenMember(consultationId, input.dwellingId);
  if (!member) throw forbidden('NOT_IN_ELECTORATE', '该房屋不在本次表决范围内');
  const answers = checkAnswers(c.questions, input.answers);
  if (!input.photo) throw badRequest('PHOTO_REQUIRED', '请上传签字表决票的照片');
  if (entriesOfDwelling(await currentMirror(consultationId), input.dwellingId).some((e) => e.type === 'paper')) throw paperExists();
  const photo = await storeUpload({ ...input.photo, allowed: ['image', 'pdf'], ownerId: user.id, purpose: 'paper_ballot' });
  await attachFresh(user, `paper-ballot:${consultationId}:${input.dwellingId}`, photo.fileId, 'paper_ballot');

  const { entry } = await appendEntry(consultationId, `p:${randomUUID()}`, async (log) => {
    if (log.head?.type === 'close') throw notOpen();
    const prior = log.ofDwelling(input.dwellingId);
    if (prior.some((e) => e.type === 'paper')) throw paperExists();
    return {
      type: 'paper',
      dwellingId: input.dwellingId,
      headcountKey: member.headcountKey,
      body: {
        at: new Date().toISOString(),
        dwellingId: input.dwellingId,
        answers,
        actorId: user.id,
        photoFileId: photo.fileId,
        note: input.note ?? null,
        conflict: prior.some((e) => e.type === 'cast'),
      },
    };
  });
  const b = bodyOf(entry);
  await audit({
    actorId: user.id,
    action: b.conflict ? 'consultation.paper_ballot.conflict' : 'consultation.paper_ballot',
    target: { type: 'consultation', id: consultationId },
    areaPath: c.areaPath,
    details: { seq: entry.seq, dwellingId: input.dwellingId, photoFileId: photo.fileId },
  });
  if (!b.conflict) {
    pushTally(consultationId);
  }
  return presentReceipt(entry);
}
