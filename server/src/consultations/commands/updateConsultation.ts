import type { UpdateConsultationBody } from '@gongzhi/shared';
import type { AuthUser } from '../../platform/http/route';
import { conflict } from '../../platform/errors';
import { attachFiles } from '../../platform/fileRefs';
import { auditAudio, consultationTargets, resolveAudio } from '../../files';
import { Consultation, type ConsultationDoc } from '../model';
import { refreshListings } from '../listing';
import { getConsultationSettings } from '../settings';
import { checkLeadTime, checkProject, checkQuestions, checkScope, checkWindow } from './validateDraft';

/** Drafts only: once scheduled, the announced terms of a vote are fixed. */
export async function updateConsultation(user: AuthUser, c: ConsultationDoc, body: UpdateConsultationBody): Promise<ConsultationDoc> {
  if (c.status !== 'draft') throw conflict('CONSULTATION_NOT_EDITABLE', '只能修改草稿状态的表决');
  const set: Record<string, unknown> = {};
  if (body.title !== undefined) set.title = body.title;
  if (body.description !== undefined) set.description = body.description;
  if (body.titleBo !== undefined) set.titleBo = body.titleBo || null;
  if (body.descriptionBo !== undefined) set.descriptionBo = body.descriptionBo || null;
  if (body.electorate) set.scope = await checkScope(c.complexCode, body.electorate);
  if (body.questions) {
    checkQuestions(c.kind, body.questions);
    const images = (qs: typeof body.questions) => (qs ?? []).flatMap((q) => q.options.flatMap((o) => o.imageFileIds ?? []));
    await attachFiles(
      user,
      { purposes: ['consultation_image'], object: `consultation-option:${c._id}`, shown: images(c.questions as typeof body.questions) },
      images(body.questions),
    );
    set.questions = body.questions;
  }
  // Voice clips: replaced when given; clips of questions that are gone are dropped with them.
  const targets = consultationTargets(body.questions ?? c.questions);
  const audioBefore = c.audio ?? [];
  const audio =
    body.audio !== undefined
      ? await resolveAudio(user, body.audio, { object: `audio:consultation:${c._id}`, shown: audioBefore, targets })
      : body.questions
        ? audioBefore.filter((a) => targets.includes(a.target))
        : undefined;
  if (audio) set.audio = audio;
  if (body.allowChange !== undefined) set.allowChange = body.allowChange;
  if (body.covenant) set.covenant = { enabled: body.covenant.enabled, clauseText: body.covenant.clauseText ?? null };
  if (body.liveResults) set.liveResults = { enabled: body.liveResults.enabled, reason: body.liveResults.enabled ? (body.liveResults.reason ?? null) : null };
  if (body.coOwnerRule) set.coOwnerRule = body.coOwnerRule;
  if (body.projectId !== undefined) {
    await checkProject(c.complexCode, body.projectId);
    set.projectId = body.projectId;
  }
  const opensAt = body.opensAt ? new Date(body.opensAt) : c.opensAt;
  const closesAt = body.closesAt ? new Date(body.closesAt) : c.closesAt;
  checkWindow(opensAt, closesAt);
  set.opensAt = opensAt;
  set.closesAt = closesAt;
  if (body.leadTimeHours !== undefined) {
    checkLeadTime(c.kind, body.leadTimeHours, (await getConsultationSettings()).minLeadTimeHours);
    set.leadTimeHours = body.leadTimeHours;
  }
  const updated = await Consultation.findOneAndUpdate({ _id: c._id, status: 'draft' }, { $set: set }, { returnDocument: 'after', lean: true });
  if (!updated) throw conflict('CONSULTATION_NOT_EDITABLE', '只能修改草稿状态的表决');
  await refreshListings(c);
  if (audio) await auditAudio(user, { type: 'consultation', id: String(c._id) }, c.areaPath, audioBefore, audio);
  void user;
  return updated as ConsultationDoc;
}
