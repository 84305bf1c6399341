import type { Context } from 'koa';
import { badRequest } from '../platform/errors';

export interface Upload {
  buffer: Buffer;
  originalname: string;
  fieldname: string;
}

/** The uploaded file of a multipart route (field `file` preferred), with its name decoded as UTF-8. */
export function uploadedFile(ctx: Context, field = 'file'): Upload | undefined {
  const raw = (ctx.request as unknown as { files?: unknown }).files ?? (ctx as unknown as { files?: unknown }).files;
  const list: Upload[] = Array.isArray(raw) ? raw : raw && typeof raw === 'object' ? Object.values(raw as Record<string, Upload[]>).flat() : [];
  const f = list.find((x) => x.fieldname === field) ?? list[0];
  if (!f) return undefined;
  // busboy hands multipart filenames over as latin1: turn UTF-8 bytes back into text.
  const decoded = Buffer.from(f.originalname, 'latin1').toString('utf8');
  return { ...f, originalname: decoded.includes('\uFFFD') ? f.originalname : decoded };
}

export function requireFile(ctx: Context, field = 'file'): Upload {
  const f = uploadedFile(ctx, field);
  if (!f) throw badRequest('FILE_REQUIRED', '请选择要上传的文件');
  return f;
}
