import fs from 'node:fs';

/** jest globalTeardown: stop the database globalSetup started and remove its throwaway data. */
export default async function globalTeardown(): Promise<void> {
  const started = globalThis.__GZ_EMBEDDED_DB__;
  if (!started) return;
  globalThis.__GZ_EMBEDDED_DB__ = undefined;
  await started.db.stop();
  delete process.env.MONGODB_URI;
  fs.rmSync(started.dataDir, { recursive: true, force: true });
}
