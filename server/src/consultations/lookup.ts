import { Types } from 'mongoose';
import { Consultation, type ConsultationDoc } from './model';

const isOid = (id: string) => /^[0-9a-f]{24}$/i.test(id);

/** Consultations of these projects: linked by their own `projectId` or listed on the project. */
export async function consultationsFor(projectIds: string[], linkedIds: string[]): Promise<ConsultationDoc[]> {
  const or: object[] = [{ projectId: { $in: projectIds } }];
  const linked = linkedIds.filter(isOid).map((i) => new Types.ObjectId(i));
  if (linked.length) or.push({ _id: { $in: linked } });
  return Consultation.find({ $or: or }).lean();
}
export async function consultationById(id: string): Promise<ConsultationDoc | null> {
  return isOid(id) ? Consultation.findById(id).lean() : null;
}
