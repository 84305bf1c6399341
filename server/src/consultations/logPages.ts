import mongoose, { Schema, type Model } from 'mongoose';
import { logger } from '../platform/logger';
import { ignoreDuplicate } from '../platform/store';
import { LogEntry, type LogEntryDoc } from './ballotModels';
import { entryId } from './ids';

/*
 * A vote's log read back in pages (issue 18). Entries are appended one row each (the unique `_id` `<vote>:<seq>` is
 * what makes an append exactly-once), but reading 10,000 rows back costs 7–10 s on FerretDB whichever way they are
 * asked for (one filter scans every vote's rows; point reads pay a round trip each), so verify, close and recount
 * took that long. Entries never change once written, so every full run of PAGE entries is copied into one page
 * document, `<vote>:p<k>`, holding the entries as one JSON string (FerretDB decodes a string as one value: 20 pages of
 * 500 read in about 0.3 s, the same entries as nested documents in 1.6 s). Pages are written by whoever appends the
 * last entry of a run (from its mirror) or reads a full run from the rows; inserts under the unique `_id`, so
 * concurrent writers store the first copy and nothing else. Readers take the pages, then the rows after them.
 *
 * A page is what the log is from then on: the chain check covers it like the rows (an edited entry breaks its hash, a
 * rewritten chain differs from the receipts, the published head and the process's mirror). A page that does not
 * hold the run it names (unreadable JSON, wrong seqs or vote) is reported and that run is read from the rows.
 */

let PAGE = 500;
/** BALLOT_LOG_PAGE: entries per page (tests use small pages to exercise them on small votes). */
export function configureLogPages(size: number) {
  PAGE = size;
}

export interface PageDoc {
  _id: string;
  consultationId: string;
  page: number;
  entries: string;
}
const PageSchema = new Schema<PageDoc>(
  { _id: String, consultationId: { type: String, required: true }, page: { type: Number, required: true }, entries: { type: String, required: true } },
  { versionKey: false },
);
const LogPage: Model<PageDoc> = mongoose.models.ConsultationLogPage ?? mongoose.model<PageDoc>('ConsultationLogPage', PageSchema, 'consultation_log_pages');

export const pageId = (consultationId: string, page: number) => `${consultationId}:p${page}`;

/** An entry as a page stores it: the row without its `_id` (the page's own `_id` names the run). */
const pageEntry = (e: LogEntryDoc): LogEntryDoc => {
  const { _id, ...entry } = e as LogEntryDoc & { _id?: unknown };
  return entry;
};

/** The page documents of the full runs `from`..`to` in `entries` (a contiguous prefix of the log, seq 1 first). */
export function pageDocs(consultationId: string, entries: readonly LogEntryDoc[], from = 0, to = Infinity): PageDoc[] {
  const out: PageDoc[] = [];
  for (let k = from; k <= to && (k + 1) * PAGE <= entries.length; k++) {
    const run = entries.slice(k * PAGE, (k + 1) * PAGE);
    if (run.some((e, i) => e.seq !== k * PAGE + i + 1)) break; // not a contiguous prefix: nothing to copy
    out.push({ _id: pageId(consultationId, k), consultationId, page: k, entries: JSON.stringify(run.map(pageEntry)) });
  }
  return out;
}

/** Writes those pages; one already there (another writer's identical copy) is left as it is. */
export async function writePages(consultationId: string, entries: readonly LogEntryDoc[], from = 0, to = Infinity) {
  for (const doc of pageDocs(consultationId, entries, from, to)) await LogPage.insertMany([doc], { lean: true }).catch(ignoreDuplicate(undefined));
}

/** After an append: the page its run completes, if it completed one (the mirror holds the run). */
export function pageCompletedBy(seq: number): number | null {
  return seq % PAGE === 0 ? seq / PAGE - 1 : null;
}

/** The entries of a page, or null when it does not hold exactly the run it names. */
function parsePage(consultationId: string, k: number, doc: PageDoc): LogEntryDoc[] | null {
  try {
    const run = JSON.parse(doc.entries) as LogEntryDoc[];
    const ok = Array.isArray(run) && run.length === PAGE && run.every((e, i) => e && e.seq === k * PAGE + i + 1 && e.consultationId === consultationId);
    return ok ? run : null;
  } catch {
    return null;
  }
}

const PAGE_PROBES = 16;
const ROW_BATCH = 64;

export interface StoredLog {
  entries: LogEntryDoc[];
  /** Pages that did not hold their run (read from the rows instead): a stored copy that was damaged or edited. */
  damagedPages: number[];
}

/**
 * The stored log: its pages (read by `_id`, PAGE_PROBES at a time, until the first missing one), then the rows
 * after them by `_id` in parallel batches until a batch finds no row at all. So the rows are read one batch past the
 * end, and a deleted entry shows as a gap (which the chain check reports), not as the end of the log.
 * Full runs read from the rows are paged on the way (a vote written before pages, or a writer that died). From
 * `fromSeq` on: a mirror far behind (another instance's burst, ballots written while this process looked away) catches
 * up through the pages too.
 */
export async function readStoredLog(consultationId: string, fromSeq = 1): Promise<StoredLog> {
  const entries: LogEntryDoc[] = [];
  const damagedPages: number[] = [];
  const first = Math.floor((fromSeq - 1) / PAGE);
  let pages = first;
  for (let done = false; !done;) {
    const docs = await Promise.all(Array.from({ length: PAGE_PROBES }, (_, i) => LogPage.findById(pageId(consultationId, pages + i)).lean()));
    for (const doc of docs) {
      if (!doc) {
        done = true;
        break;
      }
      const run = parsePage(consultationId, pages, doc);
      if (run) entries.push(...run);
      else {
        logger.error({ consultationId, page: pages }, 'a ballot log page does not hold its entries; reading its rows');
        damagedPages.push(pages);
        entries.push(...(await readRows(consultationId, pages * PAGE + 1, (pages + 1) * PAGE)));
      }
      pages++;
    }
  }
  const tail = await readRows(consultationId, Math.max(pages * PAGE + 1, fromSeq), Infinity);
  entries.push(...tail);
  if (fromSeq === 1 && tail.length >= PAGE)
    await writePages(consultationId, entries, pages).catch((e) => logger.warn({ err: e, consultationId }, 'paging the ballot log failed'));
  return { entries: entries.filter((e) => e.seq >= fromSeq), damagedPages };
}

/** Rows `from`..`to` by `_id`, ROW_BATCH at a time; an open end stops after a batch with no row at all. */
async function readRows(consultationId: string, from: number, to: number): Promise<LogEntryDoc[]> {
  const out: LogEntryDoc[] = [];
  for (let seq = from; seq <= to; seq += ROW_BATCH) {
    const n = Math.min(ROW_BATCH, to - seq + 1);
    const batch = await Promise.all(Array.from({ length: n }, (_, i) => LogEntry.findById(entryId(consultationId, seq + i)).lean()));
    const found = batch.filter((e): e is NonNullable<typeof e> => !!e);
    out.push(...found);
    if (to === Infinity && found.length === 0) break;
  }
  return out;
}
