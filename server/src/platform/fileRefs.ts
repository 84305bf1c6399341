import mongoose, { Schema } from 'mongoose';
import type { AuthUser } from './http/route';
import { unprocessable } from './errors';
import { filesByIds, type FilePurpose, type StoredFile } from './files';
import { isDuplicateKey } from './store';

/*
 * The one seam for writes that name stored files. A file id in a request is usable only if
 *  - the writer uploaded it, for this purpose, and no object shows it yet, or
 *  - the object being written already shows it (the domain has checked that the writer manages that object).
 * Attaching is a unique insert keyed by the file id (atomic on MongoDB and FerretDB alike), so two objects can never
 * both claim one upload, and an id seen elsewhere (a 委托书, another complex's photo) is refused with 422.
 */

const AttachmentSchema = new Schema({ _id: String, object: String, purpose: String, by: String, at: Date }, { versionKey: false });
const FileAttachment = mongoose.models.FileAttachment ?? mongoose.model('FileAttachment', AttachmentSchema, 'file_attachments');

export interface AttachSpec {
  /** Upload purposes this field accepts. */
  purposes: FilePurpose[];
  /** The object and field that will show the files, e.g. `consultation-option:<id>`; one field, one key. */
  object: string;
  /** Ids the object shows now (files stored before attachments were recorded are kept on their objects). */
  shown?: string[];
  /** The refusal's code where a domain's clients already know one (notices: ATTACHMENT_NOT_FOUND). */
  code?: string;
}

const refused = (fileIds: string[], code = 'FILE_NOT_USABLE') =>
  unprocessable(code, '引用的文件不存在、不是您为此用途上传的，或已在别处使用，请重新上传', { fileIds });

/** Checks and claims `fileIds` for `spec.object`; returns the files in request order. Throws 422 naming the refused ids. */
export async function attachFiles(user: AuthUser, spec: AttachSpec, fileIds: readonly string[] | null | undefined): Promise<StoredFile[]> {
  const ids = [...new Set(fileIds ?? [])];
  if (ids.length === 0) return [];
  const [files, existing] = await Promise.all([
    filesByIds(ids),
    FileAttachment.find({ _id: { $in: ids } }).lean() as Promise<{ _id: string; object: string }[]>,
  ]);
  const attachedTo = new Map(existing.map((a) => [a._id, a.object]));
  const shown = new Set(spec.shown ?? []);
  const ours = (id: string) => shown.has(id) || attachedTo.get(id) === spec.object;
  const bad = ids.filter((id) => {
    const f = files.get(id);
    if (!f) return true;
    if (ours(id)) return false;
    return attachedTo.has(id) || f.ownerId !== user.id || !spec.purposes.includes(f.purpose as FilePurpose);
  });
  if (bad.length > 0) throw refused(bad, spec.code);

  const claimed: string[] = [];
  for (const id of ids.filter((i) => !attachedTo.has(i))) {
    // a file shown before attachments were recorded gets its record now
    try {
      await FileAttachment.create({ _id: id, object: spec.object, purpose: files.get(id)!.purpose, by: user.id, at: new Date() });
      claimed.push(id);
    } catch (e) {
      if (!isDuplicateKey(e)) throw e;
      const winner = (await FileAttachment.findById(id).lean()) as { object?: string } | null;
      if (winner?.object === spec.object) continue;
      await FileAttachment.deleteMany({ _id: { $in: claimed }, object: spec.object });
      throw refused([id], spec.code);
    }
  }
  return ids.map((id) => files.get(id)!);
}

/** Attaches a file stored within the same request (paper-ballot photo, 委托书): it is the writer's by construction. */
export async function attachFresh(user: AuthUser, object: string, fileId: string, purpose: FilePurpose) {
  await attachFiles(user, { object, purposes: [purpose] }, [fileId]);
}

/** Undoes a claim when the write that made it failed, so the upload can be used again. */
export async function releaseFiles(object: string, fileIds: readonly string[]) {
  if (fileIds.length > 0) await FileAttachment.deleteMany({ _id: { $in: [...fileIds] }, object });
}
