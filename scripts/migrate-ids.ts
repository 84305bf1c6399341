// Rewrites the rows that versions before the deterministic string `_id`s stored with an ObjectId (ballot log entries,
// frozen electorates, effective ballots) to those ids, once. The server reads these rows only by their string `_id`.
//   npx tsx scripts/migrate-ids.ts [--uri mongodb://…] [--db gongzhi] [--force]
// Without --uri (or MONGODB_URI) it starts the embedded database in DATA_DIR/db, as `npm start` does.
// Stop every server instance first: it refuses while one has taken a job lease lately (--force skips that check).
// Idempotent (a second run changes nothing) and safe to interrupt: each row is copied to `migrate_ids_backup`
// before its old copy is removed, and the next run finishes any row a crash left half-moved.
import fs from 'node:fs';
import path from 'node:path';
import { MongoClient, type Db, type ObjectId } from 'mongodb';
import { ballotId, entryId, memberId } from '../server/src/consultations/ids';

/** A stored row: an old one has an ObjectId `_id`, a migrated one a string. */
interface Row {
  _id: string | ObjectId;
  [field: string]: unknown;
}
/** A row on its way: kept here until its new copy is in. */
interface Backup {
  _id: string;
  collection: string;
  doc: Row;
}
interface Target {
  collection: string;
  idOf: (d: Row) => string;
}
export const TARGETS: Target[] = [
  { collection: 'consultation_ballot_log', idOf: (d) => entryId(String(d.consultationId), Number(d.seq)) },
  { collection: 'consultation_electorate', idOf: (d) => memberId(String(d.consultationId), String(d.dwellingId)) },
  { collection: 'consultation_ballots', idOf: (d) => ballotId(String(d.consultationId), String(d.questionId), String(d.dwellingId)) },
];
const BACKUP = 'migrate_ids_backup';
/** The platform's most frequent periodic job: a running instance renews this lease at least every 3 minutes. */
const LIVE_LEASE = /^job:purge-rate-counters:/;

export interface Counts {
  [collection: string]: { migrated: number; conflicts: number };
}

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? undefined : process.argv[i + 1];
};
const say = (m: string) => process.stdout.write(`[migrate-ids] ${m}\n`);

/** Moves one row to its string `_id`: backup, remove the old row (it holds the unique keys), insert, drop the backup. */
async function move(db: Db, t: Target, doc: Row, backupId: string): Promise<'migrated' | 'conflict'> {
  const col = db.collection<Row>(t.collection);
  const _id = t.idOf(doc);
  if (await col.findOne({ _id })) {
    // Both copies present: the unique indexes make that impossible unless they were dropped; leave it to a person.
    if (await col.findOne({ _id: doc._id })) return 'conflict';
  } else {
    await db.collection<Backup>(BACKUP).replaceOne({ _id: backupId }, { collection: t.collection, doc }, { upsert: true });
    await col.deleteOne({ _id: doc._id });
    await col.insertOne({ ...doc, _id });
  }
  await db.collection<Backup>(BACKUP).deleteOne({ _id: backupId });
  return 'migrated';
}

/** Migrates every old row of the targets; returns what it did per collection. */
export async function migrateIds(db: Db): Promise<Counts> {
  const counts: Counts = {};
  for (const t of TARGETS) {
    const c = (counts[t.collection] = { migrated: 0, conflicts: 0 });
    // A row a crash left half-moved (its old copy may already be gone): finish it from the backup.
    for (const b of await db.collection<Backup>(BACKUP).find({ collection: t.collection }).toArray()) {
      c[(await move(db, t, b.doc, String(b._id))) === 'migrated' ? 'migrated' : 'conflicts']++;
    }
    // Only ids are listed first (old rows are few next to the whole collection); each row is then read by `_id`.
    const old = (
      await db
        .collection<Row>(t.collection)
        .find({}, { projection: { _id: 1 } })
        .toArray()
    ).filter((d) => typeof d._id !== 'string');
    for (const { _id } of old) {
      const doc = await db.collection<Row>(t.collection).findOne({ _id });
      if (doc) c[(await move(db, t, doc, `${t.collection}:${String(_id)}`)) === 'migrated' ? 'migrated' : 'conflicts']++;
    }
  }
  return counts;
}

/** True when a server instance renewed its job lease lately (the lease outlives it by at most 3 minutes). */
export async function serverSeemsRunning(db: Db): Promise<boolean> {
  const leases = await db
    .collection<Row>('leases')
    .find({ until: { $gt: new Date() } })
    .toArray();
  return leases.some((l) => LIVE_LEASE.test(String(l._id)));
}

async function main() {
  const force = process.argv.includes('--force');
  const dbName = arg('db') ?? process.env.MONGODB_DB ?? 'gongzhi';
  let uri = arg('uri') ?? process.env.MONGODB_URI;
  let stop: (() => Promise<void>) | undefined;
  if (!uri) {
    const dataDir = path.resolve(process.env.DATA_DIR ?? '.data', 'db');
    const sock = path.join(dataDir, 'sock', 'ferretdb.sock');
    if (fs.existsSync(sock) && (await answers(`mongodb://${encodeURIComponent(sock)}/`))) {
      throw new Error(`the embedded database in ${dataDir} is running: stop the server first`);
    }
    const { startEmbeddedDb } = await import('../server/src/platform/embeddedDb');
    const embedded = await startEmbeddedDb({ dataDir, log: say });
    uri = embedded.uri;
    stop = () => embedded.stop();
  }
  const client = await MongoClient.connect(uri, { serverSelectionTimeoutMS: 10_000 });
  try {
    const db = client.db(dbName);
    if (!force && (await serverSeemsRunning(db))) {
      throw new Error('a Gongzhi server used this database in the last 3 minutes: stop every instance, wait, and run again (--force skips this check)');
    }
    const counts = await migrateIds(db);
    for (const [name, c] of Object.entries(counts))
      say(`${dbName}.${name}: ${c.migrated} rows moved to string ids${c.conflicts ? `, ${c.conflicts} CONFLICTS left as they were` : ''}`);
    if (Object.values(counts).some((c) => c.conflicts > 0)) process.exitCode = 1;
  } finally {
    await client.close();
    await stop?.();
  }
}

async function answers(uri: string): Promise<boolean> {
  const c = new MongoClient(uri, { serverSelectionTimeoutMS: 1000 });
  try {
    await c.connect();
    await c.db('admin').command({ ping: 1 });
    return true;
  } catch {
    return false;
  } finally {
    await c.close().catch(() => undefined);
  }
}

if (require.main === module) {
  main().catch((e: unknown) => {
    say(`failed: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 2;
  });
}
