import ExcelJS from 'exceljs';
import { AREA_SOURCE_LABELS, PROPERTY_TYPES, ROSTER_COLUMNS, ROSTER_REQUIRED_COLUMNS } from '@gongzhi/shared';
import { Area, Dwelling, type DwellingDoc } from './model';
import { notFound } from '../platform/errors';
import { runInWorker } from '../platform/workerPool';

export type RosterCell = string | number;
const TEXT_COLUMNS = new Set(['楼栋', '单元', '房号', '业主手机号', '证件号码']);
const WIDTHS: Record<string, number> = { 业主姓名: 22, 业主手机号: 28, 证件号码: 34, '专有面积(㎡)': 14, 备注: 24 };

const GUIDE = [
  ['列', '是否必填', '说明'],
  ['楼栋', '必填', '如 1、1栋、1号楼（同一楼栋写法一致）'],
  ['单元', '必填', '如 1、1单元'],
  ['房号', '必填', '如 101；同一楼栋同一单元内不可重复'],
  ['楼层', '必填', '整数，地下室为负数'],
  ['专有面积(㎡)', '必填', '大于 0，最多两位小数，如 89.36'],
  ['面积来源', '必填', '登记（不动产登记簿）、测绘、合同：按此顺序取有的那一个'],
  ['房屋性质', '选填', PROPERTY_TYPES.join('、')],
  ['业主姓名', '必填', '共有业主用“、”或“;”分隔，如：卓玛、次旦（共有房屋计一票）'],
  ['业主手机号', '选填', '11 位手机号；多位业主按姓名顺序用“、”分隔。仅以加密摘要保存，用于居民认领核对'],
  ['证件号码', '选填', '18 位身份证号（以文本格式填写）；多位业主按姓名顺序分隔。仅以加密摘要保存'],
  ['开发商持有', '选填', '是/否：开发商未售出的房屋填“是”，同一小区的开发商房屋合计算一人'],
  ['备注', '选填', '最多 200 字'],
];

/** An XLSX with the roster header on sheet “名册” (plus a guide sheet), and the given data rows. */
export async function buildRosterXlsx(rows: RosterCell[][], withGuide = true): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '共治 Gongzhi';
  const ws = wb.addWorksheet('名册', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = ROSTER_COLUMNS.map((h) => ({
    header: h,
    key: h,
    width: WIDTHS[h] ?? 12,
    style: TEXT_COLUMNS.has(h) ? { numFmt: '@' } : h === '专有面积(㎡)' ? { numFmt: '0.00' } : {},
  }));
  ws.getRow(1).font = { bold: true };
  ROSTER_COLUMNS.forEach((h, i) => {
    if ((ROSTER_REQUIRED_COLUMNS as readonly string[]).includes(h)) ws.getRow(1).getCell(i + 1).font = { bold: true, color: { argb: 'FFC00000' } };
  });
  for (const r of rows) ws.addRow(r);
  if (withGuide) {
    const g = wb.addWorksheet('填写说明');
    g.columns = [{ width: 14 }, { width: 10 }, { width: 80 }];
    GUIDE.forEach((r) => g.addRow(r));
    g.getRow(1).font = { bold: true };
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export { formatArea } from '@gongzhi/shared';

/** A dwelling as a roster row. Phone and ID appear masked: re-importing the export keeps the stored digests. */
export function rosterRow(d: DwellingDoc): RosterCell[] {
  const owners = d.owners ?? [];
  const list = (f: 'phoneMasked' | 'idMasked') => (owners.every((o) => o[f]) ? owners.map((o) => o[f]).join('、') : '');
  return [
    d.buildingName,
    d.entranceName,
    d.room,
    d.floor,
    d.areaHundredths / 100,
    AREA_SOURCE_LABELS[d.areaSource],
    d.propertyType ?? '',
    d.developerHeld && owners.length === 1 && owners[0].name === '开发商' ? '' : owners.map((o) => o.name).join('、'),
    list('phoneMasked'),
    list('idMasked'),
    d.developerHeld ? '是' : '否',
    d.note ?? '',
  ];
}

export async function exportRoster(complexCode: string): Promise<{ buffer: Buffer; filename: string }> {
  const complex = await Area.findOne({ code: complexCode, level: 'complex' }).lean();
  if (!complex) throw notFound('COMPLEX_NOT_FOUND', '小区不存在');
  const docs = await Dwelling.find({ complexCode }).lean();
  docs.sort(
    (a, b) =>
      a.buildingCode.localeCompare(b.buildingCode, 'zh', { numeric: true }) ||
      a.entranceCode.localeCompare(b.entranceCode, 'zh', { numeric: true }) ||
      a.floor - b.floor ||
      a.room.localeCompare(b.room, 'zh', { numeric: true }),
  );
  const rows = docs.map(rosterRow);
  // A large complex takes ExcelJS seconds: built in a worker thread so votes and /healthz are not kept waiting.
  const built =
    rows.length > 200 ? Buffer.from(await runInWorker<Uint8Array>(__filename, 'buildRosterXlsx', [rows, false])) : await buildRosterXlsx(rows, false);
  return { buffer: built, filename: `${complex.name}-名册.xlsx` };
}
