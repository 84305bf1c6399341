import { getSettings, t } from '../i18n';

/**
 * Button words for Taro.showModal: Taro's H5 modal draws 取消/确定 itself, so Tibetan readers get Tibetan buttons.
 * (Taro rewrites `Taro.showModal` into a direct import on H5, so this is passed per call, not patched globally;
 * WeChat's native modal limits buttons to 4 Chinese characters, so it stays H5 only.)
 */
export function modalButtons(confirmKey: Parameters<typeof t>[0] = 'common.confirm'): { confirmText?: string; cancelText?: string } {
  if (process.env.TARO_ENV !== 'h5' || getSettings().lang !== 'bo') return {};
  return { confirmText: t(confirmKey), cancelText: t('common.cancel') };
}
