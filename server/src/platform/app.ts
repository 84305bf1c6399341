import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Config } from './config';
import { corsOrigins } from './config';
import { createLogger, setLogger, logger as currentLogger } from './logger';
import { configureAuth } from './http/auth';
import { connectDb, disconnectDb } from './db';
import { allRoutes } from './http/registry';
import type { AnyRoute } from './http/route';
import { createHttpApp } from './http/app';
import { requestsInFlight } from './foreground';
import { attachRealtime, closeRealtime } from './realtime';
import { closeWorkers } from './workerPool';
import { startJobs, stopJobs, registerPeriodicJob, purgeJobHistory } from './jobs';
import { purgeRateCounters } from './rateLimit';
import { configureWechat } from './wechatInstance';

const VERSION = '0.1.0';

export interface Running {
  server: http.Server;
  url: string;
  port: number;
  stop(): Promise<void>;
}

/**
 * Wires config → logger → database → HTTP + socket.io → jobs, and returns a handle that stops in reverse order.
 * The domains' routes come from the composition root (server/src/app.ts): the platform imports no domain.
 */
export async function startPlatform(config: Config, mongoUri: string, domainRoutes: AnyRoute[]): Promise<Running> {
  const logger = createLogger(config.LOG_LEVEL);
  setLogger(logger);
  configureAuth({ secret: config.JWT_SECRET, ttlSeconds: config.ACCESS_TOKEN_TTL });
  configureWechat(config);

  const routes = allRoutes(config, domainRoutes); // the domains' modules are loaded, so every model is registered before the indexes below
  await connectDb(mongoUri, config.MONGODB_DB, { slowMs: config.DB_SLOW_MS });

  const { app } = createHttpApp({ config, logger, routes, h5Dir: config.H5_DIR, version: VERSION });
  const server = http.createServer(app.callback());
  server.keepAliveTimeout = 5000;
  await attachRealtime(server, { redisUrl: config.REDIS_URL, corsOrigins: corsOrigins(config) });

  registerPeriodicJob('purge-rate-counters', 60_000, purgeRateCounters);
  registerPeriodicJob('purge-job-history', 3600_000, purgeJobHistory);
  if (config.JOBS) startJobs();

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.PORT, config.HOST, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const host = config.HOST === '0.0.0.0' ? 'localhost' : config.HOST;
  const url = `http://${host}:${port}`;

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      // Stop accepting, let in-flight requests finish (bounded by the grace period), then close the rest.
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const deadline = Date.now() + config.SHUTDOWN_GRACE_MS;
      while (requestsInFlight() > 0 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 25));
        server.closeIdleConnections();
      }
      server.closeAllConnections();
      await closeRealtime();
      await closeWorkers();
      await stopJobs();
      await closed;
      await disconnectDb();
      currentLogger.info('stopped');
    })());
  return { server, url, port, stop };
}
