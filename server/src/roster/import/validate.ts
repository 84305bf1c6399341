import { PROPERTY_TYPES, type RosterRowError } from '@gongzhi/shared';
import { MASKED_ID, MASKED_PHONE, idPii, normalizeIdNumber, normalizeName, normalizePhone, phonePii, type OwnerPii } from '../../identity';
import type { AreaSource, DwellingDoc, OwnerDoc } from '../model';
import { mapHeader, type Column } from './columns';
import type { RawTable } from './readFile';
import { buildingCodeOf, buildingDisplayName, entranceCodeOf, entranceDisplayName, headcountKeyOf, normalizeRoom } from './keys';

/** One validated row, ready to be written: no clear phone/ID digits survive past this point. */
export interface PlannedDwelling {
  rowNumber: number;
  buildingCode: string;
  buildingName: string;
  entranceCode: string;
  entranceName: string;
  room: string;
  floor: number;
  areaHundredths: number;
  areaSource: AreaSource;
  propertyType: string;
  developerHeld: boolean;
  owners: OwnerDoc[];
  headcountKey: string;
  note?: string;
}

export const dwellingKey = (d: { buildingCode: string; entranceCode: string; room: string }) => `${d.buildingCode}|${d.entranceCode}|${d.room}`;

const SOURCES: Record<string, AreaSource> = {
  登记: 'registered',
  不动产登记: 'registered',
  产权登记: 'registered',
  登记面积: 'registered',
  registered: 'registered',
  测绘: 'surveyed',
  实测: 'surveyed',
  测绘面积: 'surveyed',
  surveyed: 'surveyed',
  合同: 'contract',
  合同面积: 'contract',
  购房合同: 'contract',
  contract: 'contract',
};
const YES = new Set(['是', 'Y', 'YES', 'TRUE', '1']);
const NO = new Set(['', '否', 'N', 'NO', 'FALSE', '0']);
const splitList = (s: string) =>
  s
    .split(/[、;；]/)
    .map((x) => x.trim())
    .filter(Boolean);

/** "89.5" → 8950; null when not a positive decimal; 'scale' when it has more than 2 decimals. */
export function parseHundredths(text: string): number | null | 'scale' {
  const t = text.normalize('NFKC').trim();
  const m = /^(\d+)(?:\.(\d+))?$/.exec(t);
  if (!m) return null;
  const frac = (m[2] ?? '').replace(/0+$/, '');
  if (frac.length > 2) return 'scale';
  const v = Number(m[1]) * 100 + Number(frac.padEnd(2, '0') || '0');
  return v > 0 ? v : null;
}

export function validateRoster(table: RawTable, complexCode: string, existing: Map<string, DwellingDoc>) {
  const { index, errors } = mapHeader(table.header, table.headerRow);
  const rows: PlannedDwelling[] = [];
  if (errors.length) return { errors, rows };
  const firstRowOf = new Map<string, number>();

  for (const raw of table.rows) {
    const rowErrors: RosterRowError[] = [];
    const get = (c: Column) => (index[c] === undefined ? '' : (raw.cells[index[c]!] ?? '').trim());
    const fail = (column: Column, reason: string) => rowErrors.push({ row: raw.rowNumber, column, reason });

    const building = get('楼栋');
    const entrance = get('单元');
    const roomRaw = get('房号');
    if (!building) fail('楼栋', '缺少楼栋');
    else if (building.length > 20) fail('楼栋', '楼栋名称过长（最多 20 字）');
    if (!entrance) fail('单元', '缺少单元');
    else if (entrance.length > 20) fail('单元', '单元名称过长（最多 20 字）');
    const room = normalizeRoom(roomRaw);
    if (!room) fail('房号', '缺少房号');
    else if (room.length > 20) fail('房号', '房号过长（最多 20 字）');

    const floorText = get('楼层').normalize('NFKC');
    const floor = /^-?\d+$/.test(floorText) ? Number(floorText) : NaN;
    if (!floorText) fail('楼层', '缺少楼层');
    else if (!Number.isInteger(floor) || floor < -5 || floor > 200 || floor === 0) fail('楼层', '楼层必须是整数（-5 至 200，不含 0）');

    const areaText = get('专有面积(㎡)');
    const area = parseHundredths(areaText);
    if (!areaText) fail('专有面积(㎡)', '缺少专有面积');
    else if (area === 'scale') fail('专有面积(㎡)', '专有面积最多保留两位小数');
    else if (area === null) fail('专有面积(㎡)', '专有面积必须是大于 0 的数字');
    else if (area > 9_999_999) fail('专有面积(㎡)', '专有面积过大（最多 99999.99㎡）');

    const sourceText = get('面积来源');
    const areaSource = SOURCES[sourceText.normalize('NFKC').replace(/\s/g, '').toLowerCase()];
    if (!sourceText) fail('面积来源', '缺少面积来源');
    else if (!areaSource) fail('面积来源', '面积来源只能是：登记、测绘、合同');

    const propertyType = get('房屋性质');
    if (propertyType && !(PROPERTY_TYPES as readonly string[]).includes(propertyType)) {
      fail('房屋性质', `房屋性质只能是：${PROPERTY_TYPES.join('、')}`);
    }

    const devText = get('开发商持有').normalize('NFKC').toUpperCase();
    const developerHeld = YES.has(devText);
    if (!YES.has(devText) && !NO.has(devText)) fail('开发商持有', '开发商持有只能填“是”或“否”');

    const note = get('备注');
    if (note.length > 200) fail('备注', '备注过长（最多 200 字）');

    const bCode = building ? buildingCodeOf(complexCode, building) : '';
    const eCode = bCode && entrance ? entranceCodeOf(bCode, entrance) : '';
    const key = bCode && eCode && room ? dwellingKey({ buildingCode: bCode, entranceCode: eCode, room }) : '';
    const owners = parseOwners(get, fail, developerHeld, existing.get(key));

    if (key) {
      const first = firstRowOf.get(key);
      if (first !== undefined) fail('房号', `房号重复：与第 ${first} 行是同一楼栋、单元和房号`);
      else firstRowOf.set(key, raw.rowNumber);
    }
    if (rowErrors.length) {
      errors.push(...rowErrors);
      continue;
    }
    rows.push({
      rowNumber: raw.rowNumber,
      buildingCode: bCode,
      buildingName: buildingDisplayName(building),
      entranceCode: eCode,
      entranceName: entranceDisplayName(entrance),
      room,
      floor,
      areaHundredths: area as number,
      areaSource: areaSource!,
      propertyType,
      developerHeld,
      owners: owners!,
      note: note || undefined,
      headcountKey: headcountKeyOf(complexCode, key, developerHeld, owners!),
    });
  }
  return { errors, rows };
}

