import Taro from '@tarojs/taro';
import { api } from './api';
import { connectRealtime, disconnectRealtime } from './realtime';
import { clearSession, saveSessionUser, saveTokens, type SessionUser } from './session';

/** What the identity endpoints answer (wechat, dev-login): tokens plus, optionally, the user. */
export interface LoginResult {
  accessToken: string;
  refreshToken?: string;
  user?: SessionUser;
}

export interface DevUser {
  id: string;
  name?: string;
  displayName?: string;
  role?: string;
  description?: string;
}

function finish(res: LoginResult) {
  saveTokens(res);
  saveSessionUser(res.user);
  connectRealtime();
}

/** weapp: wx.login code → POST /api/auth/wechat; the server trades it with WeChat for the openid. */
export async function loginWithWechat(): Promise<void> {
  const { code } = await Taro.login();
  finish(await api.post<LoginResult>('/api/auth/wechat', { code }, { anonymous: true }));
}

/** H5 / development only: the server lists seeded users when dev login is enabled. */
export async function fetchDevUsers(): Promise<DevUser[]> {
  const res = await api.get<DevUser[] | { users?: DevUser[]; items?: DevUser[] }>('/api/auth/dev-users', undefined, {
    anonymous: true,
  });
  return Array.isArray(res) ? res : res.users ?? res.items ?? [];
}

export async function devLogin(userId: string): Promise<void> {
  finish(await api.post<LoginResult>('/api/auth/dev-login', { userId }, { anonymous: true }));
}

export function logout() {
  disconnectRealtime();
  clearSession();
}
