import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import { startEmbeddedDb, resolveRepoRoot, type EmbeddedDb } from '../../server/src/platform/embeddedDb';

// The launcher `npm run setup:db` builds carries the `_id` index patch (docs/ferretdb.md): `{_id}` lookups use the
// `_id_` index instead of scanning. Results must be the same as stock FerretDB's; only the plan differs.
const launcher = path.join(resolveRepoRoot(), '.tools/ferretdb/ferretdb-launcher');
const build = fs.existsSync(launcher) ? execFileSync(launcher, ['-version'], { encoding: 'utf8' }).trim() : '';
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gz-idindex-test-'));
let db: EmbeddedDb;
let conn: mongoose.Connection;

beforeAll(async () => {
  db = await startEmbeddedDb({ dataDir });
  conn = await mongoose.createConnection(db.uri, { dbName: 'gz_idindex', autoIndex: false, retryWrites: false }).asPromise();
}, 10 * 60_000);

afterAll(async () => {
  await conn?.close();
  await db?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

// Without the launcher (no Go) the embedded DB is something else, and there is no build to check.
const withLauncher = build ? describe : describe.skip;

withLauncher(`FerretDB launcher build: ${build}`, () => {
  it('is the patched build unless GONGZHI_FERRETDB_STOCK=1 asked for stock', () => {
    expect(db.kind).toBe('ferretdb');
    expect(build).toBe(process.env.GONGZHI_FERRETDB_STOCK === '1' ? 'ferretdb 1.24.2 (stock)' : 'ferretdb 1.24.2 (+_id index patch, update batch fix)');
  });

  it('answers _id lookups, updates and deletes exactly as before, through the index when patched', async () => {
    const votes = conn.db!.collection<{ _id: string | mongoose.mongo.ObjectId; k: number; n: number }>('votes');
    await votes.createIndex({ k: 1 }, { unique: true });
    const oid = new mongoose.mongo.ObjectId();
    await votes.insertMany([
      { _id: oid, k: 1, n: 0 },
      { _id: 'c1:d1', k: 2, n: 0 },
      { _id: 'c1:d2', k: 3, n: 0 },
    ]);

    expect(await votes.findOne({ _id: 'c1:d1' })).toEqual({ _id: 'c1:d1', k: 2, n: 0 });
    expect(await votes.findOne({ _id: oid })).toEqual({ _id: oid, k: 1, n: 0 });
    expect(await votes.findOne({ _id: 'c1:d9' })).toBeNull();
    expect((await votes.updateOne({ _id: 'c1:d2' }, { $inc: { n: 2 } })).modifiedCount).toBe(1);
    expect((await votes.updateMany({ k: { $gte: 2 } }, { $inc: { n: 1 } })).modifiedCount).toBe(2);
    await expect(votes.insertOne({ _id: 'c1:d1', k: 9, n: 0 })).rejects.toMatchObject({ code: 11000 });
    expect((await votes.deleteOne({ _id: 'c1:d1' })).deletedCount).toBe(1);
    expect(await votes.find({}).sort({ k: 1 }).toArray()).toEqual([
      { _id: oid, k: 1, n: 0 },
      { _id: 'c1:d2', k: 3, n: 3 },
    ]);

    // FerretDB's explain carries SQLite's query plan.
    const plan = JSON.stringify(await votes.find({ _id: 'c1:d2' }).explain());
    if (build.includes('_id index patch')) expect(plan).toMatch(/SEARCH votes_\w+ USING INDEX votes_\w+__id_/);
    else expect(plan).toMatch(/SCAN votes_\w+/);
  });

  // Stock 1.24.2 keeps every statement's read cursor open until the whole `update` command ends; each holds a pooled
  // connection (SQLite 100, PostgreSQL 50), so a bulkWrite of that many updates waits for a connection forever and
  // the database stops answering anyone. The launcher closes each cursor after its statement.
  const patched = build.includes('update batch fix') ? it : it.skip;
  patched(
    'runs one update command of 150 statements, and the database still answers after it',
    async () => {
      const rows = conn.db!.collection<{ _id: number; n: number }>('batch');
      await rows.insertMany(Array.from({ length: 150 }, (_, i) => ({ _id: i, n: 0 })));
      const res = await rows.bulkWrite(
        Array.from({ length: 150 }, (_, i) => ({ updateOne: { filter: { _id: i }, update: { $set: { n: i + 1 } } } })),
        { ordered: false },
      );
      expect(res.modifiedCount).toBe(150);
      expect(await rows.findOne({ _id: 149 })).toEqual({ _id: 149, n: 150 });
      expect(await rows.countDocuments({ n: { $gt: 0 } })).toBe(150);
    },
    30_000,
  );
});
