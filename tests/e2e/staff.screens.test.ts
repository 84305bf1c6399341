import type { Browser } from 'playwright-core';
import { launchBrowser } from '../support/browser';
import { decidedHowVote } from '../support/decidedVote';
import type { TestServer } from '../support/server';
import {
  chip,
  confirmModal,
  devLogin,
  fullShot,
  overflowingText,
  PNG_1PX,
  press,
  smallTapTargets,
  staffPage,
  startStaffServer,
  tap,
  visible,
  type Session,
} from './staffSupport';

// The rest of the workbench, each screen used once and photographed in Chinese, Tibetan and large text:
// pledges confirmed on the project page, a claim rejected with a picked reason, a roster file with bad rows,
// and the officials' read-only dashboard with the evaluation export.
let s: TestServer;
let browser: Browser;
let committee: Session;
let street: Session;
let projectId: string;
const DEMO_COMPLEX = '540102001001001';

beforeAll(async () => {
  s = await startStaffServer();
  browser = await launchBrowser();
  committee = await devLogin(s, '格桑');
  street = await devLogin(s, '李明');
  const p = await s.api('/api/projects', { token: street.accessToken, body: { complexCode: DEMO_COMPLEX, year: 2026, name: '幸福小区综合改造' } });
  expect(p.status).toBe(201);
  projectId = p.body.id;
  const items = await s.api(`/api/projects/${projectId}/items`, {
    method: 'PUT',
    token: street.accessToken,
    body: {
      items: [
        { category: 'basic', name: '屋面防水修缮', quantity: 1200, unit: '㎡', budgetFen: 48_000_000 },
        { category: 'improvement', name: '适老化与无障碍改造', quantity: 6, unit: '处', budgetFen: 12_000_000 },
      ],
    },
  });
  expect(items.status).toBe(200);
  const funding = await s.api(`/api/projects/${projectId}/funding`, {
    method: 'PUT',
    token: street.accessToken,
    body: { centralSubsidyFen: 40_000_000, residentsFen: 2_000_000 },
  });
  expect(funding.status).toBe(200);
  const tashi = await devLogin(s, '扎西次仁');
  const me = (await s.api('/api/me', { token: tashi.accessToken })).body;
  const pledge = await s.api(`/api/projects/${projectId}/pledges`, {
    token: tashi.accessToken,
    body: { kind: 'money', dwellingId: me.bindings[0].dwelling.dwellingId, amountFen: 50_000 },
  });
  expect(pledge.status).toBe(201);
  await decidedHowVote(projectId); // 方案公示 needs a decided 怎么改 vote
  // Plan published, works under way: progress can be posted from now on.
  for (const to of ['annual_plan', 'design', 'publicity', 'construction']) {
    const r = await s.api(`/api/projects/${projectId}/transitions`, { token: street.accessToken, body: { to } });
    expect([to, r.status]).toEqual([to, 200]);
  }
}, 90_000);
afterAll(async () => {
  await browser?.close();
  await s?.stop();
});

it('the committee confirms a pledge and posts construction progress with a photo on the project page', async () => {
  const { page, errors } = await staffPage(browser, committee);
  await page.goto(`${s.url}/#/pages-staff/index/index`);
  await tap(page, '幸福小区综合改造');
  await visible(page, '已认捐');
  await visible(page, '屋面防水修缮');
  await tap(page, '确认已收到');
  await confirmModal(page);
  await visible(page, '已确认收到');
  await visible(page, '¥500 / ¥20,000');
  expect(await smallTapTargets(page)).toEqual([]);
  await fullShot(page, 'staff-project-zh');

  const roof = page.locator('.st-row:visible', { hasText: '屋面防水修缮' });
  await press(roof.getByText('＋', { exact: true }));
  await press(roof.getByText('＋', { exact: true }));
  await roof.getByText('20%', { exact: true }).waitFor();
  await page.locator('.st-textarea:visible textarea').first().fill('屋面防水层已铺设两成'); // the progress note (the discussion box comes after it)
  const chooser = page.waitForEvent('filechooser');
  await tap(page, '添加现场照片');
  await (await chooser).setFiles({ name: '现场.png', mimeType: 'image/png', buffer: PNG_1PX });
  await tap(page, '发布进度');
  await visible(page, '进度已发布');
  const updates = (await s.api(`/api/projects/${projectId}/progress`, { token: committee.accessToken })).body.updates;
  expect(updates).toHaveLength(1);
  expect(updates[0]).toMatchObject({ note: '屋面防水层已铺设两成', items: [{ name: '屋面防水修缮', percent: 20 }] });
  expect(updates[0].photoFileIds).toHaveLength(1);
  expect(errors).toEqual([]);
}, 90_000);

