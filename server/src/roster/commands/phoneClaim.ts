import { AppError, conflict, unprocessable } from '../../platform/errors';
import type { AuthUser } from '../../platform/http/route';
import { rateLimit } from '../../platform/rateLimit';
import { WechatError } from '../../platform/wechat';
import { wechat } from '../../platform/wechatInstance';
import { audit } from '../../identity';
import { alertOwners } from '../alerts';
import { User } from '../../identity';
import { normalizePhone, piiHash } from '../../identity';
import { DEV_PHONE_PREFIX, takeDevPhoneCode } from '../../identity';
import { CLAIM_LIMITS, claimPreflight, writeBinding } from './claims';

/** WeChat's answer for the getPhoneNumber code → our API error (the client maps the code to zh/bo text). */
function phoneCodeError(e: unknown): AppError {
  if (e instanceof WechatError) {
    if (e.errcode === 40029 || e.errcode === 40163) return new AppError(400, 'PHONE_CODE_INVALID', '手机号验证已失效，请重新点击“手机号快速验证”');
    if (e.transient) return new AppError(503, 'WECHAT_UNAVAILABLE', '微信服务繁忙，请稍后再试', undefined, { 'Retry-After': '5' });
  }
  return new AppError(502, 'WECHAT_ERROR', '微信手机号验证失败，请稍后再试');
}

/** The phone as the roster stores it (mainland numbers normalized the same way as the import). */
function phoneKey(p: { purePhoneNumber: string; countryCode: string }): string {
  const cc = p.countryCode.replace(/\D/g, '');
  return (cc === '' || cc === '86' ? normalizePhone(p.purePhoneNumber) : null) ?? `+${cc}${p.purePhoneNumber}`;
}

/** The HMAC of the phone WeChat verified for this code (or, in development, the H5 stand-in's code). */
async function verifiedPhoneHash(userId: string, code: string): Promise<string> {
  if (code.startsWith(DEV_PHONE_PREFIX)) {
    const dev = takeDevPhoneCode(userId, code);
    if (!dev) throw new AppError(400, 'PHONE_CODE_INVALID', '手机号验证已失效，请重新点击“手机号快速验证”');
    return dev;
  }
  try {
    return piiHash('phone', phoneKey(await wechat().getPhoneNumber(code)));
  } catch (e) {
    throw phoneCodeError(e);
  }
}

/**
 * 手机号快速验证: the only instant owner binding. WeChat vouches that the user holds the phone; if its HMAC is the
 * phone of exactly one owner of the dwelling on the roster, the user is bound as owner (strength verified_phone).
 * No match, several matches, a developer unit or any WeChat failure: a 4xx/5xx and nothing written.
 */
export async function claimByPhone(user: AuthUser, input: { dwellingId: string; phoneCode: string }) {
  const { d, prior } = await claimPreflight(user, input.dwellingId, { pendingOk: true });
  if (d.developerHeld) throw unprocessable('DEVELOPER_UNIT', '开发商持有的房屋需由业委会审核，请提交认领申请');
  await rateLimit(`claim:phone:${user.id}`, CLAIM_LIMITS.phonePerUser.limit, CLAIM_LIMITS.phonePerUser.windowSeconds, '手机号验证过于频繁，请稍后再试');
  const hash = await verifiedPhoneHash(user.id, input.phoneCode);
  const matches = (d.owners ?? []).filter((o) => o.phoneHash === hash);
  if (matches.length === 0) throw unprocessable('PHONE_NOT_ON_ROSTER', '该手机号与名册登记的业主手机号不一致，可提交认领申请由业委会审核');
  if (matches.length > 1) throw conflict('PHONE_MATCHES_SEVERAL', '该手机号在名册中对应多位业主，请提交认领申请由业委会审核');
  await User.updateOne({ _id: user.id }, { $set: { phoneHash: hash, phoneVerifiedAt: new Date() } });
  const id = await writeBinding(user, d, prior, {
    relation: 'owner',
    status: 'active',
    matched: true,
    strength: 'verified_phone',
    reviewReason: null,
    facts: { nameMatches: false, numberMatches: false, idMatches: false, phoneVerified: true },
    claimedName: undefined,
  });
  await audit({
    actorId: user.id,
    action: 'claim.verified_phone',
    target: { type: 'binding', id: String(id) },
    areaPath: d.areaPath,
    details: { relation: 'owner', strength: 'verified_phone' },
  });
  await alertOwners({ dwellingId: String(d._id), subjectType: 'binding', subjectId: String(id), subjectUserId: user.id, relation: 'owner', actorId: user.id });
  return {
    id: String(id),
    status: 'active' as const,
    relation: 'owner' as const,
    matched: true,
    strength: 'verified_phone' as const,
    reviewReason: null,
    message: '手机号已验证，已绑定为业主',
  };
}
