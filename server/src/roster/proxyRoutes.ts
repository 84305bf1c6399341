import { ClaimIdParams, ComplexCodeParams, DecisionBody, MyProxies, ProxyBody, ProxyList, ProxyStatusQuery, ProxyView, RevokeBody } from '@gongzhi/shared';
import { authorize } from '../platform/http/authorize';
import { defineRoute, type AnyRoute } from '../platform/http/route';
import { decideProxy, registerProxy, revokeProxy } from './commands/proxies';
import { listProxies, presentProxies } from './commands/lists';
import { myProxies } from './myProxies';
import { canDecideProxy } from './policy';
import { loadComplex } from './rosterRoutes';
import { uploadedFile } from './upload';

const tags = ['proxies'];

export const proxyRoutes: AnyRoute[] = [
  defineRoute({
    method: 'post',
    path: '/api/proxies',
    tags,
    auth: 'user',
    multipart: true,
    summary: '登记书面委托（业主或业委会；字段 file 为委托书照片或 PDF），业委会审核后生效',
    body: ProxyBody,
    status: 201,
    response: ProxyView,
    idempotent: true,
    handler: async ({ user, body, ctx }) => (await presentProxies([await registerProxy(user, body, uploadedFile(ctx))]))[0],
  }),
  defineRoute({
    // Only the caller's own entrustments, so any logged-in resident may ask.
    method: 'get',
    path: '/api/me/proxies',
    tags,
    auth: 'user',
    summary: '我的委托（我为房屋登记的 / 委托我投票的）',
    response: MyProxies,
    handler: async ({ user }) => myProxies(user.id),
  }),
  defineRoute({
    method: 'get',
    path: '/api/complexes/:complexCode/proxies',
    tags,
    auth: 'user',
    summary: '小区的委托登记',
    params: ComplexCodeParams,
    query: ProxyStatusQuery,
    response: ProxyList,
    handler: async ({ user, params, query }) => {
      const complex = await loadComplex(params.complexCode);
      authorize(canDecideProxy(user, complex.path));
      return { items: await listProxies(complex.code, query.status) };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/proxies/:id/decision',
    tags,
    auth: 'user',
    summary: '审核委托（驳回须填理由）',
    params: ClaimIdParams,
    body: DecisionBody,
    response: ProxyView,
    handler: async ({ user, params, body }) => (await presentProxies([await decideProxy(user, params.id, body)]))[0],
  }),
  defineRoute({
    method: 'post',
    path: '/api/proxies/:id/revoke',
    tags,
    auth: 'user',
    summary: '撤销委托（业主或业委会）',
    params: ClaimIdParams,
    body: RevokeBody,
    response: ProxyView,
    handler: async ({ user, params, body }) => (await presentProxies([await revokeProxy(user, params.id, body.reason)]))[0],
  }),
];