it('the committee rejects a dwelling claim that does not match the roster, with a picked reason', async () => {
  const pemba = await devLogin(s, '边巴');
  const rooms = (await s.api(`/api/areas/${DEMO_COMPLEX}-B3-U1/rooms`, { token: pemba.accessToken })).body;
  const room = rooms.items.find((r: { room: string }) => r.room === '101');
  const claim = await s.api('/api/claims', {
    token: pemba.accessToken,
    body: { dwellingId: room.dwellingId, relation: 'owner', ownerName: '边巴', last4: '0000' },
  });
  expect(claim.body.status).toBe('pending');

  const { page, errors } = await staffPage(browser, committee);
  await page.goto(`${s.url}/#/pages-staff/reviews/index?complex=${DEMO_COMPLEX}`);
  await visible(page, '与名册不一致，请核实');
  await visible(page, '3栋 1单元 101');
  await fullShot(page, 'staff-reviews-zh');
  await chip(page, '姓名或尾号与名册不一致');
  await tap(page, '驳回');
  await confirmModal(page);
  await visible(page, '没有待审核的认领');
  const mine = (await s.api('/api/me', { token: pemba.accessToken })).body;
  expect(mine.bindings.find((b: { id: string }) => b.id === claim.body.id)).toMatchObject({ status: 'rejected', reason: '姓名或尾号与名册不一致' });
  expect(errors).toEqual([]);
}, 90_000);

