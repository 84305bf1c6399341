import Taro from '@tarojs/taro';
import { useSyncExternalStore } from 'react';

/** Tokens and the signed-in user live in Taro storage so a restart keeps the session. */
const ACCESS = 'gz.accessToken';
const REFRESH = 'gz.refreshToken';
const USER = 'gz.user';
const PRIVACY = 'gz.privacyAcceptedAt';

export interface SessionUser {
  id: string;
  displayName: string;
}

type Listener = () => void;
const listeners = new Set<Listener>();

function read<T>(key: string): T | undefined {
  try {
    const v = Taro.getStorageSync(key);
    return v === '' || v === null ? undefined : (v as T);
  } catch {
    return undefined;
  }
}

export const getAccessToken = () => read<string>(ACCESS);
export const getRefreshToken = () => read<string>(REFRESH);
export const getSessionUser = () => read<SessionUser>(USER);

export function saveTokens(tokens: { accessToken: string; refreshToken?: string }) {
  Taro.setStorageSync(ACCESS, tokens.accessToken);
  if (tokens.refreshToken) Taro.setStorageSync(REFRESH, tokens.refreshToken);
  listeners.forEach((l) => l());
}

export function saveSessionUser(user: SessionUser | undefined) {
  if (user) Taro.setStorageSync(USER, user);
  else Taro.removeStorageSync(USER);
  listeners.forEach((l) => l());
}

export function clearSession() {
  [ACCESS, REFRESH, USER].forEach((k) => Taro.removeStorageSync(k));
  listeners.forEach((l) => l());
}

export function onSessionChange(l: Listener): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

/** WeChat requires an explicit privacy consent before any personal data is collected. */
export const hasAcceptedPrivacy = () => Boolean(read<number>(PRIVACY));
export const acceptPrivacy = () => Taro.setStorageSync(PRIVACY, Date.now());

export interface SessionSnapshot {
  loggedIn: boolean;
  user: SessionUser | undefined;
}

let snapshot: SessionSnapshot | null = null;
onSessionChange(() => {
  snapshot = null;
});
function getSnapshot(): SessionSnapshot {
  snapshot ??= { loggedIn: Boolean(getAccessToken()), user: getSessionUser() };
  return snapshot;
}

/** Re-renders on login/logout. */
export function useSession(): SessionSnapshot {
  return useSyncExternalStore(onSessionChange, getSnapshot, getSnapshot);
}
