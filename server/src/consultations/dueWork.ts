import mongoose, { Schema, type Model } from 'mongoose';
import { isDuplicateKey } from '../platform/store';
import { withLock } from '../platform/locks';
import { Consultation } from './model';

/*
 * The votes' timed work, kept on write (issue 18): opening at `opensAt`, closing at `closesAt` (or finishing a
 * convenor's close that died after sealing the log), and the announcement safety net after a close. Each is one small
 * entry here, so the every-second transitions job reads this collection (as long as the work waiting) and then each
 * vote by `_id`, instead of three filters over `consultations` a second, which on FerretDB read every vote ever held
 * (and loaded every open vote's log into memory at each start). An entry is only a hint: the job re-reads the vote
 * and acts on its status, so an entry left behind by a crash or a refused request does nothing but move or go.
 */
export type ConsultationDueKind = 'open' | 'close' | 'announce';
export interface ConsultationDueDoc {
  _id: string; // `<kind>:<consultationId>`, or the conversion marker
  kind: ConsultationDueKind | 'marker';
  consultationId: string;
  at: Date;
}
const DueSchema = new Schema<ConsultationDueDoc>({ _id: String, kind: String, consultationId: String, at: Date }, { versionKey: false });
export const ConsultationDue: Model<ConsultationDueDoc> =
  mongoose.models.ConsultationDue ?? mongoose.model<ConsultationDueDoc>('ConsultationDue', DueSchema, 'consultation_due');

/** An announcement still missing this long after the close is retried by the job (the outbox normally does it). */
export const ANNOUNCE_GRACE_MS = 30_000;
const MARKER = '#due-v1';

/** Written before the state change that needs the work, so a crash in between leaves a hint, never lost work. */
export async function markDue(kind: ConsultationDueKind, consultationId: string, at: Date) {
  const _id = `${kind}:${consultationId}`;
  try {
    await ConsultationDue.updateOne({ _id }, { $set: { kind, consultationId, at } }, { upsert: true });
  } catch (e) {
    if (!isDuplicateKey(e)) throw e; // two upserts raced to insert it: it is there
  }
}

export async function clearDue(kind: ConsultationDueKind, consultationId: string) {
  await ConsultationDue.deleteOne({ _id: `${kind}:${consultationId}` });
}

/** Work due by `now`, oldest first: one read of a collection that holds only the votes still scheduled, open or unannounced. */
export async function dueWork(now: Date): Promise<ConsultationDueDoc[]> {
  await ensureDueHints();
  return (await ConsultationDue.find({}).lean<ConsultationDueDoc[]>())
    .filter((d) => d.kind !== 'marker' && d.at <= now)
    .sort((a, b) => a.at.getTime() - b.at.getTime());
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
        await ConsultationDue.updateOne({ _id: MARKER }, { $set: { kind: 'marker', consultationId: '', at: new Date(0) } }, { upsert: true });
      },
      { leaseMs: 10 * 60_000, waitMs: 10 * 60_000 },
    );
  })().catch((e) => {
    converted = null;
    throw e;
  });
  return converted;
}
