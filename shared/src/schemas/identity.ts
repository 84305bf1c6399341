import { z } from 'zod';

/** Identity API: login, tokens, the current user, privacy consent, role grants. */

export const ROLES = ['committee', 'community_worker', 'street_staff', 'county_official', 'prefecture_official', 'region_official', 'admin'] as const;
export const RoleSchema = z.enum(ROLES);
export type RoleName = z.infer<typeof RoleSchema>;

export const ROLE_LABELS: Record<RoleName, string> = {
  committee: '业委会成员',
  community_worker: '社区工作人员',
  street_staff: '街道工作人员',
  county_official: '县（区）干部',
  prefecture_official: '地（市）干部',
  region_official: '自治区干部',
  admin: '系统管理员',
};

/** The privacy guide version the app currently shows; older agreements must be renewed. */
export const PRIVACY_VERSION = '2026-11';

// Characters that can't be stored faithfully or that spoof what others see: C0 controls (except tab/newline),
// zero-width and bidi controls, BOM. Tibetan and CJK (with combining marks) pass and are stored NFC-normalized.
// The one definition of the characters we refuse (server and mini-program import it): matching control characters
// is its purpose.
// eslint-disable-next-line no-control-regex
export const HIDDEN_OR_CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/;

/** C0 control characters except tab and line breaks, and DEL: dropped from plain text before it is stored. */
export const stripControlChars = (s: string): string =>
  Array.from(s)
    .filter((c) => {
      const n = c.charCodeAt(0);
      return !((n < 32 && n !== 9 && n !== 10 && n !== 13) || n === 127);
    })
    .join('');
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Free text typed by a person (names, reasons, notes). */
export function userText(max: number, min = 1) {
  return z
    .string()
    .trim()
    .min(min)
    .max(max)
    .refine((s) => !LONE_SURROGATE.test(s), '包含无法识别的字符')
    .refine((s) => !HIDDEN_OR_CONTROL.test(s), '包含不可见字符或控制字符')
    .transform((s) => s.normalize('NFC'));
}

/** Area codes: digits/letters/dash, also used in socket room names (`area:<code>`). */
export const AreaCodeSchema = z.string().regex(/^[A-Za-z0-9-]{1,60}$/, '区域编码格式不正确');
/** Grant scopes are area codes, or `root` (the whole system, administrators only). */
export const ScopeSchema = z.union([z.literal('root'), AreaCodeSchema]);
export const ObjectIdSchema = z.string().regex(/^[0-9a-f]{24}$/, '编号格式不正确');
const isoDate = z.string().describe('ISO 8601 时间');

export const GrantView = z.object({
  role: RoleSchema,
  scope: ScopeSchema,
  scopeName: z.string().describe('作用范围的中文名称'),
});
export type GrantView = z.infer<typeof GrantView>;

export const LoginUser = z.object({
  id: z.string(),
  displayName: z.string(),
  isNew: z.boolean().describe('首次登录时为 true'),
});

// ---- login and tokens ----
export const WechatLoginBody = z.object({ code: z.string().regex(/^[A-Za-z0-9_-]{1,128}$/, '登录凭证格式不正确') });
const RefreshTokenSchema = z.string().regex(/^rt_[A-Za-z0-9_-]{10,200}$/, '刷新令牌格式不正确');
export const RefreshBody = z.object({ refreshToken: RefreshTokenSchema });
export const LogoutBody = z.object({ refreshToken: RefreshTokenSchema });
export const DevLoginBody = z.object({ userId: z.string().regex(/^[0-9a-f]{24}$/) });

export const TokenResponse = z.object({
  accessToken: z.string(),
  refreshToken: z.string().describe('一次性刷新令牌：每次刷新都会返回新的令牌，旧令牌作废'),
  expiresIn: z.number().int().describe('访问令牌有效期（秒）'),
  refreshExpiresIn: z.number().int(),
  user: LoginUser,
});
export type TokenResponse = z.infer<typeof TokenResponse>;

export const LogoutResponse = z.object({ ok: z.literal(true) });

export const DevUserView = z.object({
  id: z.string(),
  displayName: z.string(),
  role: z.string().describe('角色说明（中文）'),
  description: z.string(),
});
export const DevUsersResponse = z.object({ users: z.array(DevUserView) });

// ---- the current user ----
export const LangSchema = z.enum(['zh', 'bo']);

export const MaskedOwner = z.object({
  name: z.string().describe('脱敏姓名，如 扎*'),
  phoneMasked: z.string().nullable().describe('如 138****1234'),
});

export const DwellingLabel = z.object({
  dwellingId: z.string(),
  complexCode: z.string(),
  complexName: z.string(),
  buildingName: z.string(),
  entranceName: z.string(),
  room: z.string(),
  floor: z.number().int(),
  area: z.string().describe('专有面积（㎡，两位小数）'),
});
export type DwellingLabel = z.infer<typeof DwellingLabel>;

