import mongoose, { type Types } from 'mongoose';
import { dwellingLabel } from '../../../server/src/roster/presenter';
import type { DwellingDoc } from '../../../server/src/roster/model';
import { mintAccessToken, sessionDoc } from '../../support/loadClient';
import { oid } from './ids';

/**
 * A street office's roster, written in bulk with deterministic `_id`s in the shapes the roster import and binding
 * approval write: street → 4 communities → C complexes → buildings of 50 (2 entrances) → dwellings; per dwelling an
 * owner and a family member or tenant (2 users, 2 active bindings, each user's rights document with its view, a
 * session), plus a committee member per complex, a street staff member and an administrator.
 */
export interface StreetComplex {
  code: string;
  name: string;
  path: string[];
  dwellings: { _id: Types.ObjectId; buildingCode: string; entranceCode: string; areaPath: string[]; areaHundredths: number; headcountKey: string }[];
  /** Per dwelling: [owner, member] user ids and access tokens. */
  owners: string[];
  members: string[];
  ownerTokens: string[];
  memberTokens: string[];
  committeeId: string;
  committeeToken: string;
}
export interface Street {
  code: string;
  path: string[];
  complexes: StreetComplex[];
  staffId: string;
  staffToken: string;
  adminId: string;
  adminToken: string;
  users: number;
}

const CHUNK = 1000;
export async function insertChunks(coll: string, docs: object[]) {
  const c = mongoose.connection.db!.collection(coll);
  for (let i = 0; i < docs.length; i += CHUNK) await c.insertMany(docs.slice(i, i + CHUNK) as never[], { ordered: false });
}

const CHAIN = ['XZ', 'XZ-LS', 'XZ-LS-CG', 'XZ-LS-CG-S1'];
const LEVELS = ['region', 'prefecture', 'county', 'street'];
const PER_BUILDING = 50;
const pad = (n: number, w = 3) => String(n).padStart(w, '0');

