import type { AuthUser } from '../../platform/http/route';
import { conflict, unprocessable } from '../../platform/errors';
import { audit } from '../../identity';
import { ElectorateMember } from '../ballotModels';
import type { ConsultationDoc } from '../model';
import { Delivery } from '../tallyModels';
import { ignoreDuplicate } from '../../platform/store';

/** Records that ballots were delivered to dwellings (送达), for the covenant count. Idempotent per dwelling. */
export async function recordDeliveries(user: AuthUser, c: ConsultationDoc, dwellingIds: string[], method?: string) {
  const consultationId = String(c._id);
  if (c.status !== 'open') throw conflict('CONSULTATION_NOT_OPEN', '只能在投票期间登记送达');
  if (!c.covenant.enabled) throw unprocessable('COVENANT_NOT_ENABLED', '本次表决未启用规约计票条款，无需登记送达');
  const ids = [...new Set(dwellingIds)];
  const members = await ElectorateMember.find({ consultationId, dwellingId: { $in: ids } })
    .select('dwellingId')
    .lean();
  if (members.length !== ids.length) throw unprocessable('NOT_IN_ELECTORATE', '有房屋不在本次表决范围内');
  const at = new Date();
  for (const dwellingId of ids) {
    await Delivery.updateOne(
      { consultationId, dwellingId },
      { $setOnInsert: { consultationId, dwellingId, recordedBy: user.id, at, method: method ?? null } },
      { upsert: true },
    ).catch(ignoreDuplicate(null));
  }
  await audit({
    actorId: user.id,
    action: 'consultation.deliveries',
    target: { type: 'consultation', id: consultationId },
    areaPath: c.areaPath,
    details: { count: ids.length, method: method ?? null },
  });
  return { count: await Delivery.countDocuments({ consultationId }) };
}
