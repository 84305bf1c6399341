import type { Context } from 'koa';
import { badRequest } from '../../platform/errors';
import { storeUpload, type FileKind } from '../../platform/files';
import { rateLimit } from '../../platform/rateLimit';
import { uploadedFiles } from '../../platform/http/uploads';

/** Attachments: images up to 5 MB, PDFs up to 8 MB; objection photos: images up to 5 MB. Type from the bytes. */
export const UPLOAD_RULES = {
  notice_attachment: { allowed: ['image', 'pdf'] as FileKind[], imageMax: 5 * 1024 * 1024, pdfMax: 8 * 1024 * 1024 },
  objection_photo: { allowed: ['image'] as FileKind[], imageMax: 5 * 1024 * 1024, pdfMax: 0 },
};
export type UploadPurpose = keyof typeof UPLOAD_RULES;

const isPdf = (b: Buffer) => b.subarray(0, 5).toString('latin1') === '%PDF-';
/** busboy hands over a raw UTF-8 filename decoded as latin1; names that already hold wider characters are left alone. */
const utf8Name = (n: string) => (/^[^\u0100-\uffff]*$/.test(n) ? Buffer.from(n, 'latin1').toString('utf8') : n);

/** Stores the one file of a multipart request in GridFS, tagged with its owner and purpose. */
export async function uploadFile(ctx: Context, ownerId: string, purpose: UploadPurpose) {
  await rateLimit(`notice-upload:${ownerId}`, 30, 600, '上传过于频繁，请稍后再试');
  const files = uploadedFiles(ctx);
  if (files.length !== 1) throw badRequest('UPLOAD_ONE_FILE', '请每次上传一个文件（字段名 file）');
  const f = files[0];
  const rule = UPLOAD_RULES[purpose];
  // PDFs may be larger than pictures; the sniff here only picks the limit, storeUpload decides the type.
  const maxBytes = rule.allowed.includes('pdf') && isPdf(f.buffer) ? rule.pdfMax : rule.imageMax;
  const stored = await storeUpload({ buffer: f.buffer, filename: utf8Name(f.originalname), allowed: rule.allowed, maxBytes, ownerId, purpose });
  return { ...stored, url: `/api/files/${stored.fileId}` };
}
