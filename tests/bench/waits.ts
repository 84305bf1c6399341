import mongoose, { Types } from 'mongoose';

// What the bench waits for between phases, so one phase's background work does not land in the next one's figures.

/** Polls the consultation by `_id` until its status is 'announced' (true) or the cap passes (false). */
export async function untilAnnounced(id: string, capMs: number): Promise<boolean> {
  const deadline = Date.now() + capMs;
  while (Date.now() < deadline) {
    const c = await mongoose.connection.db!.collection('consultations').findOne({ _id: new Types.ObjectId(id) }, { projection: { status: 1 } });
    if (c?.status === 'announced') return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

/** No outbox entry pending (the one-time conversion marker aside). */
export async function untilOutboxIdle(capMs: number): Promise<boolean> {
  const deadline = Date.now() + capMs;
  const db = mongoose.connection.db!;
  while (Date.now() < deadline) {
    const pending = await db.collection('outbox_pending').countDocuments({ runAfter: { $lt: new Date(8e15) } });
    if (pending === 0) return true;
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

/** /readyz lists no start-up load still running (platform/warmup.ts). */
export async function untilWarm(baseUrl: string, capMs: number): Promise<boolean> {
  const deadline = Date.now() + capMs;
  while (Date.now() < deadline) {
    const r = await fetch(`${baseUrl}/readyz`).catch(() => null);
    const body = r?.ok ? ((await r.json()) as { warming?: string[] }) : null;
    if (body && (body.warming ?? []).length === 0) return true;
    await new Promise((res) => setTimeout(res, 250));
  }
  return false;
}

/** Five `_id` reads in a row each answered within 25 ms: nothing else is keeping the database busy. */
export async function untilDbSettled(capMs: number): Promise<boolean> {
  const deadline = Date.now() + capMs;
  const col = mongoose.connection.db!.collection('consultations');
  let fast = 0;
  while (Date.now() < deadline) {
    const t = performance.now();
    await col.findOne({ _id: new Types.ObjectId() });
    fast = performance.now() - t < 25 ? fast + 1 : 0;
    if (fast >= 5) return true;
    await new Promise((r) => setTimeout(r, 200));
  }
  return false;
}
