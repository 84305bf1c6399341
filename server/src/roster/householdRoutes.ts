import { DwellingIdParams, Household } from '@gongzhi/shared';
import { Types } from 'mongoose';
import { maskName } from '../identity';
import { User } from '../identity';
import { notFound } from '../platform/errors';
import { defineRoute, type AnyRoute } from '../platform/http/route';
import { Binding, ProxyAuth } from './bindingModel';
import { rightsOf } from './rights';

/**
 * The family members and tenants bound to a dwelling the caller owns, so the owner can pick a proxy by tapping.
 * Owner only (deny by default): anyone else, staff included, gets the same 404 as for an unknown dwelling.
 */
async function household(userId: string, dwellingId: string) {
  const owns = (await rightsOf(userId)).bindings.some((b) => b.relation === 'owner' && b.dwellingId === dwellingId);
  if (!owns) throw notFound('DWELLING_NOT_FOUND', '房屋不存在');
  const did = new Types.ObjectId(dwellingId);
  const [bindings, proxies] = await Promise.all([
    Binding.find({ dwellingId: did, status: 'active', relation: { $in: ['family', 'tenant'] } })
      .sort({ createdAt: 1, _id: 1 })
      .limit(100)
      .lean(),
    ProxyAuth.find({ dwellingId: did, status: { $in: ['pending', 'approved'] } })
      .select('proxyUserId status')
      .lean(),
  ]);
  const users = bindings.length
    ? await User.find({ _id: { $in: bindings.map((b) => b.userId) } })
        .select('displayName')
        .lean()
    : [];
  const names = new Map(users.map((u) => [String(u._id), u.displayName ?? '']));
  const proxyOf = new Map(proxies.map((p) => [String(p.proxyUserId), p.status as 'pending' | 'approved']));
  return {
    dwellingId,
    members: bindings.map((b) => ({
      userId: String(b.userId),
      displayName: maskName(names.get(String(b.userId)) ?? ''),
      relation: b.relation as 'family' | 'tenant',
      proxyStatus: proxyOf.get(String(b.userId)) ?? null,
    })),
  };
}

export const householdRoutes: AnyRoute[] = [
  defineRoute({
    method: 'get',
    path: '/api/dwellings/:id/household',
    tags: ['proxies'],
    auth: 'user',
    summary: '我房屋的家庭成员和租户（业主登记委托时点选受托人；姓名脱敏）',
    params: DwellingIdParams,
    response: Household,
    handler: async ({ user, params }) => household(user.id, params.id),
  }),
];
