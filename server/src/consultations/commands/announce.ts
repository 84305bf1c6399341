import type { NoticeAudience } from '@gongzhi/shared';
import { publishSystemNotice } from '../../notices';
import { Area } from '../../roster';
import { integrityConflict, raiseAlarm } from '../alarms';
import { integrityReport } from '../integrity';
import { Consultation, type ConsultationDoc } from '../model';
import { refreshListings } from '../listing';
import { meetingNoticeText, resultNoticeText, type AreaNames } from '../resultText';
import { meetingNoticeTextBo, resultNoticeTextBo } from '../resultTextBo';
import { clearDue } from '../dueWork';

function audienceOf(c: ConsultationDoc): NoticeAudience {
  if (c.scope.level === 'entrance' && c.scope.entranceCode) return { type: 'area', code: c.scope.entranceCode };
  if (c.scope.level === 'buildings') return { type: 'buildings', codes: c.scope.buildingCodes };
  return { type: 'area', code: c.complexCode };
}

/**
 * Names of the complex, buildings and entrance the notice speaks of (residents read names, not codes), in Chinese
 * and, for the Tibetan text, the roster's Tibetan names where it has them.
 */
async function areaNames(c: ConsultationDoc): Promise<{ zh: AreaNames; bo: AreaNames }> {
  const codes = [c.complexCode, ...c.scope.buildingCodes, ...(c.scope.entranceCode ? [c.scope.entranceCode] : [])];
  const entrance = c.scope.entranceCode ? await Area.findOne({ code: c.scope.entranceCode }).select('path').lean() : null;
  const entrancePath: string[] = (entrance as { path?: string[] } | null)?.path ?? [];
  const all = [...new Set([...codes, ...entrancePath])];
  const rows = await Area.find({ code: { $in: all } })
    .select('code name nameBo level')
    .lean();
  const byCode = new Map(rows.map((a) => [a.code, a]));
  const zh: AreaNames = {};
  const bo: AreaNames = {};
  for (const a of rows) {
    if (a.name) zh[a.code] = a.name;
    if (a.nameBo || a.name) bo[a.code] = (a.nameBo || a.name)!;
  }
  // An entrance reads with its building: "3栋2单元".
  const building = entrancePath.map((p) => byCode.get(p)).find((a) => a?.level === 'building');
  if (c.scope.entranceCode && building?.name) {
    zh[c.scope.entranceCode] = `${building.name}${zh[c.scope.entranceCode] ?? ''}`;
    bo[c.scope.entranceCode] = `${building.nameBo || building.name} ${bo[c.scope.entranceCode] ?? ''}`.trim();
  }
  return { zh, bo };
}

/** Outbox 'consultation.meeting': the meeting notice (zh + bo body) published when a vote is scheduled (once, by sourceKey). */
export async function publishMeetingNotice(consultationId: string) {
  const c = (await Consultation.findById(consultationId).lean()) as ConsultationDoc | null;
  if (!c || c.status === 'draft') return;
  const names = await areaNames(c);
  const { title, body } = meetingNoticeText(c, names.zh);
  const { title: titleBo, body: bodyBo } = meetingNoticeTextBo(c, names.bo);
  const { noticeId } = await publishSystemNotice({
    kind: 'meeting_notice',
    audience: audienceOf(c),
    title,
    body,
    titleBo,
    bodyBo,
    publisherId: c.createdBy,
    sourceKey: `consultation:${consultationId}:meeting`,
  });
  await Consultation.updateOne({ _id: c._id }, { $set: { 'noticeIds.meeting': noticeId } });
}

/** Outbox 'consultation.announce': publishes the 结果公告 in zh and bo (once, by sourceKey), then closed → announced. */
export async function announceResult(consultationId: string) {
  const c = (await Consultation.findById(consultationId).lean()) as ConsultationDoc | null;
  if (!c || !c.result || (c.status !== 'closed' && c.status !== 'announced')) return;
  if (c.status === 'closed') {
    // The log is replayed once more right before publishing: a copy changed since close blocks the notice.
    const report = await integrityReport(c);
    if (report.differences.length > 0) {
      await raiseAlarm(c, report.differences, 'close');
      throw integrityConflict(report.differences);
    }
  }
  const names = await areaNames(c);
  const { title, body } = resultNoticeText(c, c.result, names.zh);
  const { title: titleBo, body: bodyBo } = resultNoticeTextBo(c, c.result, names.bo);
  const { noticeId } = await publishSystemNotice({
    kind: 'result_announcement',
    audience: audienceOf(c),
    title,
    body,
    titleBo,
    bodyBo,
    publisherId: c.closedBy ?? c.createdBy,
    sourceKey: `consultation:${consultationId}:result`,
    pinned: true,
  });
  await Consultation.updateOne({ _id: c._id, status: 'closed' }, { $set: { status: 'announced', announcedAt: new Date(), 'noticeIds.result': noticeId } });
  await refreshListings(c); // before the hint goes: whoever saw the new status also sees it in the lists
  await clearDue('announce', consultationId);
}
