import mongoose from 'mongoose';
import { GridFSBucket, ObjectId } from 'mongodb';
import { fromBuffer } from 'file-type';
import { AppError, notFound } from './errors';

export type FileKind = 'image' | 'pdf';
const KIND_TYPES: Record<FileKind, string[]> = {
  image: ['image/jpeg', 'image/png', 'image/webp', 'image/gif'],
  pdf: ['application/pdf'],
};
const DEFAULT_MAX = 10 * 1024 * 1024;

function bucket() {
  const db = mongoose.connection.db;
  if (!db) throw new AppError(503, 'DB_UNAVAILABLE', '数据库暂时不可用，请稍后重试');
  return new GridFSBucket(db as any, { bucketName: 'files' });
}

/** Stores an upload in GridFS after checking its type from its bytes, never from its name. */
export async function storeUpload(opts: { buffer: Buffer; filename: string; allowed: FileKind[]; maxBytes?: number; ownerId?: string }) {
  const max = opts.maxBytes ?? DEFAULT_MAX;
  if (opts.buffer.length > max) throw new AppError(413, 'FILE_TOO_LARGE', `文件超过大小限制（最大 ${Math.floor(max / 1024 / 1024)}MB）`);
  if (opts.buffer.length === 0) throw new AppError(400, 'FILE_EMPTY', '文件为空');
  const detected = await fromBuffer(opts.buffer);
  const allowed = opts.allowed.flatMap((k) => KIND_TYPES[k]);
  if (!detected || !allowed.includes(detected.mime)) {
    throw new AppError(415, 'FILE_TYPE_NOT_ALLOWED', '文件类型不被允许（仅支持图片或 PDF）', { detected: detected?.mime ?? 'unknown' });
  }
  const filename = opts.filename.replace(/[\\/\u0000-\u001f]/g, '_').slice(0, 120) || `file.${detected.ext}`;
  const id = new ObjectId();
  await new Promise<void>((resolve, reject) => {
    const up = bucket().openUploadStreamWithId(id, filename, { metadata: { contentType: detected.mime, ownerId: opts.ownerId } });
    up.on('error', reject).on('finish', () => resolve());
    up.end(opts.buffer);
  });
  return { fileId: id.toHexString(), contentType: detected.mime, size: opts.buffer.length, filename };
}

export async function fileInfo(id: string) {
  if (!ObjectId.isValid(id)) throw notFound('FILE_NOT_FOUND', '文件不存在');
  const [f] = await bucket().find({ _id: new ObjectId(id) }).toArray();
  if (!f) throw notFound('FILE_NOT_FOUND', '文件不存在');
  return { fileId: id, filename: f.filename, size: f.length, contentType: (f.metadata as any)?.contentType ?? 'application/octet-stream',
    ownerId: ((f.metadata as any)?.ownerId as string | undefined) ?? null };
}

export function openFileStream(id: string) {
  return bucket().openDownloadStream(new ObjectId(id));
}
