import { Dwelling } from '../../server/src/roster/model';
import { agreePrivacy, createUser, phoneClaim, seedAreaTree, T, wechatLogin } from './identity';
import type { FakeWechat } from './fakeWechat';
import { fakePhone, importFile, postFile, row, toCsv, type Row } from './rosterFiles';
import type { TestServer } from './server';
import { PNG_1PX } from './consultations';
import type { Json } from './json';

/**
 * 幸福小区 (T.complex) for the consultation scenario, built the way production does it: the street office imports
 * the roster (CSV), residents log in through (fake) WeChat and claim their dwellings with name + last 4 digits,
 * the committee approves the developer's claim and an owner's written proxy.
 *
 *   room        owner(s)            area (㎡)   headcount group
 *   1-1-101     扎西                 60.00       扎西 (3 dwellings)
 *   1-1-102     卓玛                 60.00       卓玛
 *   1-1-201     次仁                 75.50       次仁
 *   1-1-202     扎西                 75.50       扎西
 *   1-1-301     格桑、央金 (co-owned)  90.00       格桑+央金
 *   1-1-302     开发商 (developer)     90.00       developer
 *   1-2-101     拉巴                 80.00       拉巴
 *   1-2-102     开发商 (developer)     80.00       developer
 *   1-2-201     平措 (proxy: 旺堆)     100.00      平措
 *   1-2-202     达瓦 (paper ballot)   100.00      达瓦
 *   2-1-101     尼玛                 120.00      尼玛
 *   2-1-102     边巴                 120.00      边巴
 *   2-1-201     扎西                 150.00      扎西
 *   2-1-202     德吉 (does not vote)  49.00       德吉
 * Complex: 14 dwellings, 1250.00 ㎡, 11 persons. Entrance 1-1: 6 dwellings, 451.00 ㎡, 5 persons.
 */
export const ROSTER: { b: string; e: string; room: string; floor: number; area: string; owners: string[]; phones: number[]; developer?: boolean }[] = [
  { b: '1', e: '1', room: '101', floor: 1, area: '60.00', owners: ['扎西'], phones: [1] },
  { b: '1', e: '1', room: '102', floor: 1, area: '60.00', owners: ['卓玛'], phones: [2] },
  { b: '1', e: '1', room: '201', floor: 2, area: '75.50', owners: ['次仁'], phones: [3] },
  { b: '1', e: '1', room: '202', floor: 2, area: '75.50', owners: ['扎西'], phones: [1] },
  { b: '1', e: '1', room: '301', floor: 3, area: '90.00', owners: ['格桑', '央金'], phones: [4, 5] },
  { b: '1', e: '1', room: '302', floor: 3, area: '90.00', owners: ['拉萨某房地产开发公司'], phones: [90], developer: true },
  { b: '1', e: '2', room: '101', floor: 1, area: '80.00', owners: ['拉巴'], phones: [6] },
  { b: '1', e: '2', room: '102', floor: 1, area: '80.00', owners: ['拉萨某房地产开发公司'], phones: [90], developer: true },
  { b: '1', e: '2', room: '201', floor: 2, area: '100.00', owners: ['平措'], phones: [7] },
  { b: '1', e: '2', room: '202', floor: 2, area: '100.00', owners: ['达瓦'], phones: [8] },
  { b: '2', e: '1', room: '101', floor: 1, area: '120.00', owners: ['尼玛'], phones: [9] },
  { b: '2', e: '1', room: '102', floor: 1, area: '120.00', owners: ['边巴'], phones: [10] },
  { b: '2', e: '1', room: '201', floor: 2, area: '150.00', owners: ['扎西'], phones: [1] },
  { b: '2', e: '1', room: '202', floor: 2, area: '49.00', owners: ['德吉'], phones: [11] },
];

export const rosterRows = (override: (r: (typeof ROSTER)[number]) => Partial<(typeof ROSTER)[number]> = () => ({})): Row[] =>
  ROSTER.map((r0) => {
    const r = { ...r0, ...override(r0) };
    return row({
      楼栋: r.b,
      单元: r.e,
      房号: r.room,
      楼层: r.floor,
      '专有面积(㎡)': r.area,
      业主姓名: r.owners.join('、'),
      业主手机号: r.phones.map(fakePhone).join('、'),
      开发商持有: r.developer ? '是' : '否',
    });
  });

export const ENTRANCE_11 = `${T.complex}-B1-U1`;

