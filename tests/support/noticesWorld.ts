import { seedAreaTree, createUser, findDwelling, wechatLogin, agreePrivacy, phoneClaim, T } from './identity';
import { fakePhone, importFile, row, toXlsx } from './rosterFiles';
import type { TestServer } from './server';
import type { FakeWechat } from './fakeWechat';

/**
 * The scenario's world built the way production builds it: the area tree, a street officer, the complex roster
 * imported from an XLSX by that officer, and residents who log in with WeChat, agree to the privacy guide,
 * set language/subscription and claim their dwelling (name + last 4 of the phone match the roster → bound).
 * Complex T.complex gets building 1 (rooms 101, 102, 201) and building 2 (rooms 101, 102); the neighbouring
 * complex T.complex2 one dwelling.
 */
export const ROSTER = [
  { c: T.complex, b: '1', room: '101', floor: 1, owner: '扎西', seed: 1 },
  { c: T.complex, b: '1', room: '102', floor: 1, owner: '卓玛', seed: 2 },
  { c: T.complex, b: '1', room: '201', floor: 2, owner: '次仁', seed: 3 },
  { c: T.complex, b: '2', room: '101', floor: 1, owner: '央金', seed: 4 },
  { c: T.complex, b: '2', room: '102', floor: 1, owner: '平措', seed: 5 },
  { c: T.complex2, b: '1', room: '101', floor: 1, owner: '格桑', seed: 6 },
] as const;

export interface Resident {
  id: string;
  token: string;
  openid: string;
}

export async function buildWorld(s: TestServer) {
  await seedAreaTree();
  const staff = await createUser({ name: '街道干部', grants: [{ role: 'street_staff', scope: T.street }] });
  for (const complex of [T.complex, T.complex2]) {
    const rows = ROSTER.filter((r) => r.c === complex).map((r) =>
      row({
        楼栋: r.b,
        单元: '1',
        房号: r.room,
        楼层: r.floor,
        '专有面积(㎡)': 80.5,
        业主姓名: r.owner,
        业主手机号: fakePhone(r.seed),
      }),
    );
    const imported = await importFile(s, staff.token, complex, await toXlsx(rows));
    if (imported.status >= 300) throw new Error(`roster import failed: ${imported.status} ${JSON.stringify(imported.body)}`);
  }
  const dw = await findDwelling(T.complex, '1', '1', '101');
  return { staff, complex: T.complex, buildingCodes: { b1: dw.buildingCode, b2: (await findDwelling(T.complex, '2', '1', '101')).buildingCode } };
}

/** A resident as the mini-program makes one: WeChat login, privacy, preferences, claim of their dwelling. */
export async function residentOf(
  s: TestServer,
  wx: FakeWechat,
  who: (typeof ROSTER)[number],
  prefs: { subscribe?: boolean; lang?: 'zh' | 'bo' } = {},
): Promise<Resident> {
  const openid = `o_${who.owner}_${who.seed}`;
  const login = await wechatLogin(s, wx, openid);
  await agreePrivacy(s, login.accessToken);
  const patch = await s.api('/api/me', {
    method: 'PATCH',
    token: login.accessToken,
    body: { subscribeNotices: prefs.subscribe ?? false, lang: prefs.lang ?? 'zh' },
  });
  if (patch.status !== 200) throw new Error(`PATCH /api/me failed: ${patch.status} ${JSON.stringify(patch.body)}`);
  const d = await findDwelling(who.c, who.b, '1', who.room);
  const claim = await phoneClaim(s, wx, login.accessToken, String(d._id), fakePhone(who.seed));
  if (claim.status >= 300 || claim.body.status !== 'active') throw new Error(`claim failed: ${claim.status} ${JSON.stringify(claim.body)}`);
  return { id: login.user.id, token: login.accessToken, openid };
}
