import mongoose, { Schema, type Model, type Types } from 'mongoose';
import { isDuplicateKey } from '../platform/store';

/*
 * The notices' timed work, kept on write (issue 18): a scheduled publication and a fan-out not yet queued each leave
 * one small entry here, so the every-second job reads this collection (as long as the work waiting, usually empty)
 * instead of filtering `notices`, whose documents carry bodies, translations and version history: on FerretDB that
 * filter read every notice every second, two whole-collection scans a second that kept a 10,000-dwelling street's
 * database busy. An entry is only a hint: the job re-reads the notice by `_id` under its lock and acts on what the
 * notice says, so an entry left behind by a crash does nothing but get deleted.
 */
export type DueKind = 'publish' | 'fanout';
export interface DueDoc {
  _id: string; // `<kind>:<noticeId>`
  kind: DueKind;
  noticeId: string;
  at: Date;
}
const DueSchema = new Schema<DueDoc>({ _id: String, kind: String, noticeId: String, at: Date }, { versionKey: false });
export const NoticeDue: Model<DueDoc> = mongoose.models.NoticeDue ?? mongoose.model<DueDoc>('NoticeDue', DueSchema, 'notice_due');

const dueId = (kind: DueKind, noticeId: Types.ObjectId | string) => `${kind}:${String(noticeId)}`;

/** Written before the notice's state that needs the work, so a crash in between leaves a hint, never lost work. */
export async function markDue(kind: DueKind, noticeId: Types.ObjectId | string, at: Date) {
  const _id = dueId(kind, noticeId);
  try {
    await NoticeDue.updateOne({ _id }, { $set: { kind, noticeId: String(noticeId), at } }, { upsert: true });
  } catch (e) {
    if (!isDuplicateKey(e)) throw e; // two upserts raced to insert it: it is there
  }
}

/** Written after the work is done (a crash before it leaves a hint the job deletes). */
export async function clearDue(kind: DueKind, noticeId: Types.ObjectId | string) {
  await NoticeDue.deleteOne({ _id: dueId(kind, noticeId) });
}

/** The waiting work of each kind up to its time, oldest first: one read of a collection that holds only work not yet done. */
export async function dueWork(until: Record<DueKind, Date>): Promise<Record<DueKind, DueDoc[]>> {
  const all = (await NoticeDue.find({}).lean<DueDoc[]>()).sort((a, b) => a.at.getTime() - b.at.getTime());
  return { publish: all.filter((d) => d.kind === 'publish' && d.at <= until.publish), fanout: all.filter((d) => d.kind === 'fanout' && d.at <= until.fanout) };
}
