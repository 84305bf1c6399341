/**
 * Requests in flight in this process, and a way for bulk work to let them pass (issue 18). FerretDB on SQLite has one
 * writer: a roster import's batch of inserts holds it for tens of milliseconds, and a vote cast queued behind a run of
 * such batches waited half a second. Bulk work calls `giveWay` between batches: it waits until the other requests
 * have been answered, never longer than `maxMs`, so a steady stream of requests slows the bulk work but cannot stop it.
 */
let inFlight = 0;
let waiters: (() => void)[] = [];

export const requestsInFlight = () => inFlight;

/** Wraps one request (the outermost middleware). */
export async function countRequest<T>(fn: () => Promise<T>): Promise<T> {
  inFlight++;
  try {
    return await fn();
  } finally {
    inFlight--;
    const ready = waiters;
    waiters = [];
    for (const w of ready) w();
  }
}

/** Waits while more than `own` requests are in flight (the caller's own request counts: 1), at most `maxMs`. */
export async function giveWay(own = 1, maxMs = 150): Promise<void> {
  const until = Date.now() + maxMs;
  while (inFlight > own && Date.now() < until) {
    await new Promise<void>((resolve) => {
      const t = setTimeout(resolve, until - Date.now());
      waiters.push(() => {
        clearTimeout(t);
        resolve();
      });
    });
  }
}
