import { randomBytes } from 'node:crypto';
import { notFound } from '../platform/errors';
import { identitySettings } from './settings';

/**
 * Development only (DEV_LOGIN=true, refused in production by config): the H5 build has no WeChat to hand out a
 * phone code, so this stands in for it — a one-time code (5 minutes, for this user) meaning "the verified phone is the
 * roster phone of the dwelling's first owner". Dev login already lets anyone be anyone: this discloses nothing new.
 * In-process only: codes never reach WeChat.
 */
const codes = new Map<string, { userId: string; phoneHash: string; expiresAt: number }>();
export const DEV_PHONE_PREFIX = 'dev_';

/** `firstOwner` reads the dwelling (null: no such dwelling); it lives in the roster, which identity does not import here. */
export async function issueDevPhoneCode(userId: string, firstOwner: () => Promise<{ phoneHash?: string } | null>): Promise<{ code: string }> {
  if (!identitySettings().devLogin) throw notFound('NOT_FOUND', '接口不存在');
  const owner = await firstOwner();
  if (!owner) throw notFound('DWELLING_NOT_FOUND', '房屋不存在');
  const now = Date.now();
  for (const [k, v] of codes) if (v.expiresAt < now) codes.delete(k);
  const code = `${DEV_PHONE_PREFIX}${randomBytes(16).toString('hex')}`;
  codes.set(code, { userId, phoneHash: owner.phoneHash ?? 'none', expiresAt: now + 5 * 60_000 });
  return { code };
}

/** The phone HMAC a dev code stands for (one use, same user, unexpired), or null. */
export function takeDevPhoneCode(userId: string, code: string): string | null {
  if (!identitySettings().devLogin) return null;
  const rec = codes.get(code);
  codes.delete(code);
  return rec && rec.userId === userId && rec.expiresAt >= Date.now() ? rec.phoneHash : null;
}
