import { registerFileReader } from '../platform/fileAccess';
import { memberDwellings } from '../roster';
import { Project } from '../projects';
import { Rating } from './model';
import { canReadRatingDetails } from './policy';

/** A rating's photo: the household that rated (any member may have uploaded it) and staff over the complex. */
registerFileReader('ratings', async (user, fileId) => {
  const ratings = await Rating.find({ photoFileId: fileId }).select('projectId dwellingId userId').lean();
  if (ratings.length === 0) return false;
  const household = new Set((await memberDwellings(user.id)).map((d) => d.dwellingId));
  for (const r of ratings) {
    if (r.userId === user.id || household.has(String(r.dwellingId))) return true;
    const p = await Project.findById(r.projectId).select('areaPath').lean();
    if (p && canReadRatingDetails(user, p)) return true;
  }
  return false;
});
