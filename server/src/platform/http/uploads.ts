import type { Context } from 'koa';
import { badRequest } from '../errors';
import { type FileKind, type FilePurpose, storeUpload } from '../files';

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

/** Stores every file of a multipart request (field name free), type-checked from the bytes. */
export async function storeRequestFiles(ctx: Context, ownerId: string, purpose: FilePurpose, allowed: FileKind[], max = 9) {
  const files = uploadedFiles(ctx);
  if (files.length === 0) throw badRequest('FILE_MISSING', '请选择要上传的文件');
  if (files.length > max) throw badRequest('TOO_MANY_FILES', `一次最多上传 ${max} 个文件`);
  const out = [];
  for (const f of files) out.push(await storeUpload({ buffer: f.buffer, filename: f.originalname, allowed, ownerId, purpose }));
  return { files: out };
}
