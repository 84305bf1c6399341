import type { Context, Next } from 'koa';
import jwt from 'jsonwebtoken';
import type { AuthUser, Grant } from './route';
import { unauthorized } from '../errors';

export interface AccessClaims {
  sub: string;
  grants?: Grant[];
  typ: 'access';
}

let secret = 'unset';
let ttlSeconds = 900;
/**
 * Turns verified claims into the request's user. Identity installs one that reads grants from the
 * database so a revoked grant takes effect at once; the default trusts the token's claims.
 */
let resolver: (claims: AccessClaims) => Promise<AuthUser | null> = async (c) => ({ id: c.sub, grants: c.grants ?? [] });

export function configureAuth(opts: { secret: string; ttlSeconds: number }) {
  secret = opts.secret;
  ttlSeconds = opts.ttlSeconds;
}
export function setAuthResolver(fn: typeof resolver) {
  resolver = fn;
}

export function signAccessToken(userId: string, grants: Grant[] = []) {
  return jwt.sign({ typ: 'access', grants } satisfies Omit<AccessClaims, 'sub'>, secret, {
    algorithm: 'HS256',
    subject: userId,
    expiresIn: ttlSeconds,
  });
}

/** Returns the user for a bearer token, or throws 401 with a stable code. */
export async function userFromToken(token: string): Promise<AuthUser> {
  let claims: AccessClaims;
  try {
    claims = jwt.verify(token, secret, { algorithms: ['HS256'] }) as AccessClaims;
  } catch (e) {
    if ((e as Error).name === 'TokenExpiredError') throw unauthorized('TOKEN_EXPIRED', '登录已过期，请重新登录');
    throw unauthorized('TOKEN_INVALID', '登录凭证无效，请重新登录');
  }
  // A token that never expires (no `exp`) would outlive any rotation: refused like a forged one.
  if (claims.typ !== 'access' || !claims.sub || typeof (claims as { exp?: unknown }).exp !== 'number') {
    throw unauthorized('TOKEN_INVALID', '登录凭证无效，请重新登录');
  }
  const user = await resolver(claims);
  if (!user) throw unauthorized('TOKEN_INVALID', '账号不存在或已停用');
  return user;
}

/** Optional authentication: sets ctx.state.user when a valid bearer token is present. */
export async function authenticate(ctx: Context, next: Next) {
  const header = ctx.get('authorization');
  if (header) {
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    if (!m) throw unauthorized('TOKEN_INVALID', '登录凭证格式不正确');
    ctx.state.user = await userFromToken(m[1]);
  }
  await next();
}
