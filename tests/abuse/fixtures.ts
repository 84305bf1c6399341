import { createHash } from 'node:crypto';
import mongoose, { Types } from 'mongoose';
import jwt from 'jsonwebtoken';
import type { Json } from '../support/json';
// Importing the domains registers their models (the routes import them too).
import '../../server/src/roster';
import '../../server/src/identity';

/**
 * A small world seeded straight through the models (setup, not what is tested): two complexes under one street,
 * one owner-resident in complex A, a committee member of A, street staff, an administrator, and a resident of
 * complex B (the "other complex" for object-level authorization checks). Tokens are minted the way the platform
 * signs them; identity's resolver still reads users and grants from the database.
 */
export const WORLD = {
  region: 'XZ',
  prefecture: 'XZ-LS',
  county: 'XZ-LS-CG',
  street: 'XZ-LS-CG-S1',
  community: 'XZ-LS-CG-S1-C1',
  complexA: 'ABUSE-A',
  complexB: 'ABUSE-B',
} as const;

export type RoleName = 'resident' | 'committee' | 'street' | 'admin' | 'residentB';
export interface World {
  users: Record<RoleName, string>;
  tokens: Record<RoleName, string>;
  dwellings: { a: string[]; b: string[] };
}

const model = (name: string) => mongoose.model(name);

export async function seedWorld(secret: string): Promise<World> {
  const Area = model('Area');
  const Dwelling = model('Dwelling');
  const User = model('User');
  const Binding = model('Binding');
  const w = WORLD;
  const chain: [string, string, string][] = [
    [w.region, 'region', '西藏自治区'],
    [w.prefecture, 'prefecture', '拉萨市'],
    [w.county, 'county', '城关区'],
    [w.street, 'street', '测试街道'],
    [w.community, 'community', '测试社区'],
  ];
  const path: string[] = [];
  for (const [code, level, name] of chain) {
    path.push(code);
    await Area.updateOne(
      { code },
      { $setOnInsert: { code, level, name, parentCode: path.length > 1 ? path[path.length - 2] : null, path: [...path] } },
      { upsert: true },
    );
  }
  const dwellings: World['dwellings'] = { a: [], b: [] };
  for (const [complex, key] of [
    [w.complexA, 'a'],
    [w.complexB, 'b'],
  ] as const) {
    const cPath = [...path, complex];
    const bld = `${complex}-B1`;
    const ent = `${bld}-E1`;
    await Area.updateOne(
      { code: complex },
      { $setOnInsert: { code: complex, level: 'complex', name: `小区${key.toUpperCase()}`, parentCode: w.community, path: cPath } },
      { upsert: true },
    );
    await Area.updateOne(
      { code: bld },
      { $setOnInsert: { code: bld, level: 'building', name: '1号楼', parentCode: complex, path: [...cPath, bld] } },
      { upsert: true },
    );
    await Area.updateOne(
      { code: ent },
      { $setOnInsert: { code: ent, level: 'entrance', name: '1单元', parentCode: bld, path: [...cPath, bld, ent] } },
      { upsert: true },
    );
    for (let i = 1; i <= 4; i++) {
      const room = `${i}01`;
      const d = await Dwelling.findOneAndUpdate(
        { complexCode: complex, buildingCode: bld, entranceCode: ent, room },
        {
          $setOnInsert: {
            areaPath: [...cPath, bld, ent],
            buildingName: '1号楼',
            entranceName: '1单元',
            floor: i,
            areaHundredths: 8000 + i * 100,
            areaSource: 'registered',
            propertyType: '商品房',
            developerHeld: false,
            headcountKey: `owner:${complex}:${i}`,
            owners: [{ name: `业主${i}`, nameKey: `业主${i}`, phoneMasked: '138****0000' }],
          },
        },
        { upsert: true, returnDocument: 'after', lean: true },
      );
      dwellings[key].push(String((d as Json)._id));
    }
  }
  const mkUser = async (name: string, grants: { role: string; scope: string; scopePath: string[] }[]) => {
    const u = await User.create({
      displayName: name,
      grants,
      grantsVersion: 0,
      lang: 'zh',
      subscribe: { notices: false },
      privacy: { agreedAt: new Date(), version: '2026-11' },
    });
    return String(u._id);
  };
  const aPath = [...path, w.complexA];
  const users: World['users'] = {
    resident: await mkUser('居民甲', []),
    committee: await mkUser('业委会甲', [{ role: 'committee', scope: w.complexA, scopePath: aPath }]),
    street: await mkUser('街道甲', [{ role: 'street_staff', scope: w.street, scopePath: path.slice(0, 4) }]),
    admin: await mkUser('管理员', [{ role: 'admin', scope: 'root', scopePath: ['root'] }]),
    residentB: await mkUser('居民乙', []),
  };
  await Binding.create({
    userId: new Types.ObjectId(users.resident),
    dwellingId: new Types.ObjectId(dwellings.a[0]),
    relation: 'owner',
    status: 'active',
    matched: true,
    complexCode: w.complexA,
    areaPath: [...aPath, `${w.complexA}-B1`, `${w.complexA}-B1-E1`],
  });
  await Binding.create({
    userId: new Types.ObjectId(users.residentB),
    dwellingId: new Types.ObjectId(dwellings.b[0]),
    relation: 'owner',
    status: 'active',
    matched: true,
    complexCode: w.complexB,
    areaPath: [...path, w.complexB, `${w.complexB}-B1`, `${w.complexB}-B1-E1`],
  });
  const grantsOf = async (id: string) => ((await User.findById(id).lean()) as Json).grants.map((g: Json) => ({ role: g.role, scope: g.scope }));
  const tokens = {} as World['tokens'];
  for (const [role, id] of Object.entries(users) as [RoleName, string][]) {
    // Every access token names a live session (identity refuses tokens without one).
    await mongoose.connection
      .db!.collection('sessions')
      .insertOne({ _id: new Types.ObjectId(id), userId: new Types.ObjectId(id), status: 'active', expiresAt: new Date(Date.now() + 24 * 3600e3) } as Json);
    tokens[role] = jwt.sign({ typ: 'access', sid: id, grants: await grantsOf(id) }, secret, { algorithm: 'HS256', subject: id, expiresIn: 3600 });
  }
  return { users, tokens, dwellings };
}

/**
 * A digest of every collection (count + hash of all documents in _id order), to prove a rejected request wrote
 * nothing. Run with JOBS=false so no periodic job writes in between.
 */
export async function dbDigest(ignore: string[] = []): Promise<Record<string, string>> {
  const db = mongoose.connection.db!;
  const out: Record<string, string> = {};
  const names = (await db.listCollections({}, { nameOnly: true }).toArray())
    .map((c) => c.name)
    .filter((n) => !ignore.includes(n))
    .sort();
  for (const name of names) {
    const docs = await db.collection(name).find({}).sort({ _id: 1 }).toArray();
    out[name] = `${docs.length}:${createHash('sha256').update(JSON.stringify(docs)).digest('hex').slice(0, 16)}`;
  }
  return out;
}
