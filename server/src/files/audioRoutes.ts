import { AudioUpload } from '@gongzhi/shared';
import { defineRoute } from '../platform/http/route';
import { badRequest, forbidden } from '../platform/errors';
import { rateLimit } from '../platform/rateLimit';
import { storeAudio } from './audioStore';

export const routes = [
  defineRoute({
    method: 'post',
    path: '/api/audio',
    tags: ['files'],
    auth: 'user',
    multipart: true,
    idempotent: true,
    status: 201,
    response: AudioUpload,
    summary: '上传语音朗读（字段名 file；MP3/M4A/OGG/WebM/WAV，≤2MB，≤120 秒，类型与时长按文件内容判断）',
    handler: async ({ user, ctx }) => {
      // Only staff write notices and votes; a resident has no use for this upload.
      if (user.grants.length === 0) throw forbidden('FORBIDDEN', '只有工作人员可以上传录音');
      await rateLimit(`audio-upload:${user.id}`, 30, 600, '上传过于频繁，请稍后再试');
      const files = (ctx.request as { files?: { buffer: Buffer }[] }).files ?? [];
      if (files.length !== 1) throw badRequest('UPLOAD_ONE_FILE', '请每次上传一个文件（字段名 file）');
      return storeAudio(files[0].buffer, user.id);
    },
  }),
];