type Getter = (c: Column) => string;
type Fail = (c: Column, reason: string) => void;

/**
 * Owner names, phones and ID numbers, several separated by 、 or ; (co-owners), matched by position.
 * A masked value (as our export writes it) is accepted only when it matches the owner already on record.
 */
function parseOwners(get: Getter, fail: Fail, developerHeld: boolean, prior: DwellingDoc | undefined): OwnerDoc[] | null {
  const names = splitList(get('业主姓名'));
  const phones = splitList(get('业主手机号'));
  const ids = splitList(get('证件号码'));
  let ok = true;
  const bad = (c: Column, reason: string) => {
    ok = false;
    fail(c, reason);
  };
  if (names.length === 0 && !developerHeld) bad('业主姓名', '缺少业主姓名（开发商持有的房屋可不填）');
  if (names.length > 10) bad('业主姓名', '共有业主最多 10 人');
  if (names.some((n) => n.length > 40)) bad('业主姓名', '业主姓名过长（最多 40 字）');
  const owners = (names.length ? names : ['开发商']).map((name) => ({ name, nameKey: normalizeName(name) }) as OwnerDoc);
  if (phones.length && phones.length !== owners.length) bad('业主手机号', `手机号个数（${phones.length}）与业主人数（${owners.length}）不一致`);
  if (ids.length && ids.length !== owners.length) bad('证件号码', `证件号码个数（${ids.length}）与业主人数（${owners.length}）不一致`);
  if (!ok) return null;

  const nth = (i: number) => (owners.length > 1 ? `第 ${i + 1} 个` : '');
  owners.forEach((o, i) => {
    const before = prior?.owners.find((p) => p.nameKey === o.nameKey);
    if (phones[i]) {
      const pii = piiOf(phones[i], MASKED_PHONE, normalizePhone, phonePii, before, 'phoneMasked', ['phoneHash', 'phoneLast4Hash', 'phoneMasked']);
      if (pii === 'masked') bad('业主手机号', `${nth(i)}手机号为脱敏显示，无法与原名册核对，请填写完整号码`);
      else if (!pii) bad('业主手机号', `${nth(i)}手机号格式不正确`);
      else Object.assign(o, pii);
    }
    if (ids[i]) {
      const pii = piiOf(ids[i], MASKED_ID, normalizeIdNumber, idPii, before, 'idMasked', ['idHash', 'idLast4Hash', 'idMasked']);
      if (pii === 'masked') bad('证件号码', `${nth(i)}证件号码为脱敏显示，无法与原名册核对，请填写完整号码`);
      else if (!pii) bad('证件号码', `${nth(i)}证件号码格式不正确（身份证须为 18 位且校验位正确，请以文本格式填写）`);
      else Object.assign(o, pii);
    }
  });
  return ok ? owners : null;
}

function piiOf(
  value: string,
  masked: RegExp,
  normalize: (s: string) => string | null,
  hash: (s: string) => OwnerPii,
  before: OwnerDoc | undefined,
  maskField: keyof OwnerDoc,
  fields: (keyof OwnerPii)[],
): OwnerPii | null | 'masked' {
  if (masked.test(value)) {
    if (!before || before[maskField] !== value) return 'masked';
    return Object.fromEntries(fields.map((f) => [f, before[f]])) as OwnerPii;
  }
  const n = normalize(value);
  return n ? hash(n) : null;
}
