import type { Types } from 'mongoose';
import { emitToRoom, registerRoomPolicy } from '../platform/realtime';
import { loadReadableProject } from './service';
import { Project } from './model';
import { presentProject } from './presenter';

// Room `project:<id>`: whoever may read the project (residents of the complex, grants covering it) follows its
// stage and progress live.
registerRoomPolicy('project', async (user, id) => {
  try {
    await loadReadableProject(user, id);
    return true;
  } catch {
    return false;
  }
});

/** Pushes the project as the API presents it (same presenter) after a stage change or a progress update. */
export async function pushProject(id: Types.ObjectId | string): Promise<void> {
  const p = await Project.findById(id).lean();
  if (p) emitToRoom(`project:${String(p._id)}`, 'project:updated', presentProject(p));
}
