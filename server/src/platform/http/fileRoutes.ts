import { z } from 'zod';
import { defineRoute } from './route';
import { fileInfo, openFileStream } from '../files';

export const fileRoutes = [
  defineRoute({
    method: 'get', path: '/api/files/:id', summary: '下载附件', tags: ['files'], auth: 'user',
    params: z.object({ id: z.string().regex(/^[0-9a-f]{24}$/) }), produces: 'application/octet-stream',
    handler: async ({ params, ctx }) => {
      const info = await fileInfo(params.id);
      ctx.type = info.contentType;
      ctx.set('Content-Disposition', `inline; filename*=UTF-8''${encodeURIComponent(info.filename)}`);
      ctx.set('X-Content-Type-Options', 'nosniff');
      ctx.body = openFileStream(params.id);
      return undefined;
    },
  }),
];
