import { PRIVACY_VERSION, type MeResponse } from '@gongzhi/shared';
import { Types } from 'mongoose';
import { badRequest, notFound } from '../../platform/errors';
import { Binding, ProxyAuth } from '../../roster/bindingModel';
import { Area } from '../../roster/model';
import { iso, loadDwellings, maskedOwners } from '../../roster/presenter';
import { User, type GrantDoc } from '../model';

/** Chinese names of grant scopes (`root` = 全系统). */
export async function presentGrants(grants: Pick<GrantDoc, 'role' | 'scope'>[]) {
  const codes = grants.map((g) => g.scope).filter((s) => s !== 'root');
  const areas = codes.length ? await Area.find({ code: { $in: codes } }).select('code name').lean() : [];
  const names = new Map(areas.map((a) => [a.code, a.name]));
  return grants.map((g) => ({ role: g.role, scope: g.scope, scopeName: g.scope === 'root' ? '全系统' : names.get(g.scope) ?? g.scope }));
}

export async function getMe(userId: string): Promise<MeResponse> {
  const user = await User.findById(userId).lean();
  if (!user) throw notFound('USER_NOT_FOUND', '用户不存在');
  const uid = new Types.ObjectId(userId);
  const [bindings, proxies] = await Promise.all([
    Binding.find({ userId: uid, status: { $ne: 'revoked' } }).sort({ createdAt: 1 }).lean(),
    ProxyAuth.find({ proxyUserId: uid, status: { $in: ['pending', 'approved'] } }).sort({ createdAt: 1 }).lean(),
  ]);
  const dwellings = await loadDwellings([...bindings.map((b) => b.dwellingId), ...proxies.map((p) => p.dwellingId)]);
  return {
    id: String(user._id),
    displayName: user.displayName,
    grants: await presentGrants(user.grants ?? []),
    bindings: bindings.flatMap((b) => {
      const d = dwellings.get(String(b.dwellingId));
      return d ? [{
        id: String(b._id), relation: b.relation, status: b.status, reason: b.reason ?? null, matched: !!b.matched,
        createdAt: iso(b.createdAt)!, decidedAt: iso(b.decidedAt), dwelling: { ...d.label, owners: maskedOwners(d.doc) },
      }] : [];
    }),
    proxies: proxies.flatMap((p) => {
      const d = dwellings.get(String(p.dwellingId));
      return d ? [{ id: String(p._id), status: p.status, reason: p.reason ?? null, dwelling: d.label }] : [];
    }),
    privacy: {
      agreedAt: iso(user.privacy?.agreedAt), version: user.privacy?.version ?? null, currentVersion: PRIVACY_VERSION,
      needsAgreement: user.privacy?.version !== PRIVACY_VERSION,
    },
    lang: user.lang ?? 'zh',
    subscribe: { notices: !!user.subscribe?.notices },
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
