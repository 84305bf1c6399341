import { io as ioc, type Socket } from 'socket.io-client';
import { runPool, summarize, type Summary } from '../support/loadClient';

/**
 * N socket.io clients (websocket transport, one connection each) watching `consultation:<id>`, as residents of the
 * vote (token i of `tokens`: the server caps sockets per user at 8). Each records when it received each tally, when the
 * server stamped it (`at`, same machine, same clock) and the participation it showed, so delivery latency can be computed
 * per push and per acknowledged ballot.
 */
export interface TallyEvent {
  /** performance.now() at receipt (compared with the bench's own ack times). */
  at: number;
  /** Wall-clock ms from the push's receipt minus the server's `at` stamp: the fan-out alone. */
  fanoutMs: number;
  dwellings: number;
}

export interface Watchers {
  connected: number;
  joined: number;
  connectSeconds: number;
  events: TallyEvent[][];
  close(): void;
}

export async function connectWatchers(
  url: string,
  tokens: readonly string[],
  consultationId: string,
  n: number,
  opts: { concurrency?: number; capMs?: number } = {},
): Promise<Watchers> {
  const sockets: Socket[] = [];
  const events: TallyEvent[][] = [];
  let joined = 0;
  const started = Date.now();
  const cap = started + (opts.capMs ?? 180_000);
  let open: Socket[] = [];
  const pool = runPool(
    Array.from({ length: n }, (_, i) => i),
    opts.concurrency ?? 50,
    async (i) => {
      if (Date.now() > cap) return;
      const token = tokens[i % tokens.length];
      const s = ioc(url, { path: '/socket.io', auth: { token }, transports: ['websocket'], forceNew: true, reconnection: false, timeout: 30_000 });
      open.push(s);
      const mine: TallyEvent[] = [];
      s.on('consultation:tally', (t: { at: string; questions: { participation: { dwellings: number } }[] }) =>
        mine.push({ at: performance.now(), fanoutMs: Date.now() - Date.parse(t.at), dwellings: t.questions[0].participation.dwellings }),
      );
      try {
        await new Promise<void>((resolve, reject) => {
          s.once('connect', () => resolve());
          s.once('connect_error', reject);
        });
        const ack: { ok?: boolean } | undefined = await s.timeout(30_000).emitWithAck('join', `consultation:${consultationId}`);
        if (ack?.ok) joined++;
        sockets.push(s);
        events.push(mine);
      } catch {
        s.close();
      }
    },
  );
  // Hard stop at the cap: connections still pending are abandoned (counted as not joined).
  await Promise.race([pool, new Promise((r) => setTimeout(r, Math.max(0, cap - Date.now()) + 1000))]);
  const connectSeconds = (Date.now() - started) / 1000;
  for (const s of open) if (!sockets.includes(s)) s.close();
  open = [];
  return {
    connected: sockets.length,
    joined,
    connectSeconds,
    events,
    close: () => {
      for (const s of sockets) s.close();
    },
  };
}

/**
 * Delivery latency: for the k-th acknowledged ballot (in ack order) and each watcher, the time from its ack to the
 * first tally that watcher received showing at least `base + k` participating dwellings. Missing deliveries count.
 * That includes the server's batching (one push per vote every CONSULTATION_PUSH_MS, 3 s: a single ballot must not be
 * timeable, issue 13); `fanout` is each update's own delivery, from the push to the watcher.
 */
export function deliveryLatency(acks: number[], base: number, events: TallyEvent[][]): { latency: Summary; fanout: Summary; pushes: number; missing: number } {
  const sorted = [...acks].sort((x, y) => x - y);
  const lat: number[] = [];
  let missing = 0;
  for (const mine of events) {
    let j = 0;
    for (let k = 0; k < sorted.length; k++) {
      const need = base + k + 1;
      while (j < mine.length && mine[j].dwellings < need) j++;
      if (j >= mine.length) {
        missing += sorted.length - k;
        break;
      }
      lat.push(Math.max(0, mine[j].at - sorted[k]));
    }
  }
  // Each push as received: from the server's stamp to the watcher (what a push costs to fan out to the room).
  const fanout = events.flatMap((mine) => mine.map((e) => Math.max(0, e.fanoutMs)));
  return { latency: summarize(lat), fanout: summarize(fanout), pushes: Math.max(0, ...events.map((mine) => mine.length)), missing };
}
