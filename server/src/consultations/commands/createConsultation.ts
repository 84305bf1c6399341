import { Types } from 'mongoose';
import type { CreateConsultationBody } from '@gongzhi/shared';
import { attachFiles } from '../../platform/fileRefs';
import type { AuthUser } from '../../platform/http/route';
import { authorize } from '../../platform/http/authorize';
import { notFound } from '../../platform/errors';
import { audit } from '../../identity';
import { auditAudio, consultationTargets, resolveAudio } from '../../files';
import { Area } from '../../roster';
import { Consultation, type ConsultationDoc } from '../model';
import { refreshListings } from '../listing';
import { canManageConsultation } from '../policy';
import { getConsultationSettings } from '../settings';
import { templateFor } from '../templates';
import { checkLeadTime, checkProject, checkQuestions, checkScope, checkWindow } from './validateDraft';

export async function createConsultation(user: AuthUser, body: CreateConsultationBody): Promise<ConsultationDoc> {
  const complex = await Area.findOne({ code: body.complexCode, level: 'complex' }).lean();
  if (!complex) throw notFound('AREA_NOT_FOUND', '小区不存在');
  authorize(canManageConsultation(user, { areaPath: complex.path }));
  const scope = await checkScope(body.complexCode, body.electorate);
  await checkProject(body.complexCode, body.projectId);
  const questions = body.questions ?? templateFor(body.kind).questions;
  checkQuestions(body.kind, questions);
  const opensAt = new Date(body.opensAt);
  const closesAt = new Date(body.closesAt);
  checkWindow(opensAt, closesAt);
  const _id = new Types.ObjectId();
  const imageIds = questions.flatMap((q) => q.options.flatMap((o) => o.imageFileIds ?? []));
  await attachFiles(user, { purposes: ['consultation_image'], object: `consultation-option:${_id}` }, imageIds);
  const audio = await resolveAudio(user, body.audio ?? [], { object: `audio:consultation:${_id}`, targets: consultationTargets(questions) });
  const settings = await getConsultationSettings();
  const leadTimeHours = body.leadTimeHours ?? (body.kind === 'survey' ? 0 : settings.defaultLeadTimeHours);
  checkLeadTime(body.kind, leadTimeHours, settings.minLeadTimeHours);
  const doc = await Consultation.create({
    _id,
    kind: body.kind,
    title: body.title,
    titleBo: body.titleBo || null,
    description: body.description ?? '',
    descriptionBo: body.descriptionBo || null,
    complexCode: body.complexCode,
    areaPath: complex.path,
    scope,
    questions,
    allowChange: body.allowChange ?? true,
    covenant: { enabled: body.covenant?.enabled ?? false, clauseText: body.covenant?.clauseText ?? null },
    liveResults: { enabled: body.liveResults?.enabled ?? false, reason: body.liveResults?.enabled ? (body.liveResults.reason ?? null) : null },
    coOwnerRule: body.coOwnerRule ?? 'first_stands',
    leadTimeHours,
    opensAt,
    closesAt,
    status: 'draft',
    projectId: body.projectId ?? null,
    createdBy: user.id,
    noticeIds: { meeting: null, result: null },
    electorate: null,
    result: null,
    audio,
  });
  await refreshListings(doc);
  await audit({
    actorId: user.id,
    action: 'consultation.create',
    target: { type: 'consultation', id: String(doc._id) },
    areaPath: complex.path,
    details: { kind: body.kind, scope },
  });
  await auditAudio(user, { type: 'consultation', id: String(doc._id) }, complex.path, [], audio);
  return doc.toObject() as ConsultationDoc;
}
