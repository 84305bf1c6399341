import Taro from '@tarojs/taro';
import { useSyncExternalStore } from 'react';
import { bo } from './bo';
import { audioBo } from './audio.bo';
import { audioZh, type AudioKey } from './audio.zh';
import { elderBo } from './elder.bo';
import { elderZh, type ElderKey } from './elder.zh';
import { staffBo } from './staff.bo';
import { staffZh, type StaffKey } from './staff.zh';
import { zh, type MessageKey as BaseKey } from './zh';

// Staff workbench strings (pages-staff) live in their own files and join the one lookup here.
export type MessageKey = BaseKey | StaffKey | ElderKey | AudioKey;
export type Lang = 'zh' | 'bo';
export const LANGS: { value: Lang; label: string }[] = [
  { value: 'zh', label: '中文' },
  { value: 'bo', label: 'བོད་ཡིག' },
];

const LANG_KEY = 'gz.lang';
const LARGE_KEY = 'gz.largeText';
const dictionaries: Record<Lang, Record<MessageKey, string>> = {
  zh: { ...zh, ...staffZh, ...elderZh, ...audioZh },
  bo: { ...bo, ...staffBo, ...elderBo, ...audioBo },
};

export interface Settings {
  lang: Lang;
  largeText: boolean;
  /** No language ever chosen on this device: PageShell asks language and text size before anything else. */
  firstRun: boolean;
}

function load(): Settings {
  try {
    const lang = Taro.getStorageSync(LANG_KEY);
    return { lang: lang === 'bo' ? 'bo' : 'zh', largeText: Taro.getStorageSync(LARGE_KEY) === true, firstRun: !lang };
  } catch {
    return { lang: 'zh', largeText: false, firstRun: false };
  }
}

// A tiny external store, so every page and non-React code (tab bar, titles) read the same settings.
let settings: Settings = load();
const listeners = new Set<() => void>();

function update(patch: Partial<Settings>) {
  settings = { ...settings, ...patch };
  listeners.forEach((l) => l());
}

export const getSettings = () => settings;

export function subscribeSettings(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

export function setLang(lang: Lang) {
  Taro.setStorageSync(LANG_KEY, lang);
  update({ lang });
  syncTabBar();
}

/** The first-run questions are answered: store the language (even the default) so they are not asked again. */
export function finishSetup() {
  Taro.setStorageSync(LANG_KEY, settings.lang);
  update({ firstRun: false });
}

export function setLargeText(largeText: boolean) {
  Taro.setStorageSync(LARGE_KEY, largeText);
  update({ largeText });
}

/** Translate `key`, filling `{name}` placeholders from `vars`. */
export function t(key: MessageKey, vars?: Record<string, string | number>, lang: Lang = settings.lang): string {
  const text = dictionaries[lang][key] ?? dictionaries.zh[key] ?? key;
  return vars ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m)) : text;
}

export function useSettings(): Settings {
  return useSyncExternalStore(subscribeSettings, getSettings, getSettings);
}

/** `const { t, lang } = useI18n()` re-renders the component when the language changes. */
export function useI18n() {
  const { lang, largeText } = useSettings();
  return {
    lang,
    largeText,
    t: (key: MessageKey, vars?: Record<string, string | number>) => t(key, vars, lang),
  };
}

const TAB_KEYS: MessageKey[] = ['tab.home', 'tab.consultations', 'tab.projects', 'tab.me'];

/** The native tab bar is declared in Chinese (app.config.ts); relabel it for the chosen language. */
export function syncTabBar() {
  TAB_KEYS.forEach((key, index) => {
    Taro.setTabBarItem({ index, text: t(key) }).catch(() => {
      // Not on a tab page right now; the next tab page to show will sync again.
    });
  });
}