it('street staff upload a roster with bad rows and see every row that is wrong', async () => {
  const csv = [
    '楼栋,单元,房号,楼层,专有面积(㎡),面积来源,房屋性质,业主姓名,业主手机号,证件号码,开发商持有,备注',
    '1,1,101,1,85.20,登记,商品房,次仁,,,否,',
    '1,1,102,一楼,-3,登记,商品房,达瓦,,,否,',
    '1,1,201,2,90.5,登记,商品房,,,,否,',
  ].join('\n');
  for (const opts of [
    { lang: 'zh' as const, large: false },
    { lang: 'bo' as const, large: true },
  ]) {
    const { page, errors } = await staffPage(browser, street, opts);
    await page.goto(`${s.url}/#/pages-staff/roster/index?complex=${DEMO_COMPLEX}`);
    await page.getByTestId('roster-upload').locator('visible=true').waitFor();
    const chooser = page.waitForEvent('filechooser');
    await page.getByTestId('roster-upload').locator('visible=true').click();
    await (await chooser).setFiles({ name: '名册.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    const box = page.getByTestId('roster-errors').locator('visible=true');
    await box.waitFor({ timeout: 20_000 });
    const text = await box.innerText();
    expect(text).toMatch(opts.lang === 'zh' ? /第 3 行/ : /ཕྲེང་ 3 པ།/);
    expect(text).toMatch(opts.lang === 'zh' ? /第 4 行/ : /ཕྲེང་ 4 པ།/);
    expect(text).not.toMatch(opts.lang === 'zh' ? /第 2 行/ : /ཕྲེང་ 2 པ།/);
    if (opts.lang === 'zh') {
      const download = page.waitForEvent('download');
      await tap(page, '下载模板（XLSX）');
      expect((await download).suggestedFilename()).toBe('名册模板.xlsx');
    }
    if (opts.large) expect(await overflowingText(page)).toEqual([]);
    await fullShot(page, `staff-roster-errors-${opts.lang}${opts.large ? '-large' : ''}`);
    expect(errors).toEqual([]);
  }
}, 90_000);

it('a county official reads the dashboard and exports the evaluation table', async () => {
  const official = await devLogin(s, '王强');
  for (const opts of [
    { lang: 'zh' as const, large: false },
    { lang: 'bo' as const, large: false },
    { lang: 'zh' as const, large: true },
  ]) {
    const { page, errors } = await staffPage(browser, official, opts);
    await page.goto(`${s.url}/#/pages-staff/index/index`);
    await tap(page, opts.lang === 'zh' ? '数据看板' : 'གཞི་གྲངས་ལྟ་ས།');
    const summary = page.getByTestId('dashboard-summary').locator('visible=true');
    await summary.waitFor({ timeout: 20_000 });
    expect(await summary.innerText()).toMatch(opts.lang === 'zh' ? /1 个改造项目，0 个已评级/ : /བཅོས་སྒྱུར་ལས་གཞི་ 1། སྐར་རིམ་བཞག་ཟིན་པ་ 0/);
    // Officials read: nothing on the page changes data.
    expect(await page.getByText('新建表决').count()).toBe(0);
    // The county lists its streets (the drill-down goes on to 幸福小区, see staff.dashboard.test.ts).
    await page.getByTestId('dashboard-rows').locator('visible=true').locator('.st-row').first().waitFor({ timeout: 15_000 });
    if (opts.lang === 'zh' && !opts.large) {
      await visible(page, '¥500 / ¥20,000');
      const download = page.waitForEvent('download');
      await press(page.getByTestId('export-xlsx').locator('visible=true'));
      expect((await download).suggestedFilename()).toMatch(/^绩效评价-.*\.xlsx$/);
    }
    if (opts.large) expect(await overflowingText(page)).toEqual([]);
    await fullShot(page, `staff-dashboard-${opts.lang}${opts.large ? '-large' : ''}`);
    expect(errors).toEqual([]);
  }
}, 120_000);

it('the committee workbench, the new-vote form and the project page read in Tibetan with large text', async () => {
  const { page, errors } = await staffPage(browser, committee, { lang: 'bo', large: true });
  const pages = [
    { route: '/pages-staff/index/index', waitFor: 'ཁྱིམ་བདག་ཨུ་ཡོན་ལྷན་ཁང་གི་ཚོགས་མི། · བདེ་སྐྱིད་ཁྱིམ་ཁུལ།', name: 'staff-workbench-bo-large' },
    { route: `/pages-staff/consultation-new/index?complex=${DEMO_COMPLEX}`, waitFor: 'འོས་གྲངས་རྩིས་སྟངས།', name: 'staff-consultation-new-bo-large' },
    { route: `/pages-staff/project/index?id=${projectId}`, waitFor: 'འཛུགས་སྐྲུན་མྱུར་ཚད་སྤེལ།', name: 'staff-project-bo-large' },
  ];
  for (const p of pages) {
    await page.goto(`${s.url}/#${p.route}`);
    await visible(page, p.waitFor);
    await page.waitForTimeout(500);
    expect(await page.locator('.page.large-text.lang-bo').locator('visible=true').count()).toBe(1);
    expect(await smallTapTargets(page)).toEqual([]);
    expect(await overflowingText(page)).toEqual([]);
    await fullShot(page, p.name);
  }
  expect(errors).toEqual([]);
}, 90_000);

it('我的 shows the way into the workbench to staff only', async () => {
  const staff = await staffPage(browser, committee);
  await staff.page.goto(`${s.url}/#/pages/me/index`);
  const entry = staff.page.getByTestId('staff-entry').locator('visible=true');
  await entry.waitFor({ timeout: 15_000 });
  expect(await entry.innerText()).toContain('业委会成员 · 幸福小区');
  await press(entry);
  await visible(staff.page, '新建表决');
  expect(staff.errors).toEqual([]);

  const resident = await staffPage(browser, await devLogin(s, '拉姆'));
  await resident.page.goto(`${s.url}/#/pages/me/index`);
  await visible(resident.page, '拉姆');
  await resident.page.waitForTimeout(1500);
  expect(await resident.page.getByTestId('staff-entry').count()).toBe(0);
  // And the workbench itself tells a resident plainly that it is not for them.
  await resident.page.goto(`${s.url}/#/pages-staff/index/index`);
  await visible(resident.page, '您没有工作人员权限。如需开通，请联系街道办或社区。');
}, 60_000);
