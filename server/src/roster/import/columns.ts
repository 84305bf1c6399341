import { ROSTER_COLUMNS, ROSTER_REQUIRED_COLUMNS, type RosterRowError } from '@gongzhi/shared';

export type Column = (typeof ROSTER_COLUMNS)[number];

/** Header spellings we accept for each column (compared after NFKC, without spaces or anything in brackets). */
const ALIASES: Record<string, Column> = {
  楼栋: '楼栋',
  楼号: '楼栋',
  楼栋号: '楼栋',
  幢号: '楼栋',
  单元: '单元',
  单元号: '单元',
  房号: '房号',
  房间号: '房号',
  室号: '房号',
  楼层: '楼层',
  所在楼层: '楼层',
  专有面积: '专有面积(㎡)',
  专有部分面积: '专有面积(㎡)',
  面积: '专有面积(㎡)',
  面积来源: '面积来源',
  房屋性质: '房屋性质',
  业主姓名: '业主姓名',
  业主: '业主姓名',
  姓名: '业主姓名',
  业主手机号: '业主手机号',
  手机号: '业主手机号',
  联系电话: '业主手机号',
  业主电话: '业主手机号',
  手机号码: '业主手机号',
  证件号码: '证件号码',
  身份证号: '证件号码',
  身份证号码: '证件号码',
  业主证件号码: '证件号码',
  开发商持有: '开发商持有',
  开发商: '开发商持有',
  备注: '备注',
};

export function canonicalHeader(h: string): Column | null {
  const k = h
    .normalize('NFKC')
    .replace(/\s/g, '')
    .replace(/\(.*?\)/g, '')
    .replace(/\[.*?\]/g, '');
  return ALIASES[k] ?? null;
}

/** Column positions by canonical name, or the errors for a header that lacks required columns. */
export function mapHeader(header: string[], headerRow: number): { index: Partial<Record<Column, number>>; errors: RosterRowError[] } {
  const index: Partial<Record<Column, number>> = {};
  const errors: RosterRowError[] = [];
  header.forEach((h, i) => {
    const c = canonicalHeader(h);
    if (!c) return;
    if (index[c] !== undefined) errors.push({ row: headerRow, column: h, reason: `列“${c}”重复出现` });
    else index[c] = i;
  });
  for (const c of ROSTER_REQUIRED_COLUMNS) {
    if (index[c] === undefined) errors.push({ row: headerRow, column: c, reason: `缺少必填列“${c}”，请使用名册模板` });
  }
  return { index, errors };
}
