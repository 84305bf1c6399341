import { LogEntry, type LogEntryDoc } from './ballotModels';
import { entryId } from './ids';
import { readStoredLog } from './logPages';

/*
 * In-process mirror of a consultation's ballot log. Entries are append-only and immutable, so an instance can keep
 * them in memory: it loads them once (pages and rows by `_id`), then catches up by probing the deterministic `_id` of the next
 * seq until a miss (other instances append too). On FerretDB only `{_id}` filters avoid a collection scan, so this
 * is what keeps a vote's cost independent of the log's size. Verification, recount and receipts still read the
 * database (tamper detection must see what is stored, not what this process remembers).
 */

export interface Mirror {
  consultationId: string;
  /** entries[i].seq === i + 1: the log's contiguous prefix this process has seen. */
  entries: LogEntryDoc[];
  byCastId: Map<string, LogEntryDoc>;
  byDwelling: Map<string, LogEntryDoc[]>;
  byGroup: Map<string, LogEntryDoc[]>;
  usedAt: number;
  /** Until when an append probes for other instances' entries before it writes (log.ts: set by a duplicate key). */
  contendedUntil: number;
}

export { entryId } from './ids';

/** An open vote's residents come in ones and twos all day: its mirror stays for half an hour without a visit. */
const IDLE_MS = 30 * 60_000;
const CLOSED_IDLE_MS = 30_000;
const mirrors = new Map<string, Promise<Mirror>>();

/** Adds the next entry; anything else (already seen, or a gap) is ignored, so concurrent catch-ups are harmless. */
export function addEntry(m: Mirror, e: LogEntryDoc): boolean {
  if (e.seq !== m.entries.length + 1) return false;
  m.entries.push(e);
  m.byCastId.set(e.castId, e);
  const push = (map: Map<string, LogEntryDoc[]>, k: string | null) => {
    if (!k) return;
    const list = map.get(k);
    if (list) list.push(e);
    else map.set(k, [e]);
  };
  push(m.byDwelling, e.dwellingId);
  push(m.byGroup, e.headcountKey);
  return true;
}

/**
 * The first load of a vote's log in this process: its pages and the rows after them, all by `_id` (logPages.ts). A
 * filter by consultationId reads every vote's entries on FerretDB (3–5 s at 10,000 dwellings, for each vote after
 * every restart).
 */
async function scan(consultationId: string): Promise<Mirror> {
  const m: Mirror = { consultationId, entries: [], byCastId: new Map(), byDwelling: new Map(), byGroup: new Map(), usedAt: Date.now(), contendedUntil: 0 };
  for (const e of (await readStoredLog(consultationId)).entries) if (!addEntry(m, e)) break;
  return catchUp(m);
}

function load(consultationId: string): Promise<Mirror> {
  const p = scan(consultationId);
  mirrors.set(consultationId, p);
  p.catch(() => {
    if (mirrors.get(consultationId) === p) mirrors.delete(consultationId);
  });
  return p;
}

/** The mirror if this process has loaded it (no read otherwise): what it saw appended, to compare the stored log with. */
export async function loadedMirror(consultationId: string): Promise<Mirror | null> {
  const p = mirrors.get(consultationId);
  return p ? p.catch(() => null) : null;
}

/** The mirror as loaded so far (no catch-up). */
export async function getMirror(consultationId: string): Promise<Mirror> {
  const m = await (mirrors.get(consultationId) ?? load(consultationId));
  m.usedAt = Date.now();
  return m;
}

/** Single probes before a catch-up reads the rest through the pages (far behind: a restart, another instance's burst). */
const MAX_PROBES = 8;

/** Reads entries other writers appended since: one `{_id}` read per new entry plus one miss (pages when far behind). */
export async function catchUp(m: Mirror): Promise<Mirror> {
  for (let probes = 0; probes < MAX_PROBES; probes++) {
    const next = await LogEntry.findById(entryId(m.consultationId, m.entries.length + 1)).lean();
    if (!next || !addEntry(m, next)) return m;
  }
  for (const e of (await readStoredLog(m.consultationId, m.entries.length + 1)).entries) if (!addEntry(m, e)) break;
  return m;
}

/** The mirror, caught up with the database. */
export async function currentMirror(consultationId: string): Promise<Mirror> {
  return catchUp(await getMirror(consultationId));
}

export const headOf = (m: Mirror): LogEntryDoc | null => m.entries[m.entries.length - 1] ?? null;
export const entriesOfDwelling = (m: Mirror, dwellingId: string): readonly LogEntryDoc[] => m.byDwelling.get(dwellingId) ?? [];

/** Frees mirrors nobody used lately (closed votes sooner); a later use loads again. */
export function evictIdleMirrors(now = Date.now()) {
  for (const [id, p] of mirrors) {
    void p.then(
      (m) => {
        const idle = now - m.usedAt;
        if (idle > IDLE_MS || (headOf(m)?.type === 'close' && idle > CLOSED_IDLE_MS)) {
          if (mirrors.get(id) === p) mirrors.delete(id);
        }
      },
      () => undefined,
    );
  }
}
setInterval(() => evictIdleMirrors(), 30_000).unref();
