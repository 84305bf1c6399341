import { Types } from 'mongoose';
import { PRIVACY_VERSION, type AreaLevel } from '@gongzhi/shared';
import { User } from '../../server/src/identity/model';
import { issueTokens } from '../../server/src/identity/tokens';
import { Binding, ProxyAuth } from '../../server/src/roster/bindingModel';
import { Area, Dwelling } from '../../server/src/roster/model';
import type { Grant } from '../../server/src/platform/http/route';
import type { TestServer } from './server';
import type { FakeWechat } from './fakeWechat';

/**
 * A realistic area tree for identity/roster tests (codes follow GB/T 2260 style), with a sibling at every level
 * so each role can be tested inside and outside its scope:
 *   54 西藏 ▸ 5401 拉萨 ▸ 540102 城关区 ▸ 540102001 八廓街道 ▸ 540102001001 冲赛康社区 ▸ A=…001 幸福小区, A2=…002 团结小区
 *   siblings: 63 青海 · 5402 日喀则 · 540103 堆龙德庆区 · 540102002 吉日街道 (▸ …002001 ▸ …002001001) · 540102001002 八廓社区 (▸ …002001)
 */
export const T = {
  region: '54',
  region2: '63',
  prefecture: '5401',
  prefecture2: '5402',
  county: '540102',
  county2: '540103',
  street: '540102001',
  street2: '540102002',
  community: '540102001001',
  community2: '540102001002',
  complex: '540102001001001',
  complex2: '540102001001002',
  complexC2: '540102001002001',
  complexS2: '540102002001001',
} as const;

const TREE: [code: string, level: string, name: string, parent: string | null][] = [
  [T.region, 'region', '西藏自治区', null],
  [T.region2, 'region', '青海省', null],
  [T.prefecture, 'prefecture', '拉萨市', T.region],
  [T.prefecture2, 'prefecture', '日喀则市', T.region],
  [T.county, 'county', '城关区', T.prefecture],
  [T.county2, 'county', '堆龙德庆区', T.prefecture],
  [T.street, 'street', '八廓街道', T.county],
  [T.street2, 'street', '吉日街道', T.county],
  [T.community, 'community', '冲赛康社区', T.street],
  [T.community2, 'community', '八廓社区', T.street],
  ['540102002001', 'community', '吉日社区', T.street2],
  [T.complex, 'complex', '幸福小区', T.community],
  [T.complex2, 'complex', '团结小区', T.community],
  [T.complexC2, 'complex', '吉祥小区', T.community2],
  [T.complexS2, 'complex', '和平小区', '540102002001'],
];

/** Inserts the tree above (buildings and entrances come from roster imports). */
export async function seedAreaTree() {
  const paths = new Map<string, string[]>();
  for (const [code, level, name, parent] of TREE) {
    const path = [...(parent ? paths.get(parent)! : []), code];
    paths.set(code, path);
    await Area.create({ code, level: level as AreaLevel, name, parentCode: parent, path });
  }
}

export async function scopePath(scope: string): Promise<string[]> {
  if (scope === 'root') return ['root'];
  const a = await Area.findOne({ code: scope }).lean();
  if (!a) throw new Error(`unknown area ${scope}`);
  return a.path;
}

export interface TestUser {
  id: string;
  token: string;
  refreshToken: string;
  name: string;
}

/** A user written straight to the database, with real tokens from identity (a session of its own). */
export async function createUser(opts: { name?: string; grants?: Grant[]; privacy?: boolean; openid?: string } = {}): Promise<TestUser> {
  const grants = await Promise.all((opts.grants ?? []).map(async (g) => ({ ...g, scopePath: await scopePath(g.scope) })));
  const name = opts.name ?? `用户${new Types.ObjectId().toHexString().slice(-5)}`;
  const u = await User.create({
    displayName: name,
    grants,
    ...(opts.openid ? { openid: opts.openid } : {}),
    ...(opts.privacy === false ? {} : { privacy: { agreedAt: new Date(), version: PRIVACY_VERSION } }),
  });
  const t = await issueTokens(u);
  return { id: String(u._id), token: t.accessToken, refreshToken: t.refreshToken, name };
}

