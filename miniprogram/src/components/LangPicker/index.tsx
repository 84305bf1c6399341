import { Picker } from '@tarojs/components';
import type { ComponentProps } from 'react';
import { useI18n } from '../../i18n';

/** Taro's Picker with its H5 取消/确定 in the reader's language (WeChat draws its own native buttons). */
export default function LangPicker(props: ComponentProps<typeof Picker>) {
  const { t, lang } = useI18n();
  // Chinese keeps Taro's own 取消/确定; Tibetan gets its words.
  return <Picker {...props} textProps={lang === 'bo' ? { okText: t('common.confirm'), cancelText: t('common.cancel') } : undefined} />;
}
