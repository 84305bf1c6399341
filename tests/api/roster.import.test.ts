// Roster import: template, whole-file validation with row-level reasons, dry run, idempotent re-import,
// missing dwellings reported (never deleted), CSV encodings, export round-trip, no clear PII at rest, interrupted imports.
import mongoose, { Types } from 'mongoose';
import { ROSTER_COLUMNS, RosterImportResult } from '@gongzhi/shared';
import { startTestServer, type TestServer } from '../support/server';
import { createUser, bind, findDwelling, seedAreaTree, T, type TestUser } from '../support/identity';
import { download, fakeIdNumber, fakePhone, gridRows, importFile, postFile, readXlsx, row, toCsv, toXlsx, type Row } from '../support/rosterFiles';
import { Area, Dwelling } from '../../server/src/roster/model';
import { Binding } from '../../server/src/roster/bindingModel';
import { RosterImport, RosterImportPlan } from '../../server/src/roster/import/model';
import { writeJsonChunks } from '../../server/src/platform/chunkedJson';
import { dwellingsInScope } from '../../server/src/roster/queries';
import { resumeStaleImports } from '../../server/src/roster/import/apply';
import { claimComplex, complexHolder } from '../../server/src/roster/import/lock';
import { validateRoster } from '../../server/src/roster/import/validate';
import { readRosterFile } from '../../server/src/roster/import/readFile';
import type { Json } from '../support/json';

let s: TestServer;
let street: TestUser;
beforeAll(async () => {
  s = await startTestServer({ DB_PREFIX: 'roster_import', JOBS: 'false' });
  await seedAreaTree();
  street = await createUser({ name: '街道李', grants: [{ role: 'street_staff', scope: T.street }] });
});
afterAll(async () => {
  await s.stop();
});

const dwellingSnapshot = async (complexCode: string) =>
  JSON.stringify(await Dwelling.find({ complexCode }).sort({ buildingCode: 1, entranceCode: 1, room: 1 }).select('-updatedAt -lastImportId').lean());

describe('template', () => {
  it('is an XLSX with the Chinese headers, in order', async () => {
    const r = await download(s, '/api/roster/template', street.token);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toContain('spreadsheetml');
    const rows = await readXlsx(r.bytes);
    expect(rows[0]).toEqual([...ROSTER_COLUMNS]);
    expect(rows[0]).toEqual(
      expect.arrayContaining(['楼栋', '单元', '房号', '楼层', '专有面积(㎡)', '面积来源', '房屋性质', '业主姓名', '业主手机号', '证件号码', '开发商持有']),
    );
  });
});

