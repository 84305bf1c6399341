import { ROSTER_COLUMNS } from '@gongzhi/shared';
import { parseCsv } from './readFile';
import { parseHundredths, validateRoster } from './validate';
import { buildingCodeOf, entranceCodeOf, headcountKeyOf, normalizeRoom } from './keys';
import { idChecksumOk, maskName, maskPhone, normalizeIdNumber, normalizeName, normalizePhone } from '../../identity';

describe('areas in hundredths, without floats', () => {
  it.each([
    ['89.5', 8950],
    ['89.50', 8950],
    ['89.500', 8950],
    ['0.01', 1],
    ['100', 10000],
    ['８９.５', 8950],
    ['89.555', 'scale'],
    ['0', null],
    ['-1', null],
    ['1e3', null],
    ['', null],
    ['12.3.4', null],
  ])('%s → %s', (text, expected) => expect(parseHundredths(text)).toBe(expected));
});

describe('personal data normalization', () => {
  it('phones', () => {
    expect(normalizePhone('+86 139-0891-0001')).toBe('13908910001');
    expect(normalizePhone('0891-6321234')).toBe('08916321234');
    expect(normalizePhone('1234')).toBeNull();
    expect(maskPhone('13908910001')).toBe('139****0001');
  });
  it('ID numbers: checksum, lowercase x, legacy 15 digits', () => {
    expect(idChecksumOk('11010519491231002X')).toBe(true);
    expect(normalizeIdNumber('11010519491231002x')).toBe('11010519491231002X');
    expect(normalizeIdNumber('110105194912310021')).toBeNull();
    expect(normalizeIdNumber('110105491231002')).toBe('110105491231002');
  });
  it('names compare without spaces or dots; masks keep the first character', () => {
    expect(normalizeName('扎西·次仁')).toBe(normalizeName('扎西 次仁'));
    expect(normalizeName('扎西•次仁')).toBe('扎西次仁');
    expect(maskName('卓玛')).toBe('卓*');
    expect(maskName('张')).toBe('张*');
  });
});

describe('codes and keys', () => {
  it('1栋, 1号楼 and 1 are one building; rooms drop 室', () => {
    expect(buildingCodeOf('C', '1栋')).toBe('C-B1');
    expect(buildingCodeOf('C', '1号楼')).toBe('C-B1');
    expect(buildingCodeOf('C', '东区综合楼')).toMatch(/^C-BH[0-9A-F]{8}$/);
    expect(entranceCodeOf('C-B1', '2单元')).toBe('C-B1-U2');
    expect(normalizeRoom(' 101室 ')).toBe('101');
  });
  it('headcount keys: same owner set → same key; developer units share one; unidentifiable owners count alone', () => {
    const o = (name: string, id: string) => ({ name, nameKey: name, idHash: id });
    expect(headcountKeyOf('C', 'k1', false, [o('甲', 'h1')])).toBe(headcountKeyOf('C', 'k2', false, [o('甲', 'h1')]));
    expect(headcountKeyOf('C', 'k1', false, [o('甲', 'h1'), o('乙', 'h2')])).toBe(headcountKeyOf('C', 'k2', false, [o('乙', 'h2'), o('甲', 'h1')]));
    expect(headcountKeyOf('C', 'k1', false, [o('甲', 'h1')])).not.toBe(headcountKeyOf('C', 'k1', false, [o('甲', 'h1'), o('乙', 'h2')]));
    expect(headcountKeyOf('C', 'k1', true, [])).toBe('developer:C');
    const anon = [{ name: '丙', nameKey: '丙' }];
    expect(headcountKeyOf('C', 'k1', false, anon)).not.toBe(headcountKeyOf('C', 'k2', false, anon));
  });
});

describe('CSV and whole-table validation', () => {
  it('parses quotes, doubled quotes and CRLF', () => {
    expect(parseCsv('a,"b,c","d""e"\r\n1,2,3\r\n')).toEqual([
      ['a', 'b,c', 'd"e'],
      ['1', '2', '3'],
    ]);
  });
  it('reports every bad row and returns no rows to write when any is bad', () => {
    const header = [...ROSTER_COLUMNS];
    const cells = (over: Record<string, string>) =>
      header.map(
        (h) => over[h] ?? ({ 楼栋: '1', 单元: '1', 楼层: '1', '专有面积(㎡)': '80', 面积来源: '登记', 业主姓名: '甲' } as Record<string, string>)[h] ?? '',
      );
    const table = {
      headerRow: 1,
      header,
      rows: [
        { rowNumber: 2, cells: cells({ 房号: '101' }) },
        { rowNumber: 3, cells: cells({ 房号: '102', 业主手机号: '13908910001、13908910002' }) },
        { rowNumber: 4, cells: cells({ 房号: '103', '专有面积(㎡)': '0' }) },
      ],
    };
    const { errors, rows } = validateRoster(table, 'C', new Map());
    expect(errors.map((e) => e.row)).toEqual([3, 4]);
    expect(rows.map((r) => r.room)).toEqual(['101']);
  });
});
