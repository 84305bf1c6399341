import mongoose from 'mongoose';
import { randomBytes } from 'node:crypto';
import { GridFSBucket, ObjectId, type GridFSFile } from 'mongodb';
import { fromBuffer } from 'file-type';
import { AppError, notFound } from './errors';
import { checkImageHeader } from './imageLimits';

export type FileKind = 'image' | 'pdf';
/** What an upload is for; a write may only name files uploaded for its own purpose (platform/fileRefs.ts). */
export type FilePurpose =
  'consultation_image' | 'paper_ballot' | 'proxy_document' | 'notice_attachment' | 'objection_photo' | 'project_file' | 'rating_photo' | 'audio_clip';
const KIND_TYPES: Record<FileKind, string[]> = {
  image: ['image/jpeg', 'image/png', 'image/webp', 'image/gif'],
  pdf: ['application/pdf'],
};
const DEFAULT_MAX = 10 * 1024 * 1024;

type GridDb = ConstructorParameters<typeof GridFSBucket>[0];
/** GridFS types every `_id` as an ObjectId; ours are 32-hex strings (older files: ObjectIds). */
const gridId = (id: string | ObjectId) => id as ObjectId;

function bucket() {
  const db = mongoose.connection.db;
  if (!db) throw new AppError(503, 'DB_UNAVAILABLE', '数据库暂时不可用，请稍后重试');
  // mongoose bundles its own copy of the driver: same wire protocol, different type identity.
  return new GridFSBucket(db as unknown as GridDb, { bucketName: 'files' });
}

/** New ids are random 128-bit tokens; ids of files stored before them are ObjectIds. */
export const FILE_ID_RE = /^(?:[0-9a-f]{32}|[0-9a-f]{24})$/;
const storedId = (id: string): string | ObjectId => (id.length === 24 ? new ObjectId(id) : id);

export interface StoredFile {
  fileId: string;
  filename: string;
  size: number;
  contentType: string;
  ownerId: string | null;
  purpose: string | null;
}

/** Stores an upload in GridFS after checking its type from its bytes, never from its name. */
export async function storeUpload(opts: { buffer: Buffer; filename: string; allowed: FileKind[]; purpose: FilePurpose; maxBytes?: number; ownerId: string }) {
  const max = opts.maxBytes ?? DEFAULT_MAX;
  if (opts.buffer.length > max) throw new AppError(413, 'FILE_TOO_LARGE', `文件超过大小限制（最大 ${Math.floor(max / 1024 / 1024)}MB）`);
  if (opts.buffer.length === 0) throw new AppError(400, 'FILE_EMPTY', '文件为空');
  const detected = await fromBuffer(opts.buffer);
  const allowed = opts.allowed.flatMap((k) => KIND_TYPES[k]);
  if (!detected || !allowed.includes(detected.mime)) {
    throw new AppError(415, 'FILE_TYPE_NOT_ALLOWED', '文件类型不被允许（仅支持图片或 PDF）', { detected: detected?.mime ?? 'unknown' });
  }
  if (detected.mime.startsWith('image/')) checkImageHeader(opts.buffer);
  // Path separators and control characters become '_' (a name is shown and sent back in Content-Disposition).
  const filename =
    Array.from(opts.filename, (c) => (c < ' ' || c === '/' || c === '\\' ? '_' : c))
      .join('')
      .slice(0, 120) || `file.${detected.ext}`;
  const id = newFileId();
  await putFile(id, opts.buffer, filename, { contentType: detected.mime, ownerId: opts.ownerId, purpose: opts.purpose });
  return { fileId: id, contentType: detected.mime, size: opts.buffer.length, filename };
}

/** A new file id: a random 128-bit token (32 hex). */
export const newFileId = () => randomBytes(16).toString('hex');

export interface FileMetadata {
  contentType: string;
  ownerId: string;
  purpose: FilePurpose;
  [extra: string]: string | number;
}
/** Writes bytes the caller has already checked (type, size) into the one file store that GET /api/files/:id serves. */
export async function putFile(id: string, buffer: Buffer, filename: string, metadata: FileMetadata): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const up = bucket().openUploadStreamWithId(gridId(id), filename, { metadata });
    up.on('error', reject).on('finish', () => resolve());
    up.end(buffer);
  });
}

const toInfo = (f: GridFSFile): StoredFile => ({
  fileId: String(f._id),
  filename: f.filename,
  size: f.length,
  contentType: f.metadata?.contentType ?? 'application/octet-stream',
  ownerId: (f.metadata?.ownerId as string | undefined) ?? null,
  purpose: (f.metadata?.purpose as string | undefined) ?? null,
});

/** The stored files among `ids` (unknown or malformed ids are simply absent). */
export async function filesByIds(ids: string[]): Promise<Map<string, StoredFile>> {
  const valid = ids.filter((i) => FILE_ID_RE.test(i));
  if (valid.length === 0) return new Map();
  const found = await bucket()
    .find({ _id: { $in: valid.map((i) => gridId(storedId(i))) } })
    .toArray();
  return new Map(found.map((f) => [String(f._id), toInfo(f)]));
}

/** The stored files among `ids` uploaded for `purpose`, with their metadata (a voice clip's duration, say). */
export async function filesOfPurpose(ids: string[], purpose: FilePurpose): Promise<Map<string, StoredFile & { metadata: Record<string, unknown> }>> {
  const valid = ids.filter((i) => FILE_ID_RE.test(i));
  if (valid.length === 0) return new Map();
  const found = await bucket()
    .find({ _id: { $in: valid.map((i) => gridId(storedId(i))) }, 'metadata.purpose': purpose })
    .toArray();
  return new Map(found.map((f) => [String(f._id), { ...toInfo(f), metadata: (f.metadata ?? {}) as Record<string, unknown> }]));
}

export async function fileInfo(id: string): Promise<StoredFile> {
  const f = (await filesByIds([id])).get(id);
  if (!f) throw notFound('FILE_NOT_FOUND', '文件不存在');
  return f;
}

export function openFileStream(id: string) {
  return bucket().openDownloadStream(gridId(storedId(id)));
}
