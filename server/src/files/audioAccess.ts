import { registerFileReader, refusedAsFalse } from '../platform/fileAccess';
import { Consultation } from '../consultations';
import { loadViewable } from '../consultations';
import { Notice } from '../notices';
import { loadNotice } from '../notices';

/**
 * A voice clip plays for whoever may read the text it is attached to: a notice (any version showing it) under the
 * notice's own view rule, a consultation under the consultation's. Deny by default: no such object, no download.
 */
registerFileReader('audio', async (user, fileId) => {
  const notices = await Notice.find({ $or: [{ 'audio.fileId': fileId }, { 'versions.audio.fileId': fileId }] })
    .select('_id')
    .lean();
  for (const n of notices) {
    if (await refusedAsFalse(async () => !!(await loadNotice(user, String(n._id))))) return true;
  }
  const consultations = await Consultation.find({ 'audio.fileId': fileId }).select('_id').lean();
  for (const c of consultations) {
    if (await refusedAsFalse(async () => !!(await loadViewable(String(c._id), user)))) return true;
  }
  return false;
});
