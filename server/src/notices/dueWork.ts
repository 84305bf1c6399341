import type { Types } from 'mongoose';
import { dueHints } from '../platform/dueHints';

/*
 * The notices' timed work (platform/dueHints.ts): a scheduled publication and a fan-out not yet queued. Filtering
 * `notices` for them every second (documents with bodies, translations and version history) was two whole-collection
 * scans a second on FerretDB, enough to keep a 10,000-dwelling street's database busy.
 */
export type DueKind = 'publish' | 'fanout';
const hints = dueHints<DueKind>('NoticeDue', 'notice_due', 'noticeId');
export const NoticeDue = hints.model;

/** Written before the notice's state that needs the work, so a crash in between leaves a hint, never lost work. */
export const markDue = (kind: DueKind, noticeId: Types.ObjectId | string, at: Date) => hints.mark(kind, noticeId, at);
/** Written after the work is done (a crash before it leaves a hint the job deletes). */
export const clearDue = (kind: DueKind, noticeId: Types.ObjectId | string) => hints.clear(kind, noticeId);

/** The waiting work of each kind up to its time, oldest first. */
export async function dueWork(until: Record<DueKind, Date>): Promise<Record<DueKind, string[]>> {
  const due = await hints.due((kind) => until[kind]);
  return { publish: due.filter((d) => d.kind === 'publish').map((d) => d.subjectId), fanout: due.filter((d) => d.kind === 'fanout').map((d) => d.subjectId) };
}
