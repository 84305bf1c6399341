import { registerFileReader } from '../platform/fileAccess';
import { Project } from '../projects/model';
import { Rating } from './model';
import { canReadRatingDetails } from './policy';

/** A rating's photo: the household that rated (any member may have uploaded it) and staff over the complex. */
registerFileReader('ratings', async (user, fileId) => {
  const ratings = await Rating.find({ photoFileId: fileId }).select('projectId userId').lean();
  for (const r of ratings) {
    if (r.userId === user.id) return true;
    const p = await Project.findById(r.projectId).select('areaPath').lean();
    if (p && canReadRatingDetails(user, p)) return true;
  }
  return false;
});
