import { z } from 'zod';
import { defineRoute } from './route';
import { dbReady } from '../db';
import { stillWarming } from '../warmup';
import { serviceUnavailable } from '../errors';
import { userText } from '@gongzhi/shared';

const Health = z.object({ status: z.literal('ok') });
const Ready = z.object({
  status: z.literal('ready'),
  /** Caches still loading in the background (platform/warmup.ts); requests are served meanwhile. */
  warming: z.array(z.string()),
});

export const platformRoutes = [
  defineRoute({
    method: 'get',
    path: '/healthz',
    summary: '进程存活检查',
    tags: ['platform'],
    auth: 'none',
    response: Health,
    handler: async () => ({ status: 'ok' as const }),
  }),
  defineRoute({
    method: 'get',
    path: '/readyz',
    summary: '就绪检查（数据库可达、索引已建）',
    tags: ['platform'],
    auth: 'none',
    response: Ready,
    handler: async () => {
      const r = await dbReady();
      if (!r.ok) throw serviceUnavailable(r.reason, '服务尚未就绪：数据库不可用或索引未建好');
      return { status: 'ready' as const, warming: stillWarming() };
    },
  }),
];

/** Only with NODE_ENV=test: a deliberately slow request, to prove graceful shutdown lets it finish. */
export const testOnlyRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/test/slow',
    summary: '（仅测试）慢请求',
    tags: ['platform'],
    auth: 'none',
    query: z.object({ ms: z.coerce.number().int().min(0).max(10000) }),
    response: z.object({ sleptMs: z.number() }),
    handler: async ({ query }) => {
      await new Promise((r) => setTimeout(r, query.ms));
      return { sleptMs: query.ms };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/test/echo',
    summary: '（仅测试）回显',
    tags: ['platform'],
    auth: 'none',
    body: z.object({ text: userText(100000) }),
    response: z.object({ length: z.number() }),
    handler: async ({ body }) => ({ length: body.text.length }),
  }),
];
