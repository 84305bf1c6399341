import type { Context } from 'koa';
import { badRequest } from '../platform/errors';
import { type FileKind, type FilePurpose, storeUpload } from '../platform/files';
import { uploadedFiles } from '../platform/http/uploads';

/** Stores every file of a multipart request (field name free), type-checked from the bytes. */
export async function storeRequestFiles(ctx: Context, ownerId: string, purpose: FilePurpose, allowed: FileKind[], max = 9) {
  const files = uploadedFiles(ctx);
  if (files.length === 0) throw badRequest('FILE_MISSING', '请选择要上传的文件');
  if (files.length > max) throw badRequest('TOO_MANY_FILES', `一次最多上传 ${max} 个文件`);
  const out = [];
  for (const f of files) out.push(await storeUpload({ buffer: f.buffer, filename: f.originalname, allowed, ownerId, purpose }));
  return { files: out };
}