describe('validation', () => {
  const bad: Row[] = [
    row({ 楼栋: '1', 单元: '1', 房号: '101', 楼层: 1, '专有面积(㎡)': 80.5, 业主姓名: '甲', 业主手机号: fakePhone(1) }), // row 2 ok
    row({ 楼栋: '1', 单元: '1', 房号: '', 楼层: 1, '专有面积(㎡)': 80, 业主姓名: '乙' }), // 3 missing room
    row({ 楼栋: '1', 单元: '1', 房号: '102', 楼层: 1, '专有面积(㎡)': -5, 业主姓名: '丙' }), // 4 negative area
    row({ 楼栋: '1', 单元: '1', 房号: '103', 楼层: 1, '专有面积(㎡)': '80.123', 业主姓名: '丁' }), // 5 3 decimals
    row({ 楼栋: '1', 单元: '1', 房号: '101室', 楼层: 1, '专有面积(㎡)': 70, 业主姓名: '戊' }), // 6 duplicate of row 2
    row({ 楼栋: '1', 单元: '1', 房号: '104', 楼层: 1, '专有面积(㎡)': 70, 面积来源: '估算', 业主姓名: '己' }), // 7 unknown source
    row({ 楼栋: '1', 单元: '1', 房号: '105', 楼层: 'x', '专有面积(㎡)': 70, 业主姓名: '庚', 业主手机号: '12345' }), // 8 floor + phone
    row({ 楼栋: '1', 单元: '1', 房号: '106', 楼层: 1, '专有面积(㎡)': 70, 业主姓名: '辛、壬', 业主手机号: fakePhone(2) }), // 9 phone count
    row({ 楼栋: '1', 单元: '1', 房号: '107', 楼层: 1, '专有面积(㎡)': 70, 业主姓名: '癸', 证件号码: '540102199001011230' }), // 10 bad checksum
    row({ 楼栋: '1', 单元: '1', 房号: '108', 楼层: 1, '专有面积(㎡)': 70, 业主姓名: '', 开发商持有: '否' }), // 11 no owner
    row({ 楼栋: '1', 单元: '1', 房号: '109', 楼层: 1, '专有面积(㎡)': 70, 业主姓名: '子', 开发商持有: '也许' }), // 12 bad flag
  ];

  it('rejects the whole file, listing every bad row with column and Chinese reason; nothing is written', async () => {
    const before = await dwellingSnapshot(T.complex);
    const areasBefore = await Area.countDocuments();
    const r = await importFile(s, street.token, T.complex, await toXlsx(bad));
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe('ROSTER_INVALID');
    expect(r.body.error.message).toMatch(/未写入任何数据/);
    const errs: { row: number; column: string; reason: string }[] = r.body.error.details.errors;
    const at = (n: number) => errs.filter((e) => e.row === n).map((e) => `${e.column}:${e.reason}`);
    expect(at(2)).toEqual([]);
    expect(at(3)).toEqual(['房号:缺少房号']);
    expect(at(4)).toEqual(['专有面积(㎡):专有面积必须是大于 0 的数字']);
    expect(at(5)).toEqual(['专有面积(㎡):专有面积最多保留两位小数']);
    expect(at(6)).toEqual(['房号:房号重复：与第 2 行是同一楼栋、单元和房号']);
    expect(at(7)).toEqual(['面积来源:面积来源只能是：登记、测绘、合同']);
    expect(at(8)).toEqual(['楼层:楼层必须是整数（-5 至 200，不含 0）', '业主手机号:手机号格式不正确']);
    expect(at(9)).toEqual(['业主手机号:手机号个数（1）与业主人数（2）不一致']);
    expect(at(10)[0]).toMatch(/^证件号码:证件号码格式不正确/);
    expect(at(11)).toEqual(['业主姓名:缺少业主姓名（开发商持有的房屋可不填）']);
    expect(at(12)).toEqual(['开发商持有:开发商持有只能填“是”或“否”']);
    expect(new Set(errs.map((e) => e.row))).toEqual(new Set([3, 4, 5, 6, 7, 8, 9, 10, 11, 12]));
    // the reasons never echo the personal data that was wrong
    expect(JSON.stringify(r.body)).not.toContain('12345');
    expect(await dwellingSnapshot(T.complex)).toBe(before);
    expect(await Area.countDocuments()).toBe(areasBefore);
    expect((await RosterImport.findById(r.body.error.details.importId).lean())!.status).toBe('rejected');
  });

  it('a file without the required columns is rejected at the header row', async () => {
    const csv = Buffer.from('楼栋,房号,业主姓名\n1,101,甲\n', 'utf8');
    const r = await importFile(s, street.token, T.complex, csv, { name: 'x.csv' });
    expect(r.status).toBe(422);
    expect(r.body.error.details.errors.map((e: Json) => e.column)).toEqual(['单元', '楼层', '专有面积(㎡)', '面积来源']);
    expect(r.body.error.details.errors.every((e: Json) => e.row === 1)).toBe(true);
  });

  it('unreadable files get a clear 400', async () => {
    const r = await importFile(s, street.token, T.complex, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 1, 2, 3]), { name: 'old.xls' });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('ROSTER_FILE_UNSUPPORTED');
    const none = await importFile(s, street.token, T.complex, Buffer.alloc(0));
    expect(none.status).toBe(400);
  });
});

