import { Picker } from '@tarojs/components';
import type { ComponentProps } from 'react';
import { useI18n } from '../../i18n';

/** Taro's Picker with its H5 取消/确定 in the reader's language (WeChat draws its own native buttons). */
export default function LangPicker(props: ComponentProps<typeof Picker>) {
  const { t, lang } = useI18n();
  // Always an object: Taro's H5 picker fails to render when textProps is undefined.
  const textProps = lang === 'bo' ? { okText: t('common.confirm'), cancelText: t('common.cancel') } : { okText: '确定', cancelText: '取消' };
  return <Picker {...props} textProps={textProps} />;
}
