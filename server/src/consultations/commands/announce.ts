import type { NoticeAudience } from '@gongzhi/shared';
import { publishSystemNotice } from '../../notices/publish';
import { Consultation, type ConsultationDoc } from '../model';
import { meetingNoticeText, resultNoticeText } from '../resultText';
import { meetingNoticeTextBo, resultNoticeTextBo } from '../resultTextBo';

function audienceOf(c: ConsultationDoc): NoticeAudience {
  if (c.scope.level === 'entrance' && c.scope.entranceCode) return { type: 'area', code: c.scope.entranceCode };
  if (c.scope.level === 'buildings') return { type: 'buildings', codes: c.scope.buildingCodes };
  return { type: 'area', code: c.complexCode };
}

/** Outbox 'consultation.meeting': the meeting notice (zh + bo body) published when a vote is scheduled (once, by sourceKey). */
export async function publishMeetingNotice(consultationId: string) {
  const c = await Consultation.findById(consultationId).lean() as ConsultationDoc | null;
  if (!c || c.status === 'draft') return;
  const { title, body } = meetingNoticeText(c);
  const { title: titleBo, body: bodyBo } = meetingNoticeTextBo(c);
  const { noticeId } = await publishSystemNotice({
    kind: 'meeting_notice', audience: audienceOf(c), title, body, titleBo, bodyBo, publisherId: c.createdBy, sourceKey: `consultation:${consultationId}:meeting`,
  });
  await Consultation.updateOne({ _id: c._id }, { $set: { 'noticeIds.meeting': noticeId } });
}

/** Outbox 'consultation.announce': publishes the 结果公告 in zh and bo (once, by sourceKey), then closed → announced. */
export async function announceResult(consultationId: string) {
  const c = await Consultation.findById(consultationId).lean() as ConsultationDoc | null;
  if (!c || !c.result || (c.status !== 'closed' && c.status !== 'announced')) return;
  const { title, body } = resultNoticeText(c, c.result);
  const { title: titleBo, body: bodyBo } = resultNoticeTextBo(c, c.result);
  const { noticeId } = await publishSystemNotice({
    kind: 'result_announcement', audience: audienceOf(c), title, body, titleBo, bodyBo, publisherId: c.closedBy ?? c.createdBy,
    sourceKey: `consultation:${consultationId}:result`, pinned: true,
  });
  await Consultation.updateOne(
    { _id: c._id, status: 'closed' }, { $set: { status: 'announced', announcedAt: new Date(), 'noticeIds.result': noticeId } },
  );
}
