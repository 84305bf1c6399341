import mongoose, { Types } from 'mongoose';

// What the bench waits for between phases, so one phase's background work does not land in the next one's figures.

/** Calls `done` every `everyMs` until it answers true (true) or `capMs` passes (false). */
async function pollUntil(done: () => Promise<boolean>, capMs: number, everyMs: number): Promise<boolean> {
  const deadline = Date.now() + capMs;
  while (Date.now() < deadline) {
    if (await done()) return true;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  return false;
}

/** Polls the consultation by `_id` until its status is 'announced' (true) or the cap passes (false). */
export function untilAnnounced(id: string, capMs: number): Promise<boolean> {
  const consultations = mongoose.connection.db!.collection('consultations');
  return pollUntil(
    async () => (await consultations.findOne({ _id: new Types.ObjectId(id) }, { projection: { status: 1 } }))?.status === 'announced',
    capMs,
    100,
  );
}

/** No outbox entry pending (the one-time conversion marker aside). */
export function untilOutboxIdle(capMs: number): Promise<boolean> {
  const pending = mongoose.connection.db!.collection('outbox_pending');
  return pollUntil(async () => (await pending.countDocuments({ runAfter: { $lt: new Date(8e15) } })) === 0, capMs, 250);
}

/** /readyz lists no start-up load still running (platform/warmup.ts). */
export function untilWarm(baseUrl: string, capMs: number): Promise<boolean> {
  return pollUntil(
    async () => {
      const r = await fetch(`${baseUrl}/readyz`).catch(() => null);
      const body = r?.ok ? ((await r.json()) as { warming?: string[] }) : null;
      return !!body && (body.warming ?? []).length === 0;
    },
    capMs,
    250,
  );
}

/** Five `_id` reads in a row each answered within 25 ms: nothing else is keeping the database busy. */
export function untilDbSettled(capMs: number): Promise<boolean> {
  const col = mongoose.connection.db!.collection('consultations');
  let fast = 0;
  return pollUntil(
    async () => {
      const t = performance.now();
      await col.findOne({ _id: new Types.ObjectId() });
      fast = performance.now() - t < 25 ? fast + 1 : 0;
      return fast >= 5;
    },
    capMs,
    200,
  );
}
