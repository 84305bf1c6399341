import Taro from '@tarojs/taro';
import { ApiError, buildUrl, refreshAccessToken, type Query } from '../../services/api';
import { authHeader, parseBody as parse, uploadFile } from '../../services/uploads';

/**
 * A file the person picked: a path Taro.uploadFile understands (weapp temp path; H5 blob URL, for previews) and
 * its name. On H5 also the File itself: Taro's H5 uploadFile re-reads the blob URL with XHR, which the server's
 * CSP (connect-src without blob:) blocks — and that XHR has no error handler, so it would hang. We post the File.
 */
export interface PickedFile {
  path: string;
  name: string;
  size?: number;
  blob?: Blob;
}

export { uploadFile };

/** Photos from the album or camera (Taro.chooseImage works on both weapp and H5). */
export async function chooseImages(count: number): Promise<PickedFile[]> {
  const r = await Taro.chooseImage({ count, sizeType: ['compressed'], sourceType: ['album', 'camera'] });
  return r.tempFiles.map((f, i) => {
    const original = (f as { originalFileObj?: File }).originalFileObj;
    return { path: f.path, name: original?.name ?? `photo-${Date.now()}-${i}.jpg`, size: f.size, blob: original };
  });
}

/** A spreadsheet: weapp picks from a chat (chooseMessageFile); H5 has no such API, so a plain file input. */
export function chooseDocument(extensions: string[]): Promise<PickedFile | null> {
  if (process.env.TARO_ENV !== 'h5') {
    return Taro.chooseMessageFile({ count: 1, type: 'file', extension: extensions }).then(
      (r) => (r.tempFiles[0] ? { path: r.tempFiles[0].path, name: r.tempFiles[0].name, size: r.tempFiles[0].size } : null),
      () => null,
    );
  }
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = extensions.map((e) => `.${e}`).join(',');
    input.style.display = 'none';
    input.addEventListener('change', () => {
      const f = input.files?.[0];
      input.remove();
      resolve(f ? { path: URL.createObjectURL(f), name: f.name, size: f.size, blob: f } : null);
    });
    document.body.appendChild(input);
    input.click();
  });
}

/**
 * Downloads an authenticated file (XLSX exports, the roster template). H5: fetch with the token and save through a
 * temporary link; weapp: downloadFile, then open it in WeChat's document viewer (share/save from its menu).
 */
export async function downloadFile(path: string, filename: string, query?: Query): Promise<void> {
  const url = buildUrl(path, query);
  if (process.env.TARO_ENV === 'h5') {
    let res = await fetch(url, { headers: authHeader() });
    if (res.status === 401 && (await refreshAccessToken())) res = await fetch(url, { headers: authHeader() });
    if (!res.ok) {
      const body = parse(await res.text()) as { error?: { code: string; message: string } };
      throw new ApiError(res.status, body?.error?.code ?? `HTTP_${res.status}`, body?.error?.message ?? `下载失败（${res.status}）`);
    }
    const blobUrl = URL.createObjectURL(await res.blob());
    const a = document.createElement('a');
    a.href = blobUrl;
    a.download = filename;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(blobUrl), 30_000);
    return;
  }
  const r = await Taro.downloadFile({ url, header: authHeader() });
  if (r.statusCode !== 200) throw new ApiError(r.statusCode, `HTTP_${r.statusCode}`, `下载失败（${r.statusCode}）`);
  await Taro.openDocument({ filePath: r.tempFilePath, fileType: 'xlsx', showMenu: true });
}

/** URL of a stored file for <Image>: H5 images cannot send headers, so protected files are fetched to blob URLs. */
export async function fileBlobUrl(fileId: string): Promise<string> {
  const url = buildUrl(`/api/files/${fileId}`);
  if (process.env.TARO_ENV === 'h5') {
    const res = await fetch(url, { headers: authHeader() });
    if (!res.ok) throw new ApiError(res.status, `HTTP_${res.status}`, '图片加载失败');
    return URL.createObjectURL(await res.blob());
  }
  const r = await Taro.downloadFile({ url, header: authHeader() });
  return r.tempFilePath;
}
