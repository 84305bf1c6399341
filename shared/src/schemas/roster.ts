import { z } from 'zod';
import {
  AreaCodeSchema,
  BindingRelationSchema,
  BindingStatusSchema,
  BindingStrengthSchema,
  DwellingLabel,
  ObjectIdSchema,
  ReviewReasonSchema,
  userText,
} from './identity';

/** Roster API: the area tree, roster import/export, dwelling claims and proxies. */

export const AREA_LEVELS = ['region', 'prefecture', 'county', 'street', 'community', 'complex', 'building', 'entrance'] as const;
export const AreaLevelSchema = z.enum(AREA_LEVELS);
export type AreaLevel = z.infer<typeof AreaLevelSchema>;
export const AREA_LEVEL_LABELS: Record<AreaLevel, string> = {
  region: '自治区',
  prefecture: '地（市）',
  county: '县（区）',
  street: '街道（乡镇）',
  community: '社区',
  complex: '小区',
  building: '楼栋',
  entrance: '单元',
};

export const AreaView = z.object({
  code: z.string(),
  level: AreaLevelSchema,
  name: z.string(),
  nameBo: z.string().nullable(),
  parentCode: z.string().nullable(),
  path: z.array(z.string()),
});
export type AreaView = z.infer<typeof AreaView>;

export const AreaCodeParams = z.object({ code: z.union([z.literal('root'), AreaCodeSchema]) });
export const ComplexCodeParams = z.object({ complexCode: AreaCodeSchema });
export const AreaChildren = z.object({ area: AreaView.nullable(), items: z.array(AreaView) });
export const AreaDetail = z.object({ area: AreaView, ancestors: z.array(AreaView) });

export const CreateAreaBody = z.object({
  parentCode: AreaCodeSchema,
  code: AreaCodeSchema,
  level: AreaLevelSchema,
  name: userText(40),
  nameBo: userText(80).optional(),
});

export const ComplexQuery = z.object({
  q: userText(20).optional().describe('按名称搜索'),
  under: AreaCodeSchema.optional().describe('只列出该区域下的小区'),
});
export const ComplexItem = AreaView.extend({ dwellings: z.number().int(), pathNames: z.array(z.string()) });
export const ComplexList = z.object({ items: z.array(ComplexItem) });

export const RoomItem = z.object({ dwellingId: z.string(), room: z.string(), floor: z.number().int() });
export const RoomList = z.object({ entrance: AreaView, items: z.array(RoomItem) });

// ---- roster import ----
export const AREA_SOURCES = ['registered', 'surveyed', 'contract'] as const;
export const AreaSourceSchema = z.enum(AREA_SOURCES);
export const AREA_SOURCE_LABELS: Record<z.infer<typeof AreaSourceSchema>, string> = {
  registered: '登记',
  surveyed: '测绘',
  contract: '合同',
};
export const PROPERTY_TYPES = ['商品房', '房改房', '经济适用房', '安置房', '公租房', '廉租房', '自建房', '其他'] as const;

/** Column headers of the roster file, in order (the template and the export use exactly these). */
export const ROSTER_COLUMNS = [
  '楼栋',
  '单元',
  '房号',
  '楼层',
  '专有面积(㎡)',
  '面积来源',
  '房屋性质',
  '业主姓名',
  '业主手机号',
  '证件号码',
  '开发商持有',
  '备注',
] as const;
export const ROSTER_REQUIRED_COLUMNS = ['楼栋', '单元', '房号', '楼层', '专有面积(㎡)', '面积来源', '业主姓名'] as const;

/** Multipart upload: the file part (OpenAPI documents it as binary; the server reads it from the upload, not the fields). */
const FilePart = (description: string) => z.string().optional().meta({ format: 'binary', description });
export const RosterUploadBody = z.object({ file: FilePart('名册文件（.xlsx 或 .csv，表头见模板）') });

export const RosterImportQuery = z.object({
  dryRun: z
    .enum(['true', 'false', '1', '0'])
    .optional()
    .transform((v) => v === 'true' || v === '1')
    .describe('只校验并预览，不写入'),
});
export const RosterRowError = z.object({
  row: z.number().int().describe('表格中的行号（表头为第 1 行）'),
  column: z.string().nullable(),
  reason: z.string(),
});
export type RosterRowError = z.infer<typeof RosterRowError>;

export const MissingDwelling = z.object({
  dwellingId: z.string(),
  buildingName: z.string(),
  entranceName: z.string(),
  room: z.string(),
});
export const RosterImportResult = z.object({
  importId: z.string().nullable().describe('预览时为 null'),
  complexCode: z.string(),
  dryRun: z.boolean(),
  status: z.enum(['previewed', 'applied']),
  rows: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  buildings: z.number().int(),
  entrances: z.number().int(),
  missing: z.array(MissingDwelling).describe('名册中已有、但本次文件中没有的房屋（不会被删除）'),
});
export type RosterImportResult = z.infer<typeof RosterImportResult>;
/** Details of the 422 ROSTER_INVALID error: every bad row, nothing written. */
export const RosterInvalidDetails = z.object({ importId: z.string(), errors: z.array(RosterRowError) });

export const RosterImportRecord = z.object({
  id: z.string(),
  status: z.enum(['rejected', 'applying', 'applied']),
  actorId: z.string(),
  filename: z.string(),
  rows: z.number().int(),
  errorCount: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
});
export const RosterImportList = z.object({ items: z.array(RosterImportRecord) });

/**
 * Staff see masked owner names and no phone/ID digits by default; the full values of one owner come only from the
 * audited, rate-limited reveal route.
 */
