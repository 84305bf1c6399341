import { chinaDate } from '@gongzhi/shared';
import type { AuthUser } from '../../platform/http/route';
import { conflict } from '../../platform/errors';
import { enqueue } from '../../platform/jobs';
import { rateLimit } from '../../platform/rateLimit';
import { audit } from '../../identity';
import type { ConsultationDoc } from '../model';
import { notVotedDwellings } from '../queries/participation';

/**
 * Queues one reminder per not-yet-voted dwelling (optionally only those listed), at most once per dwelling per day:
 * the outbox key carries the day, so pressing the button twice sends nothing more.
 */
export async function sendReminders(user: AuthUser, c: ConsultationDoc, only?: string[]) {
  if (c.status !== 'open') throw conflict('CONSULTATION_NOT_OPEN', '只能在投票期间发送提醒');
  const consultationId = String(c._id);
  await rateLimit(`consultation-remind:${consultationId}`, 10, 3600, '提醒发送过于频繁，请稍后再试');
  let targets = await notVotedDwellings(consultationId);
  if (only?.length) targets = targets.filter((d) => only.includes(d.dwellingId));
  const day = chinaDate(new Date());
  let queued = 0;
  for (const d of targets) {
    if (await enqueue(`consultation:${consultationId}:remind:${d.dwellingId}:${day}`, 'consultation.reminder', { consultationId, dwellingId: d.dwellingId }))
      queued++;
  }
  await audit({
    actorId: user.id,
    action: 'consultation.remind',
    target: { type: 'consultation', id: consultationId },
    areaPath: c.areaPath,
    details: { queued },
  });
  return { count: queued };
}
