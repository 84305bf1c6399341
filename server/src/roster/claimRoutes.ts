import {
  ClaimBody,
  ClaimIdParams,
  ClaimList,
  ClaimResult,
  ClaimStatusQuery,
  ClaimView,
  ComplexCodeParams,
  DecisionBody,
  PhoneClaimBody,
  ResidentList,
  RevokeBody,
} from '@gongzhi/shared';
import { authorize } from '../platform/http/authorize';
import { defineRoute, type AnyRoute } from '../platform/http/route';
import { claimDwelling } from './commands/claims';
import { decideClaim, revokeBinding } from './commands/decisions';
import { claimByPhone } from './commands/phoneClaim';
import { listClaims, listResidents, presentClaims } from './commands/lists';
import { canReadRoster, canReviewClaims } from './policy';
import { loadComplex } from './rosterRoutes';

const tags = ['claims'];

export const claimRoutes: AnyRoute[] = [
  defineRoute({
    method: 'post',
    path: '/api/claims',
    tags,
    auth: 'user',
    summary: '提交认领申请（业主姓名 + 号码、家庭成员、租户等）：一律由业委会审核，返回转审原因代码',
    body: ClaimBody,
    status: 201,
    response: ClaimResult,
    idempotent: true,
    handler: async ({ user, body }) => claimDwelling(user, body),
  }),
  defineRoute({
    method: 'post',
    path: '/api/claims/phone',
    tags,
    auth: 'user',
    summary: '手机号快速验证认领：微信验证的手机号与名册业主手机号一致即绑定为业主（唯一的即时绑定方式）',
    body: PhoneClaimBody,
    status: 201,
    response: ClaimResult,
    idempotent: true,
    handler: async ({ user, body }) => claimByPhone(user, body),
  }),
  defineRoute({
    method: 'get',
    path: '/api/complexes/:complexCode/claims',
    tags,
    auth: 'user',
    summary: '小区的认领申请（默认待审核）',
    params: ComplexCodeParams,
    query: ClaimStatusQuery,
    response: ClaimList,
    handler: async ({ user, params, query }) => {
      const complex = await loadComplex(params.complexCode);
      authorize(canReviewClaims(user, complex.path));
      return { items: await listClaims(complex.code, query.status) };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/claims/:id/decision',
    tags,
    auth: 'user',
    summary: '审核认领申请（驳回须填理由，居民可见）',
    params: ClaimIdParams,
    body: DecisionBody,
    response: ClaimView,
    handler: async ({ user, params, body }) => (await presentClaims([await decideClaim(user, params.id, body)]))[0],
  }),
  defineRoute({
    method: 'post',
    path: '/api/bindings/:id/revoke',
    tags,
    auth: 'user',
    summary: '解除绑定（本人，或业委会等审核人）',
    params: ClaimIdParams,
    body: RevokeBody,
    response: ClaimView,
    handler: async ({ user, params, body }) => {
      const view = (await presentClaims([await revokeBinding(user, params.id, body.reason)]))[0];
      // A resident withdrawing their own claim sees the dwelling label only, never the roster's owners.
      return canReviewClaims(user, view.dwelling ? (await loadComplex(view.dwelling.complexCode)).path : [])
        ? view
        : { ...view, dwelling: { ...view.dwelling, owners: [] }, facts: { nameMatches: false, numberMatches: false, idMatches: false, phoneVerified: false } };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/complexes/:complexCode/residents',
    tags,
    auth: 'user',
    summary: '小区已绑定的居民',
    params: ComplexCodeParams,
    response: ResidentList,
    handler: async ({ user, params }) => {
      const complex = await loadComplex(params.complexCode);
      authorize(canReadRoster(user, complex.path));
      return { items: await listResidents(complex.code) };
    },
  }),
];
