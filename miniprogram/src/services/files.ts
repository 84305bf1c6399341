import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { API_BASE, ApiError } from './api';
import { getAccessToken } from './session';

/**
 * Files (`GET /api/files/:id`) need the bearer token, which an <Image src> cannot send. So a file is downloaded once
 * with the header (weapp: a temp file path; H5: a blob: URL, allowed by the server's CSP) and the local path reused.
 */
const cache = new Map<string, Promise<string>>();

export const fileUrl = (fileId: string) => `${API_BASE}/api/files/${encodeURIComponent(fileId)}`;

export function localFile(fileId: string): Promise<string> {
  let p = cache.get(fileId);
  if (!p) {
    const token = getAccessToken();
    p = Taro.downloadFile({ url: fileUrl(fileId), header: token ? { Authorization: `Bearer ${token}` } : {} }).then((res) => {
      if (res.statusCode !== 200) throw new ApiError(res.statusCode, 'FILE_DOWNLOAD_FAILED', '附件下载失败，请稍后重试');
      return res.tempFilePath;
    });
    // A failure must not stick: the next attempt downloads again.
    p.catch(() => cache.delete(fileId));
    cache.set(fileId, p);
  }
  return p;
}

/** The local path of an image, or undefined while it downloads (or when it failed). */
export function useFileSrc(fileId: string | undefined | null): { src?: string; failed: boolean } {
  const [state, setState] = useState<{ src?: string; failed: boolean }>({ failed: false });
  useEffect(() => {
    if (!fileId) return undefined;
    let live = true;
    setState({ failed: false });
    localFile(fileId).then(
      (src) => live && setState({ src, failed: false }),
      () => live && setState({ failed: true }),
    );
    return () => {
      live = false;
    };
  }, [fileId]);
  return state;
}

/** Full-screen preview of one image among several (all downloaded first). */
export async function previewImages(fileIds: string[], current: string) {
  const urls = await Promise.all(fileIds.map(localFile));
  await Taro.previewImage({ urls, current: urls[Math.max(0, fileIds.indexOf(current))] });
}

/** Opens a PDF: WeChat's document viewer on weapp, a new browser tab on H5. */
export async function openPdf(fileId: string) {
  const path = await localFile(fileId);
  if (process.env.TARO_ENV === 'h5') {
    window.open(path, '_blank', 'noopener');
    return;
  }
  await Taro.openDocument({ filePath: path, fileType: 'pdf', showMenu: true });
}
