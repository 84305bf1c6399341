import type { AuthUser } from '../../platform/http/route';
import { conflict, unprocessable } from '../../platform/errors';
import { enqueue } from '../../platform/jobs';
import { audit } from '../../identity';
import { Dwelling } from '../../roster';
import { Consultation, type ConsultationDoc } from '../model';
import { refreshListings } from '../listing';
import { getConsultationSettings } from '../settings';
import { checkLeadTime } from './validateDraft';
import { markDue } from '../dueWork';

const HOUR = 3600_000;

/**
 * draft → scheduled. The meeting notice goes out now (outbox, once), so voting may open no earlier than
 * now + leadTimeHours (15 days by default, 物业管理条例第十四条). The scheduler opens it at `opensAt`.
 */
export async function scheduleConsultation(user: AuthUser, c: ConsultationDoc): Promise<ConsultationDoc> {
  if (c.status !== 'draft') throw conflict('CONSULTATION_NOT_DRAFT', '只有草稿可以发布');
  const settings = await getConsultationSettings();
  checkLeadTime(c.kind, c.leadTimeHours, settings.minLeadTimeHours);
  const now = new Date();
  const earliest = new Date(now.getTime() + (c.kind === 'survey' ? 0 : c.leadTimeHours * HOUR));
  if (c.opensAt.getTime() < earliest.getTime()) {
    throw unprocessable('LEAD_TIME_TOO_SHORT', `开始投票时间须在公告发布 ${c.leadTimeHours} 小时之后`, {
      earliestOpensAt: earliest.toISOString(),
      leadTimeHours: c.leadTimeHours,
    });
  }
  const filter: Record<string, unknown> = { complexCode: c.complexCode };
  if (c.scope.level === 'buildings') filter.buildingCode = { $in: c.scope.buildingCodes };
  if (c.scope.level === 'entrance') filter.entranceCode = c.scope.entranceCode;
  if (!(await Dwelling.exists(filter))) throw unprocessable('ELECTORATE_EMPTY', '表决范围内没有登记的房屋，请先导入名册');

  await markDue('open', String(c._id), c.opensAt); // the job re-reads the vote: a refused schedule leaves a hint that goes
  const updated = await Consultation.findOneAndUpdate(
    { _id: c._id, status: 'draft' },
    { $set: { status: 'scheduled', scheduledAt: now } },
    { returnDocument: 'after', lean: true },
  );
  if (!updated) throw conflict('CONSULTATION_NOT_DRAFT', '只有草稿可以发布');
  await refreshListings(c);
  const id = String(c._id);
  await enqueue(`consultation:${id}:meeting`, 'consultation.meeting', { consultationId: id });
  await audit({ actorId: user.id, action: 'consultation.schedule', target: { type: 'consultation', id }, areaPath: c.areaPath });
  return updated as ConsultationDoc;
}