describe('applying', () => {
  const base = (): Row[] => [
    ...gridRows({ buildings: 2, entrances: 1, floors: 2, seed: 500 }),
    row({ 楼栋: '1', 单元: '1', 房号: '301', 楼层: 3, '专有面积(㎡)': 88.88, 业主姓名: '扎西', 业主手机号: fakePhone(7001), 证件号码: fakeIdNumber(7001) }),
    row({
      楼栋: '2',
      单元: '1',
      房号: '301',
      楼层: 3,
      '专有面积(㎡)': 66.6,
      面积来源: '测绘',
      业主姓名: '扎西',
      业主手机号: fakePhone(7009),
      证件号码: fakeIdNumber(7001),
    }),
    row({ 楼栋: '1', 单元: '1', 房号: '302', 楼层: 3, '专有面积(㎡)': 90, 业主姓名: '卓玛；次旦', 业主手机号: `${fakePhone(7002)}；${fakePhone(7003)}` }),
    row({ 楼栋: '2', 单元: '1', 房号: '302', 楼层: 3, '专有面积(㎡)': 77.01, 业主姓名: '某置业公司', 开发商持有: '是' }),
    row({ 楼栋: '2', 单元: '1', 房号: '401', 楼层: 4, '专有面积(㎡)': 77.02, 开发商持有: '是' }),
  ];

  it('dry run previews without writing', async () => {
    const r = await importFile(s, street.token, T.complex, await toXlsx(base()), { dryRun: true });
    expect(r.status).toBe(200);
    expect(RosterImportResult.parse(r.body)).toEqual(
      expect.objectContaining({ dryRun: true, status: 'previewed', importId: null, rows: 13, created: 13, updated: 0 }),
    );
    expect(await Dwelling.countDocuments({ complexCode: T.complex })).toBe(0);
  });

  it('applies: buildings and entrances become areas, areas are exact hundredths, headcount keys group owners', async () => {
    const r = await importFile(s, street.token, T.complex, await toXlsx(base()));
    expect(r.status).toBe(200);
    expect(r.body).toEqual(expect.objectContaining({ status: 'applied', created: 13, updated: 0, unchanged: 0, buildings: 2, entrances: 2, missing: [] }));
    const b1 = await Area.findOne({ code: `${T.complex}-B1` }).lean();
    expect(b1).toEqual(expect.objectContaining({ level: 'building', name: '1栋', parentCode: T.complex }));
    const e1 = await Area.findOne({ code: `${T.complex}-B1-U1` }).lean();
    expect(e1!.path).toEqual([T.region, T.prefecture, T.county, T.street, T.community, T.complex, `${T.complex}-B1`, `${T.complex}-B1-U1`]);
    const tashi1 = await findDwelling(T.complex, '1', '1', '301');
    const tashi2 = await findDwelling(T.complex, '2', '1', '301');
    expect(tashi1.areaHundredths).toBe(8888);
    expect(tashi2.areaHundredths).toBe(6660);
    expect(tashi2.areaSource).toBe('surveyed');
    expect(tashi1.headcountKey).toBe(tashi2.headcountKey); // same ID number → one person
    expect(tashi1.headcountKey).toMatch(/^owner:[0-9a-f]{32}$/);
    const co = await findDwelling(T.complex, '1', '1', '302');
    expect(co.owners.map((o) => o.name)).toEqual(['卓玛', '次旦']);
    expect(co.owners[1].phoneMasked).toBe(`139****${fakePhone(7003).slice(-4)}`);
    const dev1 = await findDwelling(T.complex, '2', '1', '302');
    const dev2 = await findDwelling(T.complex, '2', '1', '401');
    expect([dev1.headcountKey, dev2.headcountKey]).toEqual([`developer:${T.complex}`, `developer:${T.complex}`]);
    expect(dev1.developerHeld).toBe(true);
    const all = await dwellingsInScope({ complexCode: T.complex });
    expect(all).toHaveLength(13);
    expect(new Set(all.map((d) => d.headcountKey)).size).toBe(11); // 13 dwellings − 1 (扎西 twice) − 1 (developer twice)
  });

  it('no phone or ID digits are stored in clear anywhere', async () => {
    const db = mongoose.connection.db!;
    const dump = JSON.stringify(await Promise.all((await db.listCollections().toArray()).map((c) => db.collection(c.name).find({}).toArray())));
    for (const secret of [fakePhone(7001), fakePhone(7003), fakeIdNumber(7001), fakePhone(500)]) expect(dump).not.toContain(secret);
  });

  it('re-importing the same file converges (nothing changes); changed rows update, dropped rows are reported, bindings stay', async () => {
    const before = await dwellingSnapshot(T.complex);
    const again = await importFile(s, street.token, T.complex, await toXlsx(base()));
    expect(again.body).toEqual(expect.objectContaining({ created: 0, updated: 0, unchanged: 13 }));
    expect(await dwellingSnapshot(T.complex)).toBe(before);

    const resident = await createUser();
    const co = await findDwelling(T.complex, '1', '1', '302');
    const dropped = await findDwelling(T.complex, '1', '1', '101');
    await bind(resident.id, co._id, 'owner');
    await bind(resident.id, dropped._id, 'tenant');
    const next = base().filter((r) => !(r[0] === '1' && r[2] === '101'));
    next.find((r) => r[0] === '1' && r[2] === '302')![4] = 91.5;
    const r = await importFile(s, street.token, T.complex, await toXlsx(next));
    expect(r.body).toEqual(expect.objectContaining({ created: 0, updated: 1, unchanged: 11 }));
    expect(r.body.missing).toEqual([{ dwellingId: String(dropped._id), buildingName: '1栋', entranceName: '1单元', room: '101' }]);
    expect(await Dwelling.exists({ _id: dropped._id })).toBeTruthy();
    const after = await findDwelling(T.complex, '1', '1', '302');
    expect(String(after._id)).toBe(String(co._id));
    expect(after.areaHundredths).toBe(9150);
    expect(await Binding.countDocuments({ userId: new Types.ObjectId(resident.id), status: 'active' })).toBe(2);
  });

  it('reads CSV in UTF-8 (with BOM) and in GB18030 as saved by Excel on Chinese Windows', async () => {
    const rows = gridRows({ buildings: 1, floors: 1, seed: 900 });
    const utf8 = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), toCsv(rows)]);
    const r1 = await importFile(s, street.token, T.complex2, utf8, { name: 'r.csv', dryRun: true });
    expect(r1.status).toBe(200);
    expect(r1.body.created).toBe(2);
    const r2 = await importFile(s, street.token, T.complex2, GB18030_CSV, { name: 'gbk.csv', dryRun: true });
    expect(r2.status).toBe(200);
    expect(r2.body.created).toBe(1);
    const table = await readRosterFile(GB18030_CSV);
    expect(table.header).toEqual([...ROSTER_COLUMNS]);
    expect(table.rows[0].cells[7]).toBe('德吉');
  });
});

