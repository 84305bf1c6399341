import { imageSize } from 'image-size';
import { AppError } from './errors';

/**
 * A picture is judged by its header before anyone decodes it: a few KB of PNG may claim 60000×60000 pixels and
 * take gigabytes to open in a browser or thumbnailer. Phone photos are about 12–50 megapixels.
 */
export const IMAGE_MAX_SIDE = 12_000;
export const IMAGE_MAX_PIXELS = 60_000_000;

export function checkImageHeader(buffer: Buffer): void {
  let size: { width?: number; height?: number };
  try {
    size = imageSize(buffer);
  } catch {
    throw new AppError(415, 'IMAGE_UNREADABLE', '图片无法识别，请换一张图片');
  }
  const w = size.width ?? 0;
  const h = size.height ?? 0;
  if (w <= 0 || h <= 0) throw new AppError(415, 'IMAGE_UNREADABLE', '图片无法识别，请换一张图片');
  if (w > IMAGE_MAX_SIDE || h > IMAGE_MAX_SIDE || w * h > IMAGE_MAX_PIXELS) {
    throw new AppError(413, 'IMAGE_TOO_LARGE', `图片尺寸过大（最大 ${IMAGE_MAX_SIDE}×${IMAGE_MAX_SIDE} 像素）`, { width: w, height: h });
  }
}