/** The dwelling of a complex by building/entrance/room labels as written in the roster (e.g. '1', '1', '101'). */
export async function findDwelling(complexCode: string, building: string, entrance: string, room: string) {
  const { buildingCodeOf, entranceCodeOf } = await import('../../server/src/roster/import/keys');
  const b = buildingCodeOf(complexCode, building);
  const d = await Dwelling.findOne({ complexCode, buildingCode: b, entranceCode: entranceCodeOf(b, entrance), room }).lean();
  if (!d) throw new Error(`no dwelling ${complexCode} ${building}-${entrance}-${room}`);
  return d;
}

export async function bind(
  userId: string,
  dwellingId: string | Types.ObjectId,
  relation: 'owner' | 'family' | 'tenant' = 'owner',
  status: 'active' | 'pending' = 'active',
) {
  const d = await Dwelling.findById(dwellingId).lean();
  const b = await Binding.create({
    userId: new Types.ObjectId(userId),
    dwellingId: d!._id,
    relation,
    status,
    matched: status === 'active',
    complexCode: d!.complexCode,
    areaPath: d!.areaPath,
  });
  return String(b._id);
}

export async function pendingProxy(dwellingId: string | Types.ObjectId, proxyUserId: string, registeredBy: string) {
  const d = await Dwelling.findById(dwellingId).lean();
  const p = await ProxyAuth.create({
    dwellingId: d!._id,
    proxyUserId: new Types.ObjectId(proxyUserId),
    registeredBy,
    documentFileId: new Types.ObjectId().toHexString(),
    status: 'pending',
    complexCode: d!.complexCode,
    areaPath: d!.areaPath,
  });
  return String(p._id);
}

export function wechatEnvOf(wx: FakeWechat): Record<string, string> {
  return { WECHAT_API_BASE: wx.baseUrl, WECHAT_APPID: wx.appid, WECHAT_SECRET: wx.secret };
}

/** Logs in through the fake WeChat server exactly like the mini-program: wx.login code → POST /api/auth/wechat. */
export async function wechatLogin(s: TestServer, wx: FakeWechat, openid: string, unionid?: string) {
  const code = wx.issueCode(openid, unionid ? { unionid } : {});
  const r = await s.api('/api/auth/wechat', { body: { code } });
  if (r.status !== 200) throw new Error(`wechat login failed: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body as { accessToken: string; refreshToken: string; user: { id: string; displayName: string; isNew: boolean } };
}

export async function agreePrivacy(s: TestServer, token: string) {
  const r = await s.api('/api/me/privacy', { token, body: { version: PRIVACY_VERSION } });
  if (r.status !== 200) throw new Error(`privacy failed: ${r.status}`);
}

/**
 * The one instant owner binding, as the mini-program does it: the 手机号快速验证 button's code (here issued by the
 * fake WeChat server for `phone`) → POST /api/claims/phone. Returns the raw response.
 */
export async function phoneClaim(s: TestServer, wx: FakeWechat, token: string, dwellingId: string, phone: string) {
  return s.api('/api/claims/phone', { token, body: { dwellingId, phoneCode: wx.issuePhoneCode(phone) } });
}

/** phoneClaim that must bind (throws otherwise): the fast legitimate path for tests that need a bound owner. */
export async function bindOwnerByPhone(s: TestServer, wx: FakeWechat, token: string, dwellingId: string, phone: string): Promise<string> {
  const r = await phoneClaim(s, wx, token, dwellingId, phone);
  if (r.status !== 201 || r.body.status !== 'active') throw new Error(`phone claim failed: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.id as string;
}

/** A review claim approved by `reviewer` (family members, tenants, developer units, owners without a phone). */
export async function claimApproved(s: TestServer, token: string, reviewerToken: string, body: Record<string, unknown>): Promise<string> {
  const c = await s.api('/api/claims', { token, body });
  if (c.status !== 201) throw new Error(`claim failed: ${c.status} ${JSON.stringify(c.body)}`);
  const d = await s.api(`/api/claims/${c.body.id}/decision`, { token: reviewerToken, body: { approve: true } });
  if (d.status !== 200) throw new Error(`approval failed: ${d.status} ${JSON.stringify(d.body)}`);
  return c.body.id as string;
}
