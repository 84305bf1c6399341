import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedDb, type EmbeddedDb } from '../../server/src/platform/embeddedDb';

declare global {
  var __GZ_EMBEDDED_DB__: { db: EmbeddedDb; dataDir: string } | undefined;
}

/**
 * jest globalSetup: without MONGODB_URI / TEST_MONGODB_URI, start FerretDB (or a fallback) on a throwaway data dir
 * (EMBEDDED_DB_ENGINE=postgresql: FerretDB on a private PostgreSQL).
 * Env vars set here reach the test workers; the handle stays on globalThis for globalTeardown.
 */
export default async function globalSetup(): Promise<void> {
  // TEST_MONGODB_URI: run the suites against any MongoDB 6+ / FerretDB server (each test file uses its own database).
  if (process.env.TEST_MONGODB_URI) process.env.MONGODB_URI = process.env.TEST_MONGODB_URI;
  if (process.env.MONGODB_URI) return;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gz-test-db-'));
  const verbose = !!process.env.TEST_DB_VERBOSE;
  const db = await startEmbeddedDb({
    dataDir,
    log: (m) => {
      if (verbose || /fail|not built|Go is not|building|built/i.test(m)) process.stderr.write(`[test db] ${m}\n`);
    },
  });
  process.env.MONGODB_URI = db.uri;
  process.env.GZ_TEST_DB_KIND = db.kind;
  globalThis.__GZ_EMBEDDED_DB__ = { db, dataDir };
}
