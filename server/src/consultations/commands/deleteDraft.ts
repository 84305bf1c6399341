import type { AuthUser } from '../../platform/http/route';
import { conflict } from '../../platform/errors';
import { audit } from '../../identity';
import { Consultation, type ConsultationDoc } from '../model';
import { refreshListings } from '../listing';

/** Drafts only: nothing was announced, no ballot exists, so a draft may simply go (the audit keeps the trace). */
export async function deleteDraft(user: AuthUser, c: ConsultationDoc): Promise<void> {
  const r = await Consultation.deleteOne({ _id: c._id, status: 'draft' });
  if (r.deletedCount !== 1) throw conflict('CONSULTATION_NOT_DRAFT', '只能删除草稿状态的表决');
  await refreshListings(c);
  await audit({
    actorId: user.id,
    action: 'consultation.delete',
    target: { type: 'consultation', id: String(c._id) },
    areaPath: c.areaPath,
    details: { title: c.title },
  });
}
