import { registerFileReader, refusedAsFalse } from '../platform/fileAccess';
import { Project, ProjectProgress } from './model';
import { loadReadableProject } from './service';

/** Progress photos and acceptance documents: whoever may read the project (its residents, staff and officials above). */
registerFileReader('projects', async (user, fileId) => {
  const [withDoc, progress] = await Promise.all([
    Project.find({ 'acceptance.documentFileIds': fileId }).select('_id').lean(),
    ProjectProgress.find({ photoFileIds: fileId }).select('projectId').lean(),
  ]);
  const ids = new Set([...withDoc.map((p) => String(p._id)), ...progress.map((u) => String(u.projectId))]);
  for (const id of ids) {
    if (await refusedAsFalse(async () => !!(await loadReadableProject(user, id)))) return true;
  }
  return false;
});
