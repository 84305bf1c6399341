import Koa from 'koa';
import Router from '@koa/router';
import cors from '@koa/cors';
import { bodyParser } from '@koa/bodyparser';
import multer from '@koa/multer';
import helmet from 'koa-helmet';
import serve from 'koa-static';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../config';
import { corsOrigins } from '../config';
import type { Logger } from '../logger';
import { errorHandler } from './errorHandler';
import { countRequest } from '../foreground';
import { dbAvailable, databaseLost } from '../db';
import { AppError, serviceUnavailable, thrownLike, unauthorized } from '../errors';
import { jsonGuard } from './jsonGuard';
import { authenticate } from './auth';
import { toMiddleware, type AnyRoute } from './route';
import { buildOpenApi } from './openapi';
import { docsRoutes } from './docs';

export interface HttpAppOptions {
  config: Config;
  logger: Logger;
  routes: AnyRoute[];
  h5Dir?: string;
  version: string;
}

export function createHttpApp({ config, logger, routes, h5Dir, version }: HttpAppOptions) {
  // X-Forwarded-For is believed only from the configured number of proxy hops: ctx.ip is then the client's address.
  const app = new Koa({ proxy: config.TRUST_PROXY > 0, maxIpsCount: config.TRUST_PROXY });
  // What Koa itself catches (a response stream that failed after the status was sent) goes to our log, not stderr.
  // A client that went away mid-response (a page closed while a file streamed) is routine, not an error.
  app.on('error', (err: unknown, ctx?: { state?: { log?: typeof logger } }) => {
    const code = String((err as { code?: unknown })?.code ?? '');
    const log = ctx?.state?.log ?? logger;
    if (['ERR_STREAM_PREMATURE_CLOSE', 'ECONNRESET', 'EPIPE', 'ECONNABORTED'].includes(code)) log.debug({ code }, 'client went away mid-response');
    else log.error({ err }, 'response failed after it started');
  });
  const allowed = corsOrigins(config);
  // WebSockets only to ourselves and the configured origins (ws/wss of each), never to any host.
  const sockets = allowed.flatMap((o) => [o, o.replace(/^http/, 'ws')]);

  app.use(async (ctx, next) => {
    const incoming = ctx.get('x-request-id');
    const reqId = /^[A-Za-z0-9-]{8,64}$/.test(incoming) ? incoming : randomUUID();
    ctx.state.reqId = reqId;
    ctx.state.log = logger.child({ reqId });
    ctx.set('X-Request-Id', reqId);
    const start = process.hrtime.bigint();
    try {
      await countRequest(next);
    } finally {
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      ctx.state.log.info({ method: ctx.method, path: ctx.path, status: ctx.status, ms: Math.round(ms * 10) / 10 }, 'request');
    }
  });
  app.use(errorHandler);
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:', 'blob:'],
          fontSrc: ["'self'", 'data:'],
          mediaSrc: ["'self'", 'blob:'], // voice clips play from blob: URLs (downloaded with the token)
          connectSrc: ["'self'", ...sockets, 'blob:'], // Taro H5 uploads re-read files from blob: URLs
        },
      },
      crossOriginEmbedderPolicy: false,
    }),
  );
  app.use(
    cors({
      origin: (ctx) => {
        const o = ctx.get('origin');
        return allowed.includes(o) ? o : '';
      },
      allowHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'X-Request-Id'],
      exposeHeaders: ['X-Request-Id', 'Retry-After', 'Content-Disposition'],
    }),
  );
  app.use(async (ctx, next) => {
    // Fail fast while the database is away; docs and the OpenAPI document need no database.
    if (!dbAvailable() && ctx.path.startsWith('/api/') && !ctx.path.startsWith('/api/docs') && ctx.path !== '/api/openapi.json') {
      throw serviceUnavailable();
    }
    if (!ctx.path.startsWith('/api/')) return next();
    const work = next();
    work.catch(() => undefined); // if the database is lost first, this request has been answered already
    await Promise.race([
      work,
      databaseLost().catch(() => {
        throw serviceUnavailable();
      }),
    ]);
  });
  app.use(bodyParser({ enableTypes: ['json'], jsonLimit: config.BODY_LIMIT, encoding: 'utf-8' }));
  app.use(jsonGuard);

  const upload = multer({ storage: multer.memoryStorage(), limits: { fileSize: config.UPLOAD_LIMIT_MB * 1024 * 1024, files: 9, fields: 50 } });
  const parseUpload = upload.any();
  // Parse multipart before the handler, so a malformed upload is the client's 400, never the server's 500.
  const multipart = (auth: AnyRoute['auth']) => async (ctx: Koa.Context, next: Koa.Next) => {
    if (auth === 'user' && !ctx.state.user) throw unauthorized(); // don't read uploads from strangers
    if (!ctx.is('multipart')) throw new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', '请使用 multipart/form-data 上传文件');
    try {
      await parseUpload(ctx as unknown as Parameters<typeof parseUpload>[0], async () => undefined);
    } catch (e) {
      if (thrownLike(e).name === 'MulterError' || e instanceof AppError) throw e;
      throw new AppError(400, 'UPLOAD_INVALID', '上传内容格式不正确');
    }
    await next();
  };
  const router = new Router();
  for (const r of routes) {
    const mw = toMiddleware(r);
    if (r.multipart) router[r.method](r.path, authenticate, multipart(r.auth), mw);
    else router[r.method](r.path, authenticate, mw);
  }
  const openapi = buildOpenApi(routes, version);
  router.get('/api/openapi.json', (ctx) => {
    ctx.body = openapi;
  });
  docsRoutes(router);
  app.use(router.routes());
  // A method no route implements (TRACE …) or one a path does not allow: 405 in the one error shape, not a bare 501.
  const notAllowed = () => new AppError(405, 'METHOD_NOT_ALLOWED', '不支持该请求方法');
  app.use(router.allowedMethods({ throw: true, notImplemented: notAllowed, methodNotAllowed: notAllowed }));

  const dir = h5Dir && path.resolve(h5Dir);
  if (dir && fs.existsSync(path.join(dir, 'index.html'))) {
    app.use(async (ctx, next) => {
      if (ctx.path.startsWith('/api/')) return next();
      return serve(dir, { maxage: 0, gzip: false })(ctx, next);
    });
  }
  return { app, openapi };
}
