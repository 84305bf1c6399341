import type { AuthUser } from '../platform/http/route';
import type { ProjectDoc } from '../projects';
import { canManagePledges } from './policy';
import { Pledge } from './model';
import { labelsFor, presentPledge } from './presenter';

/** Managers see every pledge of the project with names; residents see their own pledges. */
export async function listPledges(user: AuthUser, project: ProjectDoc) {
  const manager = canManagePledges(user, project);
  const pledges = await Pledge.find({ projectId: project._id, ...(manager ? {} : { userId: user.id }) })
    .sort({ createdAt: -1 })
    .limit(2000)
    .lean();
  const labels = await labelsFor(pledges);
  return { pledges: pledges.map((p) => presentPledge(p, labels, false)) };
}
