import { Types } from 'mongoose';
import type { Role } from '../platform/http/route';
import { logger } from '../platform/logger';
import { User } from '../identity';
import { Binding } from '../roster';
import { refreshUserDwellings } from '../roster';
import { ensureArea } from '../roster';
import { importRoster } from '../roster';
import { buildingCodeOf, entranceCodeOf, normalizeRoom } from '../roster';
import { Area, Dwelling } from '../roster';
import { buildRosterXlsx } from '../roster';
import { PRIVACY_VERSION } from '@gongzhi/shared';
import { DEMO_UNITS, demoRosterRows } from './rosterData';

export const DEMO_COMPLEX = '540102001001001';
export const DEMO_AREAS = [
  { code: '54', level: 'region', name: '西藏自治区', nameBo: 'བོད་རང་སྐྱོང་ལྗོངས།', parentCode: null },
  { code: '5401', level: 'prefecture', name: '拉萨市', nameBo: 'ལྷ་ས་གྲོང་ཁྱེར།', parentCode: '54' },
  { code: '540102', level: 'county', name: '城关区', nameBo: 'ཁྲིན་ཀོན་ཆུས།', parentCode: '5401' },
  { code: '540102001', level: 'street', name: '八廓街道', nameBo: 'བར་སྐོར་ཁྲོམ་གཞུང་།', parentCode: '540102' },
  { code: '540102001001', level: 'community', name: '冲赛康社区', nameBo: 'ཚོང་ཁང་ཤར་སྡོད་ཁུལ།', parentCode: '540102001' },
  { code: DEMO_COMPLEX, level: 'complex', name: '幸福小区', nameBo: 'བདེ་སྐྱིད་ཁྱིམ་ཁུལ།', parentCode: '540102001001' },
] as const;

// Fixed times: a second run must not change a single field.
const SEEDED_AT = new Date('2026-11-01T00:00:00Z');

type Unit = readonly [string, string, string];
interface DemoUser {
  key: string;
  name: string;
  label: string;
  grants: { role: Role; scope: string }[];
  bindings: { unit: Unit; relation: 'owner' | 'family' | 'tenant' }[];
}

/** One demo user per role, shown in dev login with Chinese names. */
export const DEMO_USERS: DemoUser[] = [
  {
    key: 'a-resident-tashi',
    name: '扎西次仁',
    label: '居民（业主，两套房）',
    grants: [],
    bindings: [
      { unit: DEMO_UNITS.tashiA, relation: 'owner' },
      { unit: DEMO_UNITS.tashiB, relation: 'owner' },
    ],
  },
  { key: 'b-resident-drolma', name: '卓玛', label: '居民（共有业主）', grants: [], bindings: [{ unit: DEMO_UNITS.coOwned, relation: 'owner' }] },
  { key: 'c-resident-lhamo', name: '拉姆', label: '居民（业主）', grants: [], bindings: [{ unit: DEMO_UNITS.lhamo, relation: 'owner' }] },
  // Family of an owner: can read and rate, votes only as an approved proxy (the household picker shows her).
  { key: 'c2-family-dawa', name: '达瓦', label: '居民（拉姆的家人）', grants: [], bindings: [{ unit: DEMO_UNITS.lhamo, relation: 'family' }] },
  { key: 'd-tenant-pemba', name: '边巴', label: '租户', grants: [], bindings: [{ unit: DEMO_UNITS.tenant, relation: 'tenant' }] },
  {
    key: 'e-committee-gesang',
    name: '格桑',
    label: '业委会成员',
    grants: [{ role: 'committee', scope: DEMO_COMPLEX }],
    bindings: [{ unit: DEMO_UNITS.gesang, relation: 'owner' }],
  },
  { key: 'f-community-yangjin', name: '央金', label: '社区工作人员', grants: [{ role: 'community_worker', scope: '540102001001' }], bindings: [] },
  { key: 'g-street-liming', name: '李明', label: '街道工作人员', grants: [{ role: 'street_staff', scope: '540102001' }], bindings: [] },
  { key: 'h-county-wangqiang', name: '王强', label: '城关区干部', grants: [{ role: 'county_official', scope: '540102' }], bindings: [] },
  { key: 'i-prefecture-chenfang', name: '陈芳', label: '拉萨市干部', grants: [{ role: 'prefecture_official', scope: '5401' }], bindings: [] },
  { key: 'j-region-tsering', name: '次仁多吉', label: '自治区干部', grants: [{ role: 'region_official', scope: '54' }], bindings: [] },
  { key: 'k-admin', name: '系统管理员', label: '系统管理员', grants: [{ role: 'admin', scope: 'root' }], bindings: [] },
];

async function dwellingOf(unit: Unit) {
  const b = buildingCodeOf(DEMO_COMPLEX, unit[0]);
  return Dwelling.findOne({ complexCode: DEMO_COMPLEX, buildingCode: b, entranceCode: entranceCodeOf(b, unit[1]), room: normalizeRoom(unit[2]) }).lean();
}

/**
 * Demo data for `npm start` (SEED_DEMO=true). Idempotent: areas are upserted, the roster goes through the same
 * import command as an upload (with a fixed idempotency key, so a second run is a no-op), users and bindings are
 * inserted only when missing.
 */
export async function seedDemo(): Promise<void> {
  for (const a of DEMO_AREAS) await ensureArea({ ...a, nameBo: a.nameBo });
  const buffer = await buildRosterXlsx(demoRosterRows());
  const result = await importRoster({
    complexCode: DEMO_COMPLEX,
    buffer,
    filename: '幸福小区名册.xlsx',
    actorId: 'system:seed',
    dryRun: false,
    key: 'demo-seed:540102001001001:v1',
  });
  for (const u of DEMO_USERS) {
    const paths = await Promise.all(u.grants.map(async (g) => (g.scope === 'root' ? ['root'] : (await Area.findOne({ code: g.scope }).lean())!.path)));
    await User.updateOne(
      { demoKey: u.key },
      {
        $setOnInsert: {
          demoKey: u.key,
          displayName: u.name,
          demoLabel: u.label,
          grantsVersion: 0,
          lang: 'zh',
          subscribe: { notices: true },
          grants: u.grants.map((g, i) => ({ ...g, scopePath: paths[i] })),
          privacy: { agreedAt: SEEDED_AT, version: PRIVACY_VERSION },
          createdAt: SEEDED_AT,
          updatedAt: SEEDED_AT,
        },
      },
      { upsert: true, timestamps: false },
    );
    const user = await User.findOne({ demoKey: u.key }).select('_id').lean();
    for (const bnd of u.bindings) {
      const d = await dwellingOf(bnd.unit);
      if (!user || !d) continue;
      await Binding.updateOne(
        { userId: user._id, dwellingId: d._id },
        {
          $setOnInsert: {
            userId: user._id,
            dwellingId: d._id as Types.ObjectId,
            relation: bnd.relation,
            status: 'active',
            matched: true,
            complexCode: d.complexCode,
            areaPath: d.areaPath,
            decidedBy: 'system:seed',
            decidedAt: SEEDED_AT,
            createdAt: SEEDED_AT,
            updatedAt: SEEDED_AT,
          },
        },
        { upsert: true, timestamps: false },
      );
    }
    // An upsert bypasses the model's create hook; unchanged rights are not rewritten, so a second run changes nothing.
    if (user && u.bindings.length) await refreshUserDwellings([user._id]);
  }
  logger.info({ complex: DEMO_COMPLEX, dwellings: result.rows, users: DEMO_USERS.length }, 'demo data ready');
}
