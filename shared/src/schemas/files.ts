import { z } from 'zod';

/**
 * A stored file's id: a random 128-bit token (32 hex). Files stored before the tokens had 24-hex ObjectIds, which
 * stay readable and may be kept on the objects that already show them. Every request field naming files uses this
 * schema, so the server can find them all (tests/api/hardening.files.test.ts walks the schemas for it).
 */
export const FileId = z.string().regex(/^(?:[0-9a-f]{32}|[0-9a-f]{24})$/, '文件编号格式不正确');
export type FileId = z.infer<typeof FileId>;
