import { z } from 'zod';
import { defineRoute } from './route';
import { forbidden, notFound } from '../errors';
import { canReadFile } from '../fileAccess';
import { FILE_ID_RE, fileInfo, openFileStream } from '../files';
import { storeUpload } from '../files';
import { badRequest } from '../errors';
import { rateLimit } from '../rateLimit';
import { uploadedFiles } from './uploads';

const StoredFileView = z.object({ fileId: z.string(), filename: z.string(), contentType: z.string(), size: z.number().int() });

export const fileRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/files/:id',
    summary: '下载附件',
    tags: ['files'],
    auth: 'user',
    params: z.object({ id: z.string().regex(FILE_ID_RE) }),
    produces: 'application/octet-stream',
    handler: async ({ params, ctx, user }) => {
      const info = await fileInfo(params.id);
      // The same 404 as an unknown id: a file id from elsewhere must not confirm that the file exists.
      if (!(await canReadFile(user, params.id, info.ownerId))) throw notFound('FILE_NOT_FOUND', '文件不存在');
      ctx.type = info.contentType;
      // Pictures show inline; anything else (PDF: scripts, /OpenAction) is downloaded, never rendered on our origin.
      const inline = info.contentType.startsWith('image/') && info.contentType !== 'image/svg+xml';
      ctx.set('Content-Disposition', `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(info.filename)}`);
      ctx.set('X-Content-Type-Options', 'nosniff');
      ctx.set('Content-Security-Policy', "default-src 'none'; sandbox");
      ctx.body = openFileStream(params.id);
      return undefined;
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/files/consultation-images',
    summary: '上传表决选项图片（字段名 file）',
    tags: ['files'],
    auth: 'user',
    multipart: true,
    status: 201,
    response: StoredFileView,
    idempotent: true,
    handler: async ({ user, ctx }) => {
      // Only convenors write options; a resident has no use for this upload.
      if (user.grants.length === 0) throw forbidden('FORBIDDEN', '只有工作人员可以上传选项图片');
      await rateLimit(`consultation-image:${user.id}`, 60, 600, '上传过于频繁，请稍后再试');
      const files = uploadedFiles(ctx);
      if (files.length !== 1) throw badRequest('UPLOAD_ONE_FILE', '请每次上传一个文件（字段名 file）');
      const f = files[0];
      const stored = await storeUpload({
        buffer: f.buffer,
        filename: f.originalname,
        allowed: ['image'],
        maxBytes: 5 * 1024 * 1024,
        ownerId: user.id,
        purpose: 'consultation_image',
      });
      return stored;
    },
  }),
];
