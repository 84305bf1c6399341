import type { Context } from 'koa';

/** One file of a multipart request, as @koa/multer (memory storage) leaves it on `ctx.request.files`. */
export interface UploadedFile {
  fieldname: string;
  originalname: string;
  buffer: Buffer;
  mimetype?: string;
  size?: number;
}

/** The files of a multipart request (multer gives an array, or an object of arrays per field). */
export function uploadedFiles(ctx: Context): UploadedFile[] {
  const raw = (ctx.request as { files?: unknown }).files ?? (ctx as { files?: unknown }).files;
  if (Array.isArray(raw)) return raw as UploadedFile[];
  return raw && typeof raw === 'object' ? Object.values(raw as Record<string, UploadedFile[]>).flat() : [];
}
