import { registerFileReader, refusedAsFalse } from '../platform/fileAccess';
import { Notice } from './model';
import { NoticeObjection } from './records';
import { canSeeObjection } from './policy';
import { loadNotice } from './queries/load';

/** Attachments: whoever may open a notice (any version) showing them. Objection photos: the objector and the publisher. */
registerFileReader('notices', async (user, fileId) => {
  const notices = await Notice.find({ $or: [{ 'attachments.fileId': fileId }, { 'versions.attachments.fileId': fileId }] })
    .select('_id')
    .lean();
  for (const n of notices) {
    if (await refusedAsFalse(async () => !!(await loadNotice(user, String(n._id))))) return true;
  }
  const objections = await NoticeObjection.find({ 'photos.fileId': fileId }).select('noticeId userId').lean();
  for (const o of objections) {
    const n = await Notice.findById(o.noticeId).select('scopePath').lean();
    if (n && canSeeObjection(user, n, o as { userId: string })) return true;
  }
  return false;
});
