import { clearRightsHints, staleRightsHints } from './rightsHints';
import { refreshUserDwellings } from './rights';

/** A writer refreshes right after its write; one whose hint is older than this is presumed dead. */
export const RIGHTS_HINT_GRACE_MS = 30_000;

/**
 * Refreshes the users whose binding or proxy writer left its hint behind (rightsHints.ts), then deletes those hints:
 * the refresh reads the sources after the write, so it covers it. Reads only the small hints collection.
 */
export async function repairRecentRights(now = new Date()): Promise<number> {
  const stale = await staleRightsHints(new Date(now.getTime() - RIGHTS_HINT_GRACE_MS));
  if (stale.length === 0) return 0;
  const users = [...new Set(stale.map((h) => h.userId))];
  await refreshUserDwellings(users);
  await clearRightsHints(stale.map((h) => h._id));
  return users.length;
}