export interface Resident {
  name: string;
  id: string;
  token: string;
}

export async function dwellingIdOf(b: string, e: string, room: string): Promise<string> {
  const d = await Dwelling.findOne({ complexCode: T.complex, buildingCode: `${T.complex}-B${b}`, entranceCode: `${T.complex}-B${b}-U${e}`, room }).lean();
  if (!d) throw new Error(`no dwelling ${b}-${e}-${room}`);
  return String(d._id);
}

async function ok(r: Promise<{ status: number; body: Json }>, what: string) {
  const x = await r;
  if (x.status >= 300) throw new Error(`${what}: ${x.status} ${JSON.stringify(x.body)}`);
  return x.body;
}

/** Builds the world above; returns tokens by name and dwelling ids by 'b-e-room'. */
export async function buildWorld(s: TestServer, wx: FakeWechat) {
  await seedAreaTree();
  const admin = await createUser({ name: '管理员', grants: [{ role: 'admin', scope: 'root' }] });
  const street = await createUser({ name: '街道', grants: [{ role: 'street_staff', scope: T.street }] });
  await ok(importFile(s, street.token, T.complex, toCsv(rosterRows()), { name: '幸福小区名册.csv' }), 'roster import');
  const dw: Record<string, string> = {};
  for (const r of ROSTER) dw[`${r.b}-${r.e}-${r.room}`] = await dwellingIdOf(r.b, r.e, r.room);

  let n = 0;
  const login = async (name: string): Promise<Resident> => {
    const t = await wechatLogin(s, wx, `openid-${name}-${n++}`);
    await agreePrivacy(s, t.accessToken);
    return { name, id: t.user.id, token: t.accessToken };
  };
  const committee = await login('业委会主任');
  await ok(s.api('/api/grants', { token: admin.token, body: { userId: committee.id, role: 'committee', scope: T.complex } }), 'grant committee');

  const people: Record<string, Resident> = {};
  const claim = async (name: string, last4Seed: number, rooms: string[]) => {
    people[name] ??= await login(name);
    for (const k of rooms) {
      // Owners bind the one instant way (手机号快速验证); developer units go through the committee's review.
      const r = await phoneClaim(s, wx, people[name].token, dw[k], fakePhone(last4Seed));
      if (r.status === 201) continue;
      const c = await ok(
        s.api('/api/claims', {
          token: people[name].token,
          body: { dwellingId: dw[k], relation: 'owner', ownerName: name, last4: fakePhone(last4Seed).slice(-4) },
        }),
        `claim ${name} ${k}`,
      );
      await ok(s.api(`/api/claims/${c.id}/decision`, { token: committee.token, body: { approve: true } }), `approve ${name}`);
    }
  };
  await claim('扎西', 1, ['1-1-101', '1-1-202', '2-1-201']);
  await claim('卓玛', 2, ['1-1-102']);
  await claim('次仁', 3, ['1-1-201']);
  await claim('格桑', 4, ['1-1-301']);
  await claim('央金', 5, ['1-1-301']);
  await claim('拉萨某房地产开发公司', 90, ['1-1-302', '1-2-102']); // developer units: the committee approves
  await claim('拉巴', 6, ['1-2-101']);
  await claim('平措', 7, ['1-2-201']);
  await claim('达瓦', 8, ['1-2-202']);
  await claim('尼玛', 9, ['2-1-101']);
  await claim('边巴', 10, ['2-1-102']);
  people['旺堆'] = await login('旺堆'); // 平措's son, votes by written proxy
  people['租户'] = await login('租户');
  await ok(s.api('/api/claims', { token: people['租户'].token, body: { dwellingId: dw['2-1-202'], relation: 'tenant', note: '租住' } }), 'tenant claim').then(
    (r) => ok(s.api(`/api/claims/${r.id}/decision`, { token: committee.token, body: { approve: true } }), 'approve tenant'),
  );
  const proxy = await ok(
    postFile(s, '/api/proxies', {
      token: people['平措'].token,
      fields: { dwellingId: dw['1-2-201'], proxyUserId: people['旺堆'].id },
      file: { bytes: PNG_1PX, name: '委托书.png' },
    }),
    'register proxy',
  );
  await ok(s.api(`/api/proxies/${proxy.id}/decision`, { token: committee.token, body: { approve: true } }), 'approve proxy');
  return { admin, street, committee, people, dw };
}
