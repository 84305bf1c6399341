import { z } from 'zod';
import { defineRoute } from './route';
import { dbReady } from '../db';
import { serviceUnavailable } from '../errors';

const Health = z.object({ status: z.literal('ok') });
const Ready = z.object({ status: z.literal('ready') });

export const platformRoutes = [
  defineRoute({
    method: 'get', path: '/healthz', summary: '进程存活检查', tags: ['platform'], auth: 'none', response: Health,
    handler: async () => ({ status: 'ok' as const }),
  }),
  defineRoute({
    method: 'get', path: '/readyz', summary: '就绪检查（数据库可达、索引已建）', tags: ['platform'], auth: 'none', response: Ready,
    handler: async () => {
      const r = await dbReady();
      if (!r.ok) throw serviceUnavailable(r.reason, '服务尚未就绪：数据库不可用或索引未建好');
      return { status: 'ready' as const };
    },
  }),
];
