import Taro from '@tarojs/taro';
import type { MessageKey } from '../i18n/zh';
import { ApiError, buildUrl, newIdempotencyKey, refreshAccessToken, type Query } from './api';
import { getAccessToken } from './session';

/**
 * Photos for the resident forms: pick from the album or camera, check count and size before anything is sent, and
 * post one file per request as multipart field `file`. The staff sub-package uploads through the same `uploadFile`
 * (a sub-package may import from the main package, not the other way round).
 */
export interface PickedPhoto {
  /** weapp: temp file path; H5: blob: URL (also used for the thumbnail). */
  path: string;
  name: string;
  size: number;
  /** H5 only: the File. Taro's H5 uploadFile re-reads the blob URL with an XHR that the server's CSP blocks. */
  blob?: Blob;
}

export const PHOTO_MAX_BYTES = 5 * 1024 * 1024; // the server's limit for objection and rating photos

/**
 * Which of the newly picked photos can be added: no more than `room` (free places left), none over `maxBytes`,
 * only pictures. Returns the ones kept and the first problem to tell the person (an i18n key), if any.
 */
export function acceptPhotos(picked: PickedPhoto[], room: number, maxBytes = PHOTO_MAX_BYTES): { kept: PickedPhoto[]; problem: MessageKey | null } {
  let problem: MessageKey | null = null;
  const fitting = picked.filter((p) => {
    // weapp's chooser returns pictures only; on H5 the browser's file dialog can be switched to "all files".
    // The server takes JPEG, PNG, WebP and GIF (checked from the bytes); HEIC and others are refused up front.
    const isImage = p.blob?.type ? /^image\/(jpeg|png|webp|gif)$/.test(p.blob.type) : true;
    if (!isImage) problem ??= 'photo.err.type';
    else if (p.size > maxBytes) problem ??= 'photo.err.tooLarge';
    return isImage && p.size <= maxBytes;
  });
  if (fitting.length > room) problem ??= 'photo.err.tooMany';
  return { kept: fitting.slice(0, Math.max(0, room)), problem };
}

/** Photos from the album or camera; an empty list when the person backs out of the chooser. */
export async function choosePhotos(count: number): Promise<PickedPhoto[]> {
  try {
    const r = await Taro.chooseImage({ count: Math.max(1, count), sizeType: ['compressed'], sourceType: ['album', 'camera'] });
    return r.tempFiles.map((f, i) => {
      const original = (f as { originalFileObj?: File }).originalFileObj;
      return { path: f.path, name: original?.name ?? `photo-${Date.now()}-${i}.jpg`, size: f.size, blob: original };
    });
  } catch {
    return []; // cancelled
  }
}

export const authHeader = (): Record<string, string> => {
  const token = getAccessToken();
  return token ? { Authorization: `Bearer ${token}` } : {};
};

export function parseBody(data: unknown): unknown {
  if (typeof data !== 'string') return data;
  try {
    return JSON.parse(data);
  } catch {
    return data;
  }
}

const networkError = () => new ApiError(0, 'NETWORK_ERROR', '网络连接失败，请检查网络后重试');

/** What any upload needs: a path Taro.uploadFile understands, a name, and on H5 the File itself (see PickedPhoto). */
export interface UploadSource {
  path: string;
  name: string;
  blob?: Blob;
}

/**
 * multipart POST of one file (plus text fields) with the bearer token, one token refresh on 401, and the server's
 * Chinese error message in the ApiError (the same contract as services/api.ts, which only speaks JSON). Used by
 * the resident forms and, from the staff sub-package, by the workbench.
 */
export async function uploadFile<T>(
  path: string,
  file: UploadSource,
  opts: { field?: string; formData?: Record<string, string>; query?: Query; idempotencyKey?: string } = {},
): Promise<T> {
  const url = buildUrl(path, opts.query);
  const header = () => ({ ...authHeader(), ...(opts.idempotencyKey ? { 'Idempotency-Key': opts.idempotencyKey } : {}) });
  const send = async (): Promise<{ statusCode: number; data: unknown }> => {
    try {
      if (process.env.TARO_ENV === 'h5' && file.blob) {
        const form = new FormData();
        Object.entries(opts.formData ?? {}).forEach(([k, v]) => form.append(k, v));
        form.append(opts.field ?? 'file', file.blob, file.name);
        const res = await fetch(url, { method: 'POST', body: form, headers: header() });
        return { statusCode: res.status, data: await res.text() };
      }
      return await Taro.uploadFile({
        url,
        filePath: file.path,
        name: opts.field ?? 'file',
        fileName: file.name,
        formData: opts.formData ?? {},
        header: header(),
        timeout: 60_000,
      } as Taro.uploadFile.Option);
    } catch {
      throw networkError();
    }
  };
  let res = await send();
  if (res.statusCode === 401 && (await refreshAccessToken())) res = await send();
  const body = parseBody(res.data) as { error?: { code: string; message: string; details?: unknown } } | null;
  if (res.statusCode >= 200 && res.statusCode < 300) return body as T;
  if (body && typeof body === 'object' && body.error) throw new ApiError(res.statusCode, body.error.code, body.error.message, body.error.details);
  if (res.statusCode === 413) throw new ApiError(413, 'PAYLOAD_TOO_LARGE', '文件太大了，请换一个小一些的文件');
  throw new ApiError(res.statusCode, `HTTP_${res.statusCode}`, `上传失败（${res.statusCode}），请稍后重试`);
}

/** One photo of a resident form, with its text fields; one Idempotency-Key per upload (the server replays a retry). */
export const uploadPhoto = <T>(path: string, file: PickedPhoto, fields: Record<string, string> = {}, key: string = newIdempotencyKey()) =>
  uploadFile<T>(path, file, { formData: fields, idempotencyKey: key });
