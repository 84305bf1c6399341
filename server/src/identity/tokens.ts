import { createHash, randomBytes } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { Types } from 'mongoose';
import { unauthorized } from '../platform/errors';
import { setAuthResolver } from '../platform/http/auth';
import { endSessionSockets } from '../platform/realtime';
import type { AuthUser } from '../platform/http/route';
import { audit } from './audit';
import { RefreshToken, Session, User } from './model';
import { RefreshRedemption } from './redemptions';
import { identitySettings } from './settings';
import { isDuplicateKey } from '../platform/store';

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

export interface IssuedTokens {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  refreshExpiresIn: number;
}

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
  endSessionSockets(String(sessionId)); // its live sockets go too, on every instance
}

/**
 * Rotation is won by a unique insert (`_id` = the token's hash): atomic on MongoDB and FerretDB alike, where a
 * conditional update is not (two simultaneous refreshes both "won" on FerretDB). The loser, and anyone presenting
 * a rotated token later, is a copy: the whole session is revoked (reuse detection).
 */
export async function rotateRefreshToken(token: string): Promise<IssuedTokens & { userId: string }> {
  const hash = hashToken(token);
  const now = new Date();
  const used = await RefreshToken.findOne({ hash }).lean();
  if (!used) throw unauthorized('REFRESH_INVALID', '登录凭证无效，请重新登录');
  if (used.status === 'revoked') throw unauthorized('REFRESH_REVOKED', '已退出登录，请重新登录');
  const reused = async () => {
    await revokeFamily(used.sessionId, 'reuse');
    await audit({ actorId: String(used.userId), action: 'auth.refresh_reuse', target: { type: 'session', id: String(used.sessionId) } });
    return unauthorized('REFRESH_REUSED', '登录凭证已被使用过，为安全起见已退出登录，请重新登录');
  };
  if (used.status === 'rotated') throw await reused();
  if (used.expiresAt <= now) throw unauthorized('REFRESH_EXPIRED', '登录已过期，请重新登录');
  // Checked before the race is decided, so the winner is answered even if the loser revokes the session next.
  const session = await Session.findById(used.sessionId).lean();
  if (!session || session.status !== 'active') throw unauthorized('REFRESH_REVOKED', '已退出登录，请重新登录');
  const user = await User.findById(used.userId).select('disabled').lean();
  if (!user || user.disabled) throw unauthorized('TOKEN_INVALID', '账号不存在或已停用');
  try {
    await RefreshRedemption.create({ _id: hash, sessionId: used.sessionId, at: now });
  } catch (e) {
    if (isDuplicateKey(e)) throw await reused();
    throw e;
  }
  await RefreshToken.updateOne({ _id: used._id }, { $set: { status: 'rotated', rotatedAt: now } });
  const { accessTtl, refreshTtl } = identitySettings();
  const refreshToken = await mintRefresh(used.userId, used.sessionId, session.expiresAt);
  return {
    userId: String(used.userId),
    accessToken: signAccess(String(used.userId), String(used.sessionId)),
    refreshToken,
    expiresIn: accessTtl,
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
    // Every access token belongs to a session: without `sid` neither logout nor reuse detection could end it.
    const sid = (claims as { sid?: unknown }).sid;
    if (typeof sid !== 'string' || !Types.ObjectId.isValid(sid)) return null;
    const [user, session] = await Promise.all([
      User.findById(claims.sub).select('grants disabled').lean(),
      Session.findById(sid).select('status userId expiresAt').lean(),
    ]);
    if (!user || user.disabled) return null;
    if (!session || String(session.userId) !== String(user._id)) return null;
    if (session.status !== 'active' || session.expiresAt <= new Date()) throw unauthorized('TOKEN_REVOKED', '已退出登录，请重新登录');
    return { id: String(user._id), grants: (user.grants ?? []).map((g) => ({ role: g.role, scope: g.scope })) };
  });
}
