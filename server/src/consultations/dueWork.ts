import { dueHints } from '../platform/dueHints';
import { withLock } from '../platform/locks';
import { Consultation } from './model';

/*
 * The votes' timed work (platform/dueHints.ts): opening at `opensAt`, closing at `closesAt` (or finishing a convenor's
 * close that died after sealing the log), and the announcement safety net after a close. Three filters over
 * `consultations` a second read every vote ever held on FerretDB (and loaded every open vote's log at each start).
 */
export type ConsultationDueKind = 'open' | 'close' | 'announce';
const hints = dueHints<ConsultationDueKind>('ConsultationDue', 'consultation_due', 'consultationId');
export const ConsultationDue = hints.model;

/** An announcement still missing this long after the close is retried by the job (the outbox normally does it). */
export const ANNOUNCE_GRACE_MS = 30_000;
const MARKER = '#due-v1';

/** Written before the state change that needs the work, so a crash in between leaves a hint, never lost work. */
export const markDue = (kind: ConsultationDueKind, consultationId: string, at: Date) => hints.mark(kind, consultationId, at);
export const clearDue = (kind: ConsultationDueKind, consultationId: string) => hints.clear(kind, consultationId);

/** Work due by `now`, oldest first: one read of a collection that holds only the votes still scheduled, open or unannounced. */
export async function dueWork(now: Date) {
  await ensureDueHints();
  return hints.due(() => now);
}

/** The votes open now (each has its close hint until it is closed): one read of the same small collection. */
export async function openVoteIds(): Promise<string[]> {
  await ensureDueHints();
  const rows = await hints.due(() => new Date(8.64e15)); // every hint, whenever due
  return rows.filter((r) => r.kind === 'close').map((r) => r.subjectId);
}

let converted: Promise<void> | null = null;
/** Votes stored before these hints existed get theirs once per database (one scan, then a marker). */
export function ensureDueHints(): Promise<void> {
  converted ??= (async () => {
    if (await ConsultationDue.exists({ _id: MARKER })) return;
    await withLock(
      'consultation-due-conversion',
      async () => {
        if (await ConsultationDue.exists({ _id: MARKER })) return;
        const waiting = await Consultation.find({ status: { $in: ['scheduled', 'open', 'closed'] } })
          .select('status opensAt closesAt closedAt')
          .lean();
        for (const c of waiting) {
          const id = String(c._id);
          if (c.status === 'scheduled') await markDue('open', id, c.opensAt);
          if (c.status === 'open') await markDue('close', id, c.closesAt);
          if (c.status === 'closed') await markDue('announce', id, new Date((c.closedAt ?? new Date()).getTime() + ANNOUNCE_GRACE_MS));
        }
        await ConsultationDue.updateOne({ _id: MARKER }, { $set: { kind: 'marker', at: new Date(0) } }, { upsert: true });
      },
      { leaseMs: 10 * 60_000, waitMs: 10 * 60_000 },
    );
  })().catch((e) => {
    converted = null;
    throw e;
  });
  return converted;
}
