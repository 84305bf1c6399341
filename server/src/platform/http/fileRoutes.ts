import { z } from 'zod';
import { defineRoute } from './route';
import { notFound } from '../errors';
import { canReadFile } from '../fileAccess';
import { fileInfo, openFileStream } from '../files';

export const fileRoutes = [
  defineRoute({
    method: 'get', path: '/api/files/:id', summary: '下载附件', tags: ['files'], auth: 'user',
    params: z.object({ id: z.string().regex(/^[0-9a-f]{24}$/) }), produces: 'application/octet-stream',
    handler: async ({ params, ctx, user }) => {
      const info = await fileInfo(params.id);
      // The same 404 as an unknown id: a file id from elsewhere must not confirm that the file exists.
      if (!(await canReadFile(user, params.id, info.ownerId))) throw notFound('FILE_NOT_FOUND', '文件不存在');
      ctx.type = info.contentType;
      ctx.set('Content-Disposition', `inline; filename*=UTF-8''${encodeURIComponent(info.filename)}`);
      ctx.set('X-Content-Type-Options', 'nosniff');
      ctx.body = openFileStream(params.id);
      return undefined;
    },
  }),
];