describe('idempotency key', () => {
  it('a retried upload with the same Idempotency-Key returns the first result without importing again', async () => {
    const file = await toXlsx(gridRows({ buildings: 1, floors: 1, seed: 1400 }));
    const send = () =>
      postFile(s, `/api/roster/${T.complex2}/import`, {
        token: street.token,
        file: { bytes: file, name: 'r.xlsx' },
        headers: { 'idempotency-key': 'upload-0001-abcd' },
      });
    const first = await send();
    const second = await send();
    expect(first.status).toBe(200);
    expect(second.body).toEqual(first.body);
    expect(await RosterImport.countDocuments({ complexCode: T.complex2, status: 'applied' })).toBe(1);
  });
});

describe('export round-trip', () => {
  it('exports XLSX with masked phone/ID; re-importing the export changes nothing', async () => {
    const r = await download(s, `/api/roster/${T.complex}/export`, street.token);
    expect(r.status).toBe(200);
    const rows = await readXlsx(r.bytes);
    expect(rows[0]).toEqual([...ROSTER_COLUMNS]);
    const text = JSON.stringify(rows);
    expect(text).not.toContain(fakePhone(7001));
    expect(text).toContain(`139****${fakePhone(7001).slice(-4)}`);
    expect(text).toContain(`**************${fakeIdNumber(7001).slice(-4)}`);
    const before = await dwellingSnapshot(T.complex);
    const again = await importFile(s, street.token, T.complex, r.bytes, { name: 'export.xlsx' });
    expect(again.status).toBe(200);
    expect(again.body).toEqual(expect.objectContaining({ created: 0, updated: 0, unchanged: rows.length - 1, missing: [] }));
    expect(await dwellingSnapshot(T.complex)).toBe(before);
  });

  it('a masked value that does not match the record is rejected (it cannot be verified)', async () => {
    const rows = [row({ 楼栋: '9', 单元: '1', 房号: '101', 楼层: 1, '专有面积(㎡)': 50, 业主姓名: '新人', 业主手机号: '139****0000' })];
    const r = await importFile(s, street.token, T.complex, await toXlsx(rows));
    expect(r.status).toBe(422);
    expect(r.body.error.details.errors[0].reason).toMatch(/脱敏/);
  });
});

