import { Types } from 'mongoose';
import { notFound } from '../../platform/errors';
import { wechat } from '../../platform/wechatInstance';
import { WechatError, wechatAppError, type WechatClient } from '../../platform/wechat';
import { logger } from '../../platform/logger';
import { User, type UserDoc } from '../model';
import { issueTokens } from '../tokens';
import { isDuplicateKey } from '../../platform/store';

/** The display name of a new WeChat user until they choose one (WeChat no longer hands out nicknames). */
const newUserName = () => `居民${Math.floor(1000 + Math.random() * 9000)}`;

/** wx.login code → code2Session at the configured WeChat API → user by openid (created on first login) → tokens. */
export async function wechatLogin(code: string) {
  let session;
  try {
    session = await (wechat() as WechatClient).code2Session(code);
  } catch (e) {
    if (e instanceof WechatError) {
      logger.warn({ errcode: e.errcode }, 'wechat login failed');
      throw wechatAppError(e);
    }
    throw e;
  }
  const { user, isNew } = await upsertByOpenid(session.openid, session.unionid);
  return presentLogin(user, isNew, await issueTokens(user));
}

async function upsertByOpenid(openid: string, unionid?: string, retried = false): Promise<{ user: UserDoc; isNew: boolean }> {
  const existing = await User.findOne({ openid }).lean();
  if (existing) {
    if (unionid && existing.unionid !== unionid) await User.updateOne({ _id: existing._id }, { $set: { unionid } });
    return { user: existing, isNew: false };
  }
  try {
    const created = await User.create({ openid, ...(unionid ? { unionid } : {}), displayName: newUserName() });
    return { user: created.toObject(), isNew: true };
  } catch (e) {
    if (isDuplicateKey(e) && !retried) return upsertByOpenid(openid, unionid, true); // a concurrent first login won
    throw e;
  }
}

export function presentLogin(user: Pick<UserDoc, '_id' | 'displayName'>, isNew: boolean, tokens: Awaited<ReturnType<typeof issueTokens>>) {
  return { ...tokens, user: { id: String(user._id), displayName: user.displayName, isNew } };
}

/** Development only (DEV_LOGIN=true): the seeded users, and login as one of them without WeChat. */
export async function devUsers() {
  const users = await User.find({ demoKey: { $exists: true } })
    .sort({ demoKey: 1 })
    .lean();
  return {
    users: users.map((u) => ({
      id: String(u._id),
      displayName: u.displayName,
      role: u.demoLabel ?? '居民',
      description: `${u.displayName}（${u.demoLabel ?? '居民'}）`,
    })),
  };
}

export async function devLogin(userId: string) {
  const user = Types.ObjectId.isValid(userId) ? await User.findById(userId).lean() : null;
  if (!user || user.disabled) throw notFound('USER_NOT_FOUND', '用户不存在');
  return presentLogin(user, false, await issueTokens(user));
}
