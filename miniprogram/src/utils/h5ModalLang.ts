import { getSettings } from '../i18n';

// Taro.showModal refuses button words longer than 4 Chinese characters (H5 counts every character from U+0391 up,
// Tibetan included, as two units of 8; WeChat has the same limit), so the Tibetan words are short ones:
// ཆོག "all right" and འདོར "drop".
const BO = { confirmText: 'ཆོག', cancelText: 'འདོར' };

/**
 * Button words for Taro.showModal in the reader's language: Tibetan readers get Tibetan buttons (the default is
 * 取消/确定). Taro rewrites `Taro.showModal` into a direct import on H5, so this is passed per call.
 */
export function modalButtons(): { confirmText?: string; cancelText?: string } {
  return getSettings().lang === 'bo' ? { ...BO } : {};
}

/** A caller's own Chinese confirm word (e.g. 结束) for Chinese readers, the short Tibetan pair otherwise. */
export const modalButtonsWith = (confirmZh: string) => (getSettings().lang === 'bo' ? { ...BO } : { confirmText: confirmZh });
