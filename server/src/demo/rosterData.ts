import type { RosterCell } from '../roster';
import { fakeIdNumber, fakePhone } from './fakeIds';

/**
 * The demo roster of 幸福小区: 3 buildings × 2 entrances × 4 floors × 2 rooms = 48 dwellings, areas with
 * 2 decimals, one owner with two dwellings (扎西次仁), co-owners (卓玛、次旦), developer-held unsold units.
 */
const NAMES = [
  '次仁',
  '达瓦',
  '尼玛',
  '格桑',
  '拉姆',
  '边巴',
  '米玛',
  '平措',
  '旺堆',
  '普布',
  '索朗',
  '德吉',
  '白玛',
  '央宗',
  '曲珍',
  '罗布',
  '多吉',
  '扎巴',
  '桑珠',
  '洛桑',
  '赵建国',
  '王秀英',
  '李红梅',
  '张伟',
  '刘洋',
  '陈静',
  '杨帆',
  '黄丽',
  '周涛',
  '吴敏',
  '徐磊',
  '孙婷',
  '马超',
  '胡军',
  '朱琳',
  '郭峰',
  '何雪',
  '林浩',
  '高洁',
  '罗强',
  '郑华',
  '梁艳',
  '谢斌',
  '宋佳',
];

export const DEMO_DEVELOPER = '拉萨城投置业有限公司';
/** Special dwellings (building, entrance, room) the demo users are bound to. */
export const DEMO_UNITS = {
  tashiA: ['1', '1', '101'],
  tashiB: ['2', '1', '201'],
  coOwned: ['1', '2', '101'],
  gesang: ['1', '1', '201'],
  lhamo: ['2', '2', '102'],
  tenant: ['2', '2', '301'],
} as const;
export const TASHI = { name: '扎西次仁', phone: fakePhone(8801), id: fakeIdNumber(8801) };
export const CO_OWNERS = [
  { name: '卓玛', phone: fakePhone(8802) },
  { name: '次旦', phone: fakePhone(8803) },
];

const is = (u: readonly string[], b: number, e: number, room: string) => u[0] === String(b) && u[1] === String(e) && u[2] === room;

export function demoRosterRows(): RosterCell[][] {
  const rows: RosterCell[][] = [];
  let i = 0;
  for (let b = 1; b <= 3; b++) {
    for (let e = 1; e <= 2; e++) {
      for (let floor = 1; floor <= 4; floor++) {
        for (let n = 1; n <= 2; n++) {
          const room = `${floor}0${n}`;
          const hundredths = 6000 + ((i * 3709) % 4000); // 60.00 … 99.99 ㎡
          const area = (hundredths / 100).toFixed(2);
          const source = i % 7 === 3 ? '测绘' : i % 11 === 5 ? '合同' : '登记';
          const type = b === 1 ? '房改房' : '商品房';
          let names = NAMES[i % NAMES.length];
          let phones = fakePhone(9000 + i);
          let ids = i % 3 === 0 ? fakeIdNumber(9000 + i) : '';
          let developer = '否';
          if (is(DEMO_UNITS.tashiA, b, e, room) || is(DEMO_UNITS.tashiB, b, e, room)) {
            names = TASHI.name;
            phones = TASHI.phone;
            ids = TASHI.id;
          } else if (is(DEMO_UNITS.coOwned, b, e, room)) {
            names = CO_OWNERS.map((o) => o.name).join('、');
            phones = CO_OWNERS.map((o) => o.phone).join('、');
            ids = '';
          } else if (is(DEMO_UNITS.lhamo, b, e, room)) {
            names = '拉姆';
          } else if (is(DEMO_UNITS.gesang, b, e, room)) {
            names = '格桑';
          } else if (b === 3 && e === 2 && floor >= 3) {
            names = DEMO_DEVELOPER;
            phones = '';
            ids = '';
            developer = '是';
          }
          rows.push([`${b}`, `${e}`, room, floor, Number(area), source, type, names, phones, ids, developer, '']);
          i++;
        }
      }
    }
  }
  return rows;
}
