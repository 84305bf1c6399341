import { View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useEffect, type ReactNode } from 'react';
import { syncTabBar, useI18n, useSettings, type MessageKey } from '../../i18n';
import AppHeader from '../AppHeader';
import FirstRun from '../FirstRun';
import '../common.scss';

interface Props {
  titleKey: MessageKey;
  /** Tab pages relabel the native tab bar for the chosen language. */
  tab?: boolean;
  className?: string;
  children: ReactNode;
}

/** Page root: applies large-text and language classes, and keeps the title (and tab bar) in the chosen language. */
export default function PageShell({ titleKey, tab, className, children }: Props) {
  const { t, lang, largeText } = useI18n();
  const { firstRun } = useSettings();
  const title = t(titleKey);
  useEffect(() => {
    Taro.setNavigationBarTitle({ title }).catch(() => undefined);
  }, [title]);
  useDidShow(() => {
    if (tab) syncTabBar();
  });
  useEffect(() => {
    if (tab) syncTabBar();
  }, [tab, lang]);
  const classes = ['page', `lang-${lang}`, largeText ? 'large-text' : '', className ?? ''].filter(Boolean).join(' ');
  // A new device answers language and text size first, whatever page it opened.
  return (
    <View className={classes}>
      {firstRun ? (
        <FirstRun />
      ) : (
        <>
          <AppHeader tab={tab} />
          {children}
        </>
      )}
    </View>
  );
}
