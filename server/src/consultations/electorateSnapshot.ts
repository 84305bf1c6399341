import mongoose, { Schema, type Model } from 'mongoose';
import { logger } from '../platform/logger';
import { ignoreDuplicate } from '../platform/store';
import type { ElectorateMemberDoc } from './ballotModels';
import { loadElectorate, summarize } from './electorate';
import { LogEntry } from './ballotModels';
import { entryId } from './ids';
import { bodyOf } from './logBody';

/*
 * The frozen electorate of an opened vote in a few documents read by `_id` (issue 18): the live tally, participation
 * and not-voted list need every row, and reading `consultation_electorate` by consultationId is a scan of every
 * vote's rows on FerretDB (3–5 s per first read at 10,000 dwellings, paid for each vote after every restart). The rows
 * are immutable once the log's first entry exists, so a copy in chunks is exact; it is checked against the digest in
 * that entry on every load, and a copy that does not match is ignored (the rows are read instead, and an error
 * logged). Close, verification and recount read it too (the digest check is theirs as well): a copy and rows that
 * both differ from the digest are reported as an electorate that does not match the log.
 */
const CHUNK = 2000;
interface SnapshotDoc {
  _id: string; // `<consultation>:<chunk>`, and `<consultation>:head`
  /** The chunk's rows as one JSON string: FerretDB decodes it as one value (nested rows: about 6× slower to read). */
  json?: string;
  /** Copies written before the JSON form (read as they are). */
  members?: ElectorateMemberDoc[];
  chunks?: number;
}
const SnapshotSchema = new Schema<SnapshotDoc>({ _id: String, json: String, members: Schema.Types.Mixed, chunks: Number }, { versionKey: false });
const Snapshot: Model<SnapshotDoc> =
  mongoose.models.ConsultationElectorateSnapshot ??
  mongoose.model<SnapshotDoc>('ConsultationElectorateSnapshot', SnapshotSchema, 'consultation_electorate_snapshots');

/** The digest the log's first entry froze, or null before the vote opened (no snapshot may be taken then). */
async function frozenDigest(consultationId: string): Promise<string | null> {
  const first = await LogEntry.findById(entryId(consultationId, 1)).lean();
  return first?.castId === 'open' ? String(bodyOf(first).electorateDigest) : null;
}

/** A member as the copy stores it: without a row's `_id` (members have no other `_id`). */
const withoutId = (k: string, v: unknown) => (k === '_id' ? undefined : v);

/** A chunk's rows; unreadable JSON reads as no rows (the digest check then refuses the copy). */
function parsed(json: string): ElectorateMemberDoc[] {
  try {
    const rows = JSON.parse(json) as unknown;
    return Array.isArray(rows) ? (rows as ElectorateMemberDoc[]) : [];
  } catch {
    return [];
  }
}

/** Writes the copy (idempotent: same rows, same documents; chunks before the head that makes them visible). */
export async function writeSnapshot(consultationId: string, members: readonly ElectorateMemberDoc[]) {
  const chunks = Math.ceil(members.length / CHUNK);
  for (let i = 0; i < chunks; i++) {
    await Snapshot.insertMany([{ _id: `${consultationId}:${i}`, json: JSON.stringify(members.slice(i * CHUNK, (i + 1) * CHUNK), withoutId) }], {
      lean: true,
    }).catch(ignoreDuplicate(undefined));
  }
  await Snapshot.insertMany([{ _id: `${consultationId}:head`, chunks }], { lean: true }).catch(ignoreDuplicate(undefined));
}

/** The frozen electorate of an opened vote: from its copy (point reads), else from the rows (and the copy is made). */
export async function frozenElectorate(consultationId: string): Promise<ElectorateMemberDoc[]> {
  return (await readFrozenElectorate(consultationId)).members;
}

/** The same, and whether a copy was there but differed from the digest (damaged or edited: verification reports it). */
export async function readFrozenElectorate(consultationId: string): Promise<{ members: ElectorateMemberDoc[]; copyDamaged: boolean }> {
  const [head, digest] = await Promise.all([Snapshot.findById(`${consultationId}:head`).lean(), frozenDigest(consultationId)]);
  if (head && digest) {
    const parts = await Promise.all(Array.from({ length: head.chunks ?? 0 }, (_, i) => Snapshot.findById(`${consultationId}:${i}`).lean()));
    const members = parts.flatMap((p) => (p?.json ? parsed(p.json) : (p?.members ?? [])));
    if (parts.every(Boolean) && summarize(members, new Date(0)).digest === digest) return { members, copyDamaged: false };
    logger.error({ consultationId }, 'the electorate copy differs from the digest in the log; reading the rows');
  }
  const rows = await loadElectorate(consultationId);
  if (!head && digest && summarize(rows, new Date(0)).digest === digest) await writeSnapshot(consultationId, rows);
  return { members: rows, copyDamaged: !!(head && digest) };
}
