import { logger } from '../platform/logger';
import { messageOf } from '../platform/errors';
import { openVoteIds } from './dueWork';
import { getMirror } from './mirror';

/**
 * After a start, each open vote's log is loaded into this process's mirror in the background, one vote at a time,
 * so the first resident to open a vote's page after a restart does not wait for it (100–200 ms at 500 ballots on
 * FerretDB, the whole of that page's time). Every instance does it for itself: mirrors are per process.
 */
export async function warmOpenMirrors(): Promise<number> {
  let warmed = 0;
  try {
    for (const id of await openVoteIds()) {
      await getMirror(id);
      warmed++;
    }
  } catch (err) {
    // Only a head start: a vote that fails here loads on its first request, as it would without the warm-up.
    logger.warn({ err: messageOf(err), warmed }, 'warming the open votes failed');
  }
  return warmed;
}
