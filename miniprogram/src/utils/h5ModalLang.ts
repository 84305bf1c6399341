import Taro from '@tarojs/taro';
import { getSettings, t } from '../i18n';

/**
 * Taro's H5 modal draws 取消/确定 itself: in Tibetan, give every modal Tibetan buttons unless the caller chose words.
 * (WeChat's native modal limits the buttons to 4 Chinese characters, so this stays H5 only.)
 */
export function localizeH5Modals() {
  const original = Taro.showModal;
  const patched = ((options: Taro.showModal.Option = {}) =>
    getSettings().lang === 'bo'
      ? original({ confirmText: t('common.confirm'), cancelText: t('common.cancel'), ...options })
      : original(options)) as typeof Taro.showModal;
  (Taro as unknown as { showModal: typeof Taro.showModal }).showModal = patched;
}
