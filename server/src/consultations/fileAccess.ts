import { registerFileReader, refusedAsFalse } from '../platform/fileAccess';
import { loadConsultation, loadViewable, scoped } from './access';
import { LogEntry } from './ballotModels';
import { Consultation } from './model';
import { canAuditBallots, canManageConsultation } from './policy';

/**
 * Option pictures: whoever may view the consultation. A paper ballot's photo shows one household's choices, so only
 * those who may see individual ballots: the convenors, and the auditors after close.
 */
registerFileReader('consultations', async (user, fileId) => {
  const shown = await Consultation.find({ 'questions.options.imageFileIds': fileId }).select('_id').lean();
  for (const c of shown) {
    if (await refusedAsFalse(async () => !!(await loadViewable(String(c._id), user)))) return true;
  }
  const papers = await LogEntry.find({ 'body.photoFileId': fileId }).select('consultationId').lean();
  for (const e of papers) {
    const c = await loadConsultation(e.consultationId);
    if (canManageConsultation(user, c) || canAuditBallots(user, scoped(c))) return true;
  }
  return false;
});