export const BindingRelationSchema = z.enum(['owner', 'family', 'tenant']);
export const BindingStatusSchema = z.enum(['active', 'pending', 'rejected', 'revoked', 'suspended']);
/** How a binding was established: a WeChat-verified phone equal to the roster's, or a committee review. */
export const BindingStrengthSchema = z.enum(['verified_phone', 'reviewed']);
/** Why a claim went to review, as a code the client turns into plain words (zh/bo). */
export const REVIEW_REASONS = ['owner_review', 'owner_mismatch', 'no_roster_owner', 'developer_unit', 'non_owner', 'phone_no_match'] as const;
export const ReviewReasonSchema = z.enum(REVIEW_REASONS);
export type ReviewReason = z.infer<typeof ReviewReasonSchema>;

export const MyBinding = z.object({
  id: z.string(),
  relation: BindingRelationSchema,
  status: BindingStatusSchema,
  reason: z.string().nullable().describe('驳回或撤销的理由，居民可见'),
  matched: z.boolean().describe('是否经手机号快速验证与名册一致（即时绑定）'),
  strength: BindingStrengthSchema.nullable().describe('绑定方式：verified_phone 手机号验证 / reviewed 业委会审核'),
  reviewReason: ReviewReasonSchema.nullable().describe('转人工审核的原因代码'),
  createdAt: isoDate,
  decidedAt: isoDate.nullable(),
  dwelling: DwellingLabel.extend({ owners: z.array(MaskedOwner).describe('始终为空：不向任何居民显示业主姓名或手机号') }),
});
export type MyBinding = z.infer<typeof MyBinding>;

export const MyProxy = z.object({
  id: z.string(),
  status: z.enum(['pending', 'approved', 'rejected', 'revoked', 'suspended']),
  reason: z.string().nullable(),
  dwelling: DwellingLabel,
});

export const MeResponse = z.object({
  id: z.string(),
  displayName: z.string(),
  grants: z.array(GrantView),
  bindings: z.array(MyBinding),
  proxies: z.array(MyProxy).describe('我作为受托人的委托'),
  privacy: z.object({
    agreedAt: isoDate.nullable(),
    version: z.string().nullable(),
    currentVersion: z.string(),
    needsAgreement: z.boolean(),
  }),
  lang: LangSchema,
  subscribe: z.object({ notices: z.boolean() }),
  alerts: z.object({ open: z.number().int() }).describe('待确认的房屋绑定变更提醒'),
  publicText: z.boolean().describe('能否发布全小区可见的文字（评价内容）：需经微信内容安全检查，网页登录的账号不能'),
});
export type MeResponse = z.infer<typeof MeResponse>;

export const PatchMeBody = z
  .object({
    displayName: userText(30).optional(),
    lang: LangSchema.optional(),
    subscribeNotices: z.boolean().optional().describe('是否同意接收订阅消息'),
  })
  .refine((b) => Object.keys(b).length > 0, { message: '没有要修改的内容' });

export const PrivacyBody = z.object({ version: z.string().regex(/^[0-9A-Za-z.-]{1,32}$/, '版本号格式不正确') });

// ---- grants ----
export const GrantBody = z.object({
  userId: ObjectIdSchema,
  role: RoleSchema,
  scope: ScopeSchema,
});
export const RevokeGrantBody = GrantBody.extend({ reason: userText(200).optional() });

export const GrantHolder = z.object({
  userId: z.string(),
  displayName: z.string(),
  grants: z.array(GrantView),
});
export const GrantResponse = GrantHolder;
export const GrantHolders = z.object({ items: z.array(GrantHolder) });

// ---- owner alerts ("this wasn't me") ----
export const AlertView = z.object({
  id: z.string(),
  kind: z.enum(['owner_binding', 'member_binding', 'proxy']),
  status: z.enum(['open', 'disputed', 'dismissed']),
  dwelling: DwellingLabel,
  subjectRelation: z.enum(['owner', 'family', 'tenant', 'proxy']),
  subjectName: z.string().describe('脱敏昵称'),
  createdAt: isoDate,
  decidedAt: isoDate.nullable(),
});
export type AlertView = z.infer<typeof AlertView>;
export const AlertList = z.object({ items: z.array(AlertView) });
export const DisputeBody = z.object({ note: userText(200).optional() });
export const AlertIdParams = z.object({ id: ObjectIdSchema });
/** (开发环境) H5 stand-in for the 手机号快速验证 button: a one-time code standing for the roster phone of the dwelling's first owner. */
export const DevPhoneCodeBody = z.object({ dwellingId: ObjectIdSchema });
export const DevPhoneCodeResponse = z.object({ code: z.string().describe('一次性凭证（5 分钟），用于 POST /api/claims/phone') });
