import type { DevUsersResponse, MeResponse, TokenResponse } from '@gongzhi/shared';
import Taro from '@tarojs/taro';
import type { z } from 'zod';
import { getSettings } from '../i18n';
import { api } from './api';
import { connectRealtime, disconnectRealtime } from './realtime';
import { clearSession, getRefreshToken, hasAcceptedPrivacy, saveSessionUser, saveTokens } from './session';

export type LoginResult = z.infer<typeof TokenResponse>;
export type DevUser = z.infer<typeof DevUsersResponse>['users'][number];
export type Me = z.infer<typeof MeResponse>;

async function finish(res: LoginResult) {
  saveTokens(res);
  saveSessionUser({ id: res.user.id, displayName: res.user.displayName });
  connectRealtime();
  await syncProfile().catch(() => undefined); // best effort: the login itself succeeded
}

/**
 * Records on the server what the resident already agreed to on this device (privacy guide, in the version the
 * server asks for) and the language they chose, so notices reach them in it.
 */
async function syncProfile() {
  const me = await api.get<Me>('/api/me');
  if (me.privacy.needsAgreement && hasAcceptedPrivacy()) {
    await api.post('/api/me/privacy', { version: me.privacy.currentVersion });
  }
  const { lang } = getSettings();
  if (me.lang !== lang) await api.patch('/api/me', { lang });
}

/** weapp: wx.login code → POST /api/auth/wechat; the server trades it with WeChat for the openid. */
export async function loginWithWechat(): Promise<void> {
  const { code } = await Taro.login();
  await finish(await api.post<LoginResult>('/api/auth/wechat', { code }, { anonymous: true }));
}

/** H5 / development only (server started with DEV_LOGIN=true): seeded users to pick from. */
export async function fetchDevUsers(): Promise<DevUser[]> {
  return (await api.get<z.infer<typeof DevUsersResponse>>('/api/auth/dev-users', undefined, { anonymous: true })).users;
}

export async function devLogin(userId: string): Promise<void> {
  await finish(await api.post<LoginResult>('/api/auth/dev-login', { userId }, { anonymous: true }));
}

/** Tell the server to revoke this device's tokens, but log out locally even when it cannot be reached. */
export async function logout() {
  const refreshToken = getRefreshToken();
  disconnectRealtime();
  if (refreshToken) await api.post('/api/auth/logout', { refreshToken }, { timeoutMs: 5000 }).catch(() => undefined);
  clearSession();
}

/** Keep the server's language preference in step with the switch on 我的 (when logged in). */
export function saveLangPreference(lang: 'zh' | 'bo') {
  api.patch('/api/me', { lang }).catch(() => undefined);
}