describe('interrupted imports (no transactions)', () => {
  /** An import taking the complex, as the server does before it stores the plan. */
  async function claimFor(complex: string, id: Types.ObjectId) {
    const h = await complexHolder(complex);
    if (h.state !== 'free') throw new Error(`${complex} is held`);
    await claimComplex(complex, String(id), h.gen);
  }

  it('while an apply is unfinished the electorate cannot be frozen; the stored plan is replayed to finish it', async () => {
    const complex = T.complexC2;
    const table = await readRosterFile(await toXlsx(gridRows({ buildings: 1, floors: 2, seed: 1200 })));
    const { rows, errors } = validateRoster(table, complex, new Map());
    expect(errors).toEqual([]);
    const id = new Types.ObjectId();
    // what a crash after the claim and the plan, before any dwelling write, leaves behind (a chunk per row here)
    await claimFor(complex, id);
    const planChunks = await writeJsonChunks(RosterImportPlan, String(id), rows, 1);
    await RosterImport.create({
      _id: id,
      key: `crash-${id}`,
      complexCode: complex,
      actorId: street.id,
      filename: 'x.xlsx',
      fileHash: 'h',
      status: 'applying',
      rows: rows.length,
      created: rows.length,
      planChunks,
      startedAt: new Date(Date.now() - 600_000),
      heartbeatAt: new Date(Date.now() - 600_000),
    });
    await expect(dwellingsInScope({ complexCode: complex })).rejects.toMatchObject({ code: 'ROSTER_BUSY', status: 409 });
    await resumeStaleImports();
    expect((await RosterImport.findById(id).lean())!.status).toBe('applied');
    expect(await dwellingsInScope({ complexCode: complex })).toHaveLength(4);
    expect(await RosterImportPlan.countDocuments({ _id: { $in: rows.map((_, i) => `${id}:${i}`) } })).toBe(0); // plan dropped once applied
  });

  it('of imports taking a free complex at the same moment exactly one holds it, the others get 409', async () => {
    const complex = T.complexS2;
    const ids = Array.from({ length: 6 }, () => new Types.ObjectId());
    const took = await Promise.allSettled(ids.map((id) => claimFor(complex, id)));
    const won = took.filter((r) => r.status === 'fulfilled');
    expect(won).toHaveLength(1);
    for (const r of took) if (r.status === 'rejected' && r.reason.code) expect(r.reason.code).toBe('ROSTER_IMPORT_IN_PROGRESS');
    await expect(dwellingsInScope({ complexCode: complex })).rejects.toMatchObject({ code: 'ROSTER_BUSY' });
    // The winner's record: applied (as after a finished import), the complex is free again.
    const winner = ids[took.findIndex((r) => r.status === 'fulfilled')];
    await RosterImport.create({
      _id: winner,
      key: `race-${winner}`,
      complexCode: complex,
      actorId: 'x',
      fileHash: 'h',
      status: 'applied',
      startedAt: new Date(),
    });
    expect(await complexHolder(complex)).toMatchObject({ state: 'free' });
  });

  it('a second import while one is being applied gets 409; a stale one is finished first', async () => {
    const complex = T.complexS2;
    const staff = await createUser({ grants: [{ role: 'street_staff', scope: T.street2 }] });
    const id = new Types.ObjectId();
    await claimFor(complex, id);
    await RosterImport.create({
      _id: id,
      key: `busy-${id}`,
      complexCode: complex,
      actorId: staff.id,
      fileHash: 'h',
      status: 'applying',
      plan: [],
      startedAt: new Date(),
      heartbeatAt: new Date(),
    });
    const file = await toXlsx(gridRows({ buildings: 1, floors: 1, seed: 1300 }));
    const busy = await importFile(s, staff.token, complex, file);
    expect(busy.status).toBe(409);
    expect(busy.body.error.code).toBe('ROSTER_IMPORT_IN_PROGRESS');
    await RosterImport.updateOne({ _id: id }, { $set: { heartbeatAt: new Date(Date.now() - 600_000) } });
    const ok = await importFile(s, staff.token, complex, file);
    expect(ok.status).toBe(200);
    expect((await RosterImport.findById(id).lean())!.status).toBe('applied');
  });
});

/** The template header and one row (owner 德吉), encoded in GB18030 (made with Python's codec; Node can't encode it). */
const GB18030_CSV = Buffer.from(
  'wqW2sCy1pdSqLLe/usUswqWy4yzXqNPQw+a7/SipTyksw+a7/cC01LQst7/O3dDU1sos0rXW99DVw/ss0rXW98rWu/q6xSzWpLz+usXC6yy/qreiycyz1tPQLLG416INCjEs' +
    'MSwxMDEsMSw4MC4yNSy1x7zHLMnMxre3vyy1wryqLDEzOTA4OTEwMDAxLCy38SwNCg==',
  'base64',
);
