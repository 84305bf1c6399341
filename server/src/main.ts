import path from 'node:path';
import { loadConfig, ConfigError } from './platform/config';
import { startGongzhi } from './app';
import { logger } from './platform/logger';

/** Process entry: config → database (given or embedded) → server → demo data → signals. */
async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\n`);
      process.exit(1);
    }
    throw e;
  }
  let uri = config.MONGODB_URI;
  let embedded: { stop(): Promise<void> } | undefined;
  if (!uri) {
    const { startEmbeddedDb } = await import('./platform/embeddedDb');
    const dataDir = path.resolve(config.DATA_DIR, 'db');
    const db = await startEmbeddedDb({ dataDir, log: (m: string) => logger.info(m) });
    embedded = db;
    uri = db.uri;
    process.stdout.write(`数据库 database: embedded ${db.kind} at ${db.uri}, data in ${db.dataDir}\n`);
  } else {
    process.stdout.write(`数据库 database: ${uri.replace(/\/\/[^@/]*@/, '//***@')}\n`);
  }
  const running = await startGongzhi(config, uri as string);
  if (config.SEED_DEMO) {
    const { seedDemo } = await import('./demo/seed');
    await seedDemo();
  }
  process.stdout.write(`共治 Gongzhi is running at ${running.url}  (H5 app: ${running.url}/ , API docs: ${running.url}/api/docs)\n`);

  let shuttingDown = false;
  const shutdown = async (signal: string) => {
    if (shuttingDown) return;
    shuttingDown = true;
    logger.info({ signal }, 'shutting down');
    try {
      await running.stop();
      await embedded?.stop();
      process.exit(0);
    } catch (err) {
      logger.error({ err }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((err) => {
  process.stderr.write(`启动失败 failed to start: ${err?.stack ?? err}\n`);
  process.exit(1);
});
