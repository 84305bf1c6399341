import { createHash, randomBytes } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { Types } from 'mongoose';
import { unauthorized } from '../platform/errors';
import { setAuthResolver } from '../platform/http/auth';
import type { AuthUser } from '../platform/http/route';
import { audit } from './audit';
import { RefreshToken, Session, User } from './model';
import { identitySettings } from './settings';

let jwtSecret = 'unset';
export function configureTokens(secret: string) {
  jwtSecret = secret;
}

const hashToken = (t: string) => createHash('sha256').update(t).digest('hex');
const newRefreshToken = () => `rt_${randomBytes(32).toString('base64url')}`;

/**
 * Same claims as the platform's signAccessToken (typ 'access', sub, HS256, same secret) plus `sid`, the session:
 * the auth resolver rejects tokens of a revoked session, so logout and reuse detection take effect at once.
 */
function signAccess(userId: string, sid: string) {
  return jwt.sign({ typ: 'access', sid }, jwtSecret, { algorithm: 'HS256', subject: userId, expiresIn: identitySettings().accessTtl });
}

async function mintRefresh(userId: Types.ObjectId, sessionId: Types.ObjectId, expiresAt: Date) {
  const token = newRefreshToken();
  await RefreshToken.create({ hash: hashToken(token), sessionId, userId, status: 'active', expiresAt });
  return token;
}

export interface IssuedTokens { accessToken: string; refreshToken: string; expiresIn: number; refreshExpiresIn: number }

/** Starts a new session (refresh-token family) for the user. */
export async function issueTokens(user: { _id: Types.ObjectId } | { id: string }): Promise<IssuedTokens> {
  const userId = new Types.ObjectId('_id' in user ? user._id : user.id);
  const { refreshTtl, accessTtl } = identitySettings();
  const expiresAt = new Date(Date.now() + refreshTtl * 1000);
  const session = await Session.create({ userId, status: 'active', expiresAt });
  const refreshToken = await mintRefresh(userId, session._id, expiresAt);
  return { accessToken: signAccess(userId.toHexString(), session._id.toHexString()), refreshToken, expiresIn: accessTtl, refreshExpiresIn: refreshTtl };
}

async function revokeFamily(sessionId: Types.ObjectId, reason: 'logout' | 'reuse' | 'admin') {
  await Session.updateOne({ _id: sessionId, status: 'active' }, { $set: { status: 'revoked', revokedReason: reason } });
  await RefreshToken.updateMany({ sessionId, status: { $ne: 'revoked' } }, { $set: { status: 'revoked' } });
}

/**
 * Rotation: the presented token becomes 'rotated' (single atomic update) and a new one is issued in the same
 * family. Presenting a rotated token again means it was copied: the whole family is revoked.
 */
export async function rotateRefreshToken(token: string): Promise<IssuedTokens & { userId: string }> {
  const hash = hashToken(token);
  const now = new Date();
  const used = await RefreshToken.findOneAndUpdate(
    { hash, status: 'active', expiresAt: { $gt: now } },
    { $set: { status: 'rotated', rotatedAt: now } },
    { returnDocument: 'after' },
  ).lean();
  if (!used) {
    const known = await RefreshToken.findOne({ hash }).lean();
    if (!known) throw unauthorized('REFRESH_INVALID', '登录凭证无效，请重新登录');
    if (known.status === 'rotated') {
      await revokeFamily(known.sessionId, 'reuse');
      await audit({ actorId: String(known.userId), action: 'auth.refresh_reuse', target: { type: 'session', id: String(known.sessionId) } });
      throw unauthorized('REFRESH_REUSED', '登录凭证已被使用过，为安全起见已退出登录，请重新登录');
    }
    if (known.status === 'revoked') throw unauthorized('REFRESH_REVOKED', '已退出登录，请重新登录');
    throw unauthorized('REFRESH_EXPIRED', '登录已过期，请重新登录');
  }
  const session = await Session.findById(used.sessionId).lean();
  if (!session || session.status !== 'active') throw unauthorized('REFRESH_REVOKED', '已退出登录，请重新登录');
  const user = await User.findById(used.userId).select('disabled').lean();
  if (!user || user.disabled) throw unauthorized('TOKEN_INVALID', '账号不存在或已停用');
  const { accessTtl, refreshTtl } = identitySettings();
  const refreshToken = await mintRefresh(used.userId, used.sessionId, session.expiresAt);
  return {
    userId: String(used.userId),
    accessToken: signAccess(String(used.userId), String(used.sessionId)),
    refreshToken, expiresIn: accessTtl,
    refreshExpiresIn: Math.max(0, Math.round((session.expiresAt.getTime() - now.getTime()) / 1000)) || refreshTtl,
  };
}

/** Logout: revokes the family of the presented refresh token (unknown tokens are ignored: logout is idempotent). */
export async function revokeByRefreshToken(token: string, callerId?: string): Promise<void> {
  const known = await RefreshToken.findOne({ hash: hashToken(token) }).lean();
  if (!known) return;
  if (callerId && String(known.userId) !== callerId) return; // someone else's token: do nothing, reveal nothing
  await revokeFamily(known.sessionId, 'logout');
}

/** Grants come from the database on every request, so a revoked grant or session takes effect at once. */
export function installAuthResolver() {
  setAuthResolver(async (claims): Promise<AuthUser | null> => {
    if (!Types.ObjectId.isValid(claims.sub)) return null;
    const sid = (claims as { sid?: unknown }).sid;
    const [user, session] = await Promise.all([
      User.findById(claims.sub).select('grants disabled').lean(),
      typeof sid === 'string' && Types.ObjectId.isValid(sid) ? Session.findById(sid).select('status').lean() : Promise.resolve(null),
    ]);
    if (!user || user.disabled) return null;
    if (sid !== undefined && session?.status !== 'active') throw unauthorized('TOKEN_REVOKED', '已退出登录，请重新登录');
    return { id: String(user._id), grants: (user.grants ?? []).map((g) => ({ role: g.role, scope: g.scope })) };
  });
}