export async function seedStreet(opts: { complexes: number; dwellings: number; secret: string; now?: Date; tokenTtlS?: number }): Promise<Street> {
  const now = opts.now ?? new Date();
  const ttl = opts.tokenTtlS ?? 6 * 3600;
  const areas: object[] = [];
  const area = (code: string, level: string, name: string, path: string[]) =>
    areas.push({
      _id: oid(`area:${code}`),
      code,
      level,
      name,
      parentCode: path[path.length - 2] ?? null,
      path,
      rosterApplying: null,
      createdAt: now,
      updatedAt: now,
    });
  const existing = new Set(
    (
      await mongoose.connection
        .db!.collection('areas')
        .find({ code: { $in: CHAIN } }, { projection: { code: 1 } })
        .toArray()
    ).map((a) => a.code),
  );
  CHAIN.forEach((c, i) => {
    if (!existing.has(c)) area(c, LEVELS[i], `区域${i}`, CHAIN.slice(0, i + 1));
  });
  const communities = Array.from({ length: 4 }, (_, i) => `${CHAIN[3]}-SQ${i + 1}`);
  communities.forEach((c, i) => area(c, 'community', `第${i + 1}社区`, [...CHAIN, c]));
  const dwellings: object[] = [];
  const users: object[] = [];
  const bindings: object[] = [];
  const rights: object[] = [];
  const tok = (id: Types.ObjectId) => mintAccessToken(String(id), opts.secret, ttl);
  const user = (key: string, name: string, grants: object[] = []) => {
    const _id = oid(`user:${key}`);
    users.push({
      _id,
      displayName: name,
      grants,
      grantsVersion: 0,
      lang: 'zh',
      subscribe: { notices: false },
      privacy: { agreedAt: now, version: '2026-11' },
      createdAt: now,
      updatedAt: now,
    });
    return _id;
  };
  const complexes: StreetComplex[] = [];
  const per = Math.floor(opts.dwellings / opts.complexes);
  for (let k = 0; k < opts.complexes; k++) {
    const community = communities[k % communities.length];
    const code = `XQ-${pad(k + 1)}`;
    const name = `幸福${k + 1}小区`;
    const path = [...CHAIN, community, code];
    area(code, 'complex', name, path);
    const n = k === opts.complexes - 1 ? opts.dwellings - per * k : per;
    const cx: StreetComplex = {
      code,
      name,
      path,
      dwellings: [],
      owners: [],
      members: [],
      ownerTokens: [],
      memberTokens: [],
      committeeId: '',
      committeeToken: '',
    };
    for (let b = 1; b <= Math.ceil(n / PER_BUILDING); b++) {
      const bc = `${code}-B${b}`;
      area(bc, 'building', `${b}栋`, [...path, bc]);
      for (const u of [1, 2]) area(`${bc}-U${u}`, 'entrance', `${u}单元`, [...path, bc, `${bc}-U${u}`]);
    }
    for (let i = 0; i < n; i++) {
      const b = Math.floor(i / PER_BUILDING) + 1;
      const bc = `${code}-B${b}`;
      const u = i % PER_BUILDING < PER_BUILDING / 2 ? 1 : 2;
      const ec = `${bc}-U${u}`;
      const j = i % (PER_BUILDING / 2);
      const floor = Math.floor(j / 4) + 1;
      const d = {
        _id: oid(`dwelling:${code}:${i}`),
        complexCode: code,
        buildingCode: bc,
        entranceCode: ec,
        areaPath: [...path, bc, ec],
        buildingName: `${b}栋`,
        entranceName: `${u}单元`,
        room: `${floor}0${(j % 4) + 1}`,
        floor,
        areaHundredths: 5000 + ((i * 37) % 80) * 100,
        areaSource: 'registered',
        propertyType: '商品房',
        developerHeld: false,
        owners: [{ name: `业主${k}-${i}`, nameKey: `业主${k}-${i}` }],
        headcountKey: `hc:${code}:${i}`,
        createdAt: now,
        updatedAt: now,
      };
      dwellings.push(d);
      cx.dwellings.push(d);
      const label = dwellingLabel(d as unknown as DwellingDoc, name);
      for (const [rel, list, tokens] of [
        ['owner', cx.owners, cx.ownerTokens],
        [i % 3 === 0 ? 'tenant' : 'family', cx.members, cx.memberTokens],
      ] as const) {
        const uid = user(`${code}:${i}:${rel === 'owner' ? 'o' : 'm'}`, rel === 'owner' ? `业主${i}` : `家人${i}`);
        const bid = oid(`binding:${code}:${i}:${rel}`);
        bindings.push({
          _id: bid,
          userId: uid,
          dwellingId: d._id,
          relation: rel,
          status: 'active',
          matched: true,
          strength: 'verified_phone',
          complexCode: code,
          areaPath: d.areaPath,
          createdAt: now,
          updatedAt: now,
          decidedAt: now,
        });
        rights.push({
          _id: uid,
          bindings: [{ dwellingId: String(d._id), relation: rel, complexCode: code, areaPath: d.areaPath, buildingCode: bc, entranceCode: ec }],
          proxies: [],
          view: {
            bindings: [
              {
                id: String(bid),
                dwellingId: String(d._id),
                relation: rel,
                status: 'active',
                strength: 'verified_phone',
                reviewReason: null,
                reason: null,
                createdAt: now.toISOString(),
                decidedAt: now.toISOString(),
                label,
              },
            ],
            proxies: [],
          },
          version: 1,
          computedAt: now,
          checkedAt: now,
        });
        list.push(String(uid));
        tokens.push(tok(uid));
      }
    }
    const committee = user(`${code}:committee`, `业委会${k + 1}`, [{ role: 'committee', scope: code, scopePath: path }]);
    cx.committeeId = String(committee);
    cx.committeeToken = tok(committee);
    complexes.push(cx);
  }
  const staff = user('street:staff', '街道办', [{ role: 'street_staff', scope: CHAIN[3], scopePath: CHAIN }]);
  const admin = user('admin', '管理员', [{ role: 'admin', scope: 'root', scopePath: ['root'] }]);
  // Staff have a rights document too (no dwellings), written by their first request: without it the first request of
  // each committee member recomputes it (two scans of `bindings`), which the committee pages' figures would include.
  for (const key of [...complexes.map((cx) => `${cx.code}:committee`), 'street:staff', 'admin'])
    rights.push({ _id: oid(`user:${key}`), bindings: [], proxies: [], view: { bindings: [], proxies: [] }, version: 1, computedAt: now, checkedAt: now });
  await insertChunks('areas', areas);
  await insertChunks('dwellings', dwellings);
  await insertChunks('users', users);
  await insertChunks('bindings', bindings);
  await insertChunks('user_dwellings', rights);
  await insertChunks(
    'sessions',
    users.map((u) => sessionDoc((u as { _id: Types.ObjectId })._id, ttl)),
  );
  await insertChunks(
    'complex_summaries',
    complexes.map((c) => ({ _id: c.code, dwellings: c.dwellings.length, updatedAt: now })),
  );
  return {
    code: CHAIN[3],
    path: CHAIN,
    complexes,
    staffId: String(staff),
    staffToken: tok(staff),
    adminId: String(admin),
    adminToken: tok(admin),
    users: users.length,
  };
}
