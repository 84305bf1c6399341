import { PRIVACY_VERSION, type MeResponse, type MyBinding } from '@gongzhi/shared';
import { badRequest, notFound } from '../../platform/errors';
import { Area } from '../../roster';
import { iso } from '../../roster';
import { rightsOf } from '../../roster';
import { openAlertCount } from '../alerts/answer';
import { User, type GrantDoc } from '../model';

/** Chinese names of grant scopes (`root` = 全系统). */
export async function presentGrants(grants: Pick<GrantDoc, 'role' | 'scope'>[]) {
  const codes = grants.map((g) => g.scope).filter((s) => s !== 'root');
  const areas = codes.length
    ? await Area.find({ code: { $in: codes } })
        .select('code name')
        .lean()
    : [];
  const names = new Map(areas.map((a) => [a.code, a.name]));
  return grants.map((g) => ({ role: g.role, scope: g.scope, scopeName: g.scope === 'root' ? '全系统' : (names.get(g.scope) ?? g.scope) }));
}

/**
 * The current user in `_id` reads only (user, rights document, alert summary): no scans of bindings or proxies.
 * Least disclosure: a resident's own claims show the dwelling label and never the roster's owners.
 */
export async function getMe(userId: string): Promise<MeResponse> {
  const [user, rights, openAlerts] = await Promise.all([User.findById(userId).lean(), rightsOf(userId), openAlertCount(userId)]);
  if (!user) throw notFound('USER_NOT_FOUND', '用户不存在');
  const view = rights.view ?? { bindings: [], proxies: [] };
  return {
    id: String(user._id),
    displayName: user.displayName,
    grants: await presentGrants(user.grants ?? []),
    bindings: view.bindings.map((b) => ({
      id: b.id,
      relation: b.relation,
      status: b.status as MyBinding['status'],
      reason: b.reason,
      matched: b.strength === 'verified_phone',
      strength: (b.strength ?? null) as MyBinding['strength'],
      reviewReason: (b.reviewReason ?? null) as MyBinding['reviewReason'],
      createdAt: b.createdAt,
      decidedAt: b.decidedAt,
      dwelling: { ...b.label, owners: [] },
    })),
    proxies: view.proxies.map((p) => ({ id: p.id, status: p.status as MeResponse['proxies'][number]['status'], reason: p.reason, dwelling: p.label })),
    privacy: {
      agreedAt: iso(user.privacy?.agreedAt),
      version: user.privacy?.version ?? null,
      currentVersion: PRIVACY_VERSION,
      needsAgreement: user.privacy?.version !== PRIVACY_VERSION,
    },
    lang: user.lang ?? 'zh',
    subscribe: { notices: !!user.subscribe?.notices },
    alerts: { open: openAlerts },
    // Text the whole complex reads must pass WeChat's content check, which needs the user's WeChat identity.
    publicText: !!user.openid,
  };
}

export async function patchMe(userId: string, body: { displayName?: string; lang?: 'zh' | 'bo'; subscribeNotices?: boolean }) {
  const set: Record<string, unknown> = {};
  if (body.displayName !== undefined) set.displayName = body.displayName;
  if (body.lang !== undefined) set.lang = body.lang;
  if (body.subscribeNotices !== undefined) set['subscribe.notices'] = body.subscribeNotices;
  await User.updateOne({ _id: userId }, { $set: set });
  return getMe(userId);
}

/** Records consent to the privacy guide (time + version); agreeing again to a newer version replaces it. */
export async function agreePrivacy(userId: string, version: string) {
  if (version !== PRIVACY_VERSION) throw badRequest('PRIVACY_VERSION_UNKNOWN', '隐私保护指引已更新，请阅读最新版本后再同意');
  await User.updateOne({ _id: userId }, { $set: { privacy: { agreedAt: new Date(), version } } });
  return getMe(userId);
}
