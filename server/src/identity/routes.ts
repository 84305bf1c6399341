import {
  AreaCodeParams,
  DevLoginBody,
  DevPhoneCodeBody,
  DevPhoneCodeResponse,
  DevUsersResponse,
  GrantBody,
  GrantHolders,
  GrantResponse,
  LogoutBody,
  LogoutResponse,
  MeResponse,
  PatchMeBody,
  PrivacyBody,
  RefreshBody,
  RevokeGrantBody,
  TokenResponse,
  WechatLoginBody,
} from '@gongzhi/shared';
import type { Config } from '../platform/config';
import { notFound } from '../platform/errors';
import { authorize } from '../platform/http/authorize';
import { defineRoute, type AnyRoute, type Role } from '../platform/http/route';
import { rateLimit } from '../platform/rateLimit';
import { Area, Dwelling } from '../roster';
import { addGrant, grantHolders, revokeGrant } from './commands/grants';
import { devLogin, devUsers, presentLogin, wechatLogin } from './commands/login';
import { agreePrivacy, getMe, patchMe, presentGrants } from './commands/me';
import { canListGrants } from './policy';
import { configureIdentity } from './settings';
import { configureTokens, installAuthResolver, revokeByRefreshToken, rotateRefreshToken } from './tokens';
import { User } from './model';
import { alertRoutes } from './alerts/routes';
import { issueDevPhoneCode } from './devPhone';

const tags = ['identity'];

const authRoutes: AnyRoute[] = [
  defineRoute({
    method: 'post',
    path: '/api/auth/wechat',
    tags,
    auth: 'none',
    summary: '微信登录（wx.login 的 code 换取登录凭证）',
    body: WechatLoginBody,
    response: TokenResponse,
    handler: async ({ body, ctx }) => {
      // ctx.ip: the client's address — X-Forwarded-For only as far as TRUST_PROXY hops are trusted (platform/http/app.ts).
      await rateLimit(`login:${ctx.ip || 'unknown'}`, 30, 60, '登录过于频繁，请稍后再试');
      return wechatLogin(body.code);
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/auth/refresh',
    tags,
    auth: 'none',
    summary: '刷新登录凭证（刷新令牌一次性使用）',
    body: RefreshBody,
    response: TokenResponse,
    handler: async ({ body }) => {
      const t = await rotateRefreshToken(body.refreshToken);
      const user = await User.findById(t.userId).select('displayName').lean();
      const { userId, ...tokens } = t;
      return presentLogin({ _id: user!._id, displayName: user!.displayName }, false, tokens);
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/auth/logout',
    tags,
    auth: 'optional',
    summary: '退出登录（作废该设备的全部登录凭证）',
    body: LogoutBody,
    response: LogoutResponse,
    handler: async ({ body, user }) => {
      await revokeByRefreshToken(body.refreshToken, user?.id);
      return { ok: true as const };
    },
  }),
];

/** Only with DEV_LOGIN=true (refused in production by config); otherwise these paths answer 404. */
const devRoutes: AnyRoute[] = [
  defineRoute({
    method: 'get',
    path: '/api/auth/dev-users',
    tags,
    auth: 'none',
    summary: '（开发环境）可登录的演示用户',
    response: DevUsersResponse,
    handler: async () => devUsers(),
  }),
  defineRoute({
    method: 'post',
    path: '/api/auth/dev-login',
    tags,
    auth: 'none',
    summary: '（开发环境）以演示用户登录',
    body: DevLoginBody,
    response: TokenResponse,
    handler: async ({ body }) => devLogin(body.userId),
  }),
  defineRoute({
    method: 'post',
    path: '/api/auth/dev-phone-code',
    tags,
    auth: 'user',
    summary: '（开发环境）H5 模拟“手机号快速验证”：得到代表该房屋第一位业主名册手机号的一次性凭证',
    body: DevPhoneCodeBody,
    response: DevPhoneCodeResponse,
    handler: async ({ user, body }) =>
      issueDevPhoneCode(user.id, async () => {
        const d = await Dwelling.findById(body.dwellingId).select('owners').lean();
        return d ? { phoneHash: d.owners?.find((o) => o.phoneHash)?.phoneHash ?? undefined } : null;
      }),
  }),
];

const meRoutes: AnyRoute[] = [
  defineRoute({
    method: 'get',
    path: '/api/me',
    tags,
    auth: 'user',
    summary: '当前用户：角色、绑定的房屋、隐私同意、语言与订阅',
    response: MeResponse,
    handler: async ({ user }) => getMe(user.id),
  }),
  defineRoute({
    method: 'patch',
    path: '/api/me',
    tags,
    auth: 'user',
    summary: '修改昵称、语言、订阅消息授权',
    body: PatchMeBody,
    response: MeResponse,
    handler: async ({ user, body }) => patchMe(user.id, body),
  }),
  defineRoute({
    method: 'post',
    path: '/api/me/privacy',
    tags,
    auth: 'user',
    summary: '同意隐私保护指引（记录时间与版本）',
    body: PrivacyBody,
    response: MeResponse,
    handler: async ({ user, body }) => agreePrivacy(user.id, body.version),
  }),
];

async function presentHolder(u: { _id: unknown; displayName: string; grants?: { role: Role; scope: string }[] }) {
  return { userId: String(u._id), displayName: u.displayName, grants: await presentGrants(u.grants ?? []) };
}

const grantRoutes: AnyRoute[] = [
  defineRoute({
    method: 'post',
    path: '/api/grants',
    tags,
    auth: 'user',
    summary: '授予角色（只能授予比自己低的角色，且在自己的范围内）',
    body: GrantBody,
    status: 201,
    response: GrantResponse,
    handler: async ({ user, body }) => presentHolder(await addGrant(user, body)),
  }),
  defineRoute({
    method: 'post',
    path: '/api/grants/revoke',
    tags,
    auth: 'user',
    summary: '撤销角色',
    body: RevokeGrantBody,
    response: GrantResponse,
    handler: async ({ user, body }) => presentHolder(await revokeGrant(user, body)),
  }),
  defineRoute({
    method: 'get',
    path: '/api/areas/:code/grants',
    tags,
    auth: 'user',
    summary: '区域内的角色持有人',
    params: AreaCodeParams,
    response: GrantHolders,
    handler: async ({ user, params }) => {
      const area = params.code === 'root' ? { path: ['root'] } : await Area.findOne({ code: params.code }).select('path').lean();
      if (!area) throw notFound('AREA_NOT_FOUND', '区域不存在');
      authorize(canListGrants(user, area.path));
      const holders = await grantHolders(params.code);
      return { items: await Promise.all(holders.map(presentHolder)) };
    },
  }),
];

/** Built once per server start with its config: sets PII/token settings and installs the auth resolver. */
export function identityRoutes(config: Config): AnyRoute[] {
  configureIdentity(config);
  configureTokens(config.JWT_SECRET);
  installAuthResolver();
  return [...authRoutes, ...(config.DEV_LOGIN ? devRoutes : []), ...meRoutes, ...alertRoutes, ...grantRoutes];
}