export const RosterOwnerView = z.object({
  index: z.number().int().describe('该业主在名册中的序号（查看完整信息时使用）'),
  name: z.string().describe('脱敏姓名，如 扎**'),
  phoneMasked: z.string().nullable().describe('默认为 null；仅“查看完整信息”返回'),
  idMasked: z.string().nullable().describe('默认为 null；仅“查看完整信息”返回'),
  hasPhone: z.boolean(),
  hasId: z.boolean(),
});
export const RevealOwnerParams = z.object({ id: ObjectIdSchema, index: z.coerce.number().int().min(0).max(50) });
export const RevealOwnerBody = z.object({ reason: userText(200).describe('查看理由（记入审计日志）') });
export const RevealedOwner = z.object({
  name: z.string(),
  phoneMasked: z.string().nullable().describe('如 138****1234'),
  idMasked: z.string().nullable().describe('只显示后四位'),
});
export const RosterDwellingView = z.object({
  dwellingId: z.string(),
  buildingCode: z.string(),
  buildingName: z.string(),
  entranceCode: z.string(),
  entranceName: z.string(),
  room: z.string(),
  floor: z.number().int(),
  area: z.string(),
  areaSource: AreaSourceSchema,
  propertyType: z.string(),
  developerHeld: z.boolean(),
  owners: z.array(RosterOwnerView),
  headcountKey: z.string(),
  activeBindings: z.number().int(),
});
export const RosterDwellingList = z.object({
  complex: AreaView,
  totals: z.object({ dwellings: z.number().int(), area: z.string(), headcount: z.number().int() }),
  items: z.array(RosterDwellingView),
});

// ---- claims (binding a resident to a dwelling) ----
export const ClaimBody = z
  .object({
    dwellingId: ObjectIdSchema,
    relation: BindingRelationSchema,
    ownerName: userText(40).optional().describe('业主姓名（业主认领时必填）'),
    last4: z
      .string()
      .regex(/^[0-9]{3}[0-9Xx]$/, '请填写手机号或证件号码的后四位')
      .optional(),
    idNumber: z
      .string()
      .regex(/^[0-9A-Za-z]{6,18}$/, '证件号码格式不正确')
      .optional()
      .describe('业主的完整证件号码（只保存核对结果）'),
    note: userText(200).optional().describe('补充说明，供业委会审核'),
  })
  .refine((b) => b.relation !== 'owner' || (b.ownerName && (b.last4 || b.idNumber)), {
    message: '业主认领需填写业主姓名和手机号或证件号码后四位',
    path: ['last4'],
  });
/** 手机号快速验证: the one-time code from the getPhoneNumber button. */
export const PhoneClaimBody = z.object({
  dwellingId: ObjectIdSchema,
  phoneCode: z.string().regex(/^[A-Za-z0-9_-]{1,128}$/, '手机号验证凭证格式不正确'),
});
export const ClaimResult = z.object({
  id: z.string(),
  status: BindingStatusSchema,
  relation: BindingRelationSchema,
  matched: z.boolean().describe('手机号验证与名册一致（即时绑定）时为 true'),
  strength: BindingStrengthSchema.nullable(),
  reviewReason: ReviewReasonSchema.nullable().describe('转人工审核的原因代码，客户端显示对应说明'),
  message: z.string(),
});
export const ClaimIdParams = z.object({ id: ObjectIdSchema });
export const DecisionBody = z
  .object({
    approve: z.boolean(),
    reason: userText(200).optional(),
  })
  .refine((b) => b.approve || (b.reason && b.reason.length > 0), { message: '驳回时必须填写理由', path: ['reason'] });

export const ClaimStatusQuery = z.object({ status: BindingStatusSchema.optional() });
export const ClaimView = z.object({
  id: z.string(),
  userId: z.string(),
  displayName: z.string(),
  relation: BindingRelationSchema,
  status: BindingStatusSchema,
  matched: z.boolean(),
  strength: BindingStrengthSchema.nullable(),
  reviewReason: ReviewReasonSchema.nullable(),
  facts: z
    .object({
      nameMatches: z.boolean(),
      numberMatches: z.boolean(),
      idMatches: z.boolean(),
      phoneVerified: z.boolean(),
    })
    .describe('与名册核对的结果（只给审核人看）'),
  claimedName: z.string().nullable().describe('申请人填写的业主姓名'),
  note: z.string().nullable(),
  reason: z.string().nullable(),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
  dwelling: DwellingLabel.extend({ owners: z.array(RosterOwnerView) }),
});
export const ClaimList = z.object({ items: z.array(ClaimView) });
export const RevokeBody = z.object({ reason: userText(200) });

export const ResidentView = z.object({
  userId: z.string(),
  displayName: z.string(),
  relation: BindingRelationSchema,
  bindingId: z.string(),
  dwelling: DwellingLabel,
});
export const ResidentList = z.object({ items: z.array(ResidentView) });

// ---- proxies (written entrustment) ----
export const ProxyBody = z.object({
  dwellingId: ObjectIdSchema,
  proxyUserId: ObjectIdSchema,
  note: userText(200).optional(),
  file: FilePart('委托书照片或 PDF'),
});
export const ProxyView = z.object({
  id: z.string(),
  dwelling: DwellingLabel,
  proxyUserId: z.string(),
  proxyName: z.string(),
  registeredBy: z.string(),
  documentFileId: z.string(),
  status: z.enum(['pending', 'approved', 'rejected', 'revoked', 'suspended']),
  reason: z.string().nullable(),
  note: z.string().nullable(),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
});
export const ProxyList = z.object({ items: z.array(ProxyView) });
export const ProxyStatusQuery = z.object({ status: z.enum(['pending', 'approved', 'rejected', 'revoked', 'suspended']).optional() });
