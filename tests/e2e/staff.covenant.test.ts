import type { Browser, Page } from 'playwright-core';
import { Delivery } from '../../server/src/consultations/tallyModels';
import { launchBrowser } from '../support/browser';
import type { TestServer } from '../support/server';
import {
  allowImmediateVotes,
  chip,
  confirmModal,
  devLogin,
  fullShot,
  overflowingText,
  press,
  smallTapTargets,
  staffPage,
  startStaffServer,
  tap,
  visible,
  type Session,
} from './staffSupport';

// Covenant ballot delivery (送达登记) and notice corrections, in headless Chromium against the real server:
// the committee records delivered ballots building by building and the result shows the delivered-ballot
// arithmetic; a street worker amends then withdraws a notice and a resident sees the new version, then the withdrawal.
let s: TestServer;
let browser: Browser;
let committee: Session;
let street: Session;
const DEMO_COMPLEX = '540102001001001';

beforeAll(async () => {
  s = await startStaffServer();
  browser = await launchBrowser();
  await allowImmediateVotes(s);
  committee = await devLogin(s, '格桑');
  street = await devLogin(s, '李明');
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await s?.stop();
});

async function until<T>(what: string, f: () => Promise<T | undefined>, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await f();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function approveAs(name: string, consultationId: string) {
  const who = await devLogin(s, name);
  const me = (await s.api('/api/me', { token: who.accessToken })).body;
  for (const b of me.bindings.filter((x: { relation: string }) => x.relation === 'owner')) {
    const r = await s.api(`/api/consultations/${consultationId}/ballots`, {
      token: who.accessToken,
      body: { dwellingId: b.dwelling.dwellingId, answers: [{ questionId: 'renovate', choice: 'approve' }] },
    });
    expect(r.status).toBe(201);
  }
}

async function openCovenantVote(): Promise<string> {
  const token = committee.accessToken;
  const c = await s.api('/api/consultations', {
    token,
    body: {
      kind: 'whether',
      title: '是否同意实施综合改造（规约计票）',
      complexCode: DEMO_COMPLEX,
      electorate: { level: 'complex' },
      covenant: { enabled: true, clauseText: '表决票送达后未在期限内交回的，视为同意多数业主的意见。' },
      leadTimeHours: 0,
      opensAt: new Date(Date.now() + 2_000).toISOString(),
      closesAt: new Date(Date.now() + 86_400_000).toISOString(),
    },
  });
  expect(c.status).toBe(201);
  expect((await s.api(`/api/consultations/${c.body.id}/schedule`, { token, method: 'POST' })).status).toBe(200);
  await until('the vote to open', async () => ((await s.api(`/api/consultations/${c.body.id}`, { token })).body.status === 'open' ? true : undefined));
  return c.body.id;
}

it('a committee member records delivered ballots and the result shows the delivered-ballot arithmetic', async () => {
  const { page, errors } = await staffPage(browser, committee);
  try {
    const id = await openCovenantVote();
    await approveAs('扎西次仁', id);
    const before = (await s.api(`/api/consultations/${id}/participation`, { token: committee.accessToken })).body;
    const building1 = before.notVoted.filter((d: { buildingName: string }) => d.buildingName === '1栋');
    expect(building1.length).toBeGreaterThan(2);

    await page.goto(`${s.url}/#/pages-staff/consultation/index?id=${id}`);
    await tap(page, '登记表决票送达（规约计票）');
    await visible(page, `1栋：未投票 ${building1.length} 户`);
    await tap(page, '登记为已送达');
    await visible(page, '请至少选择一户'); // nothing picked: nothing is sent
    // The whole of building 1 by one tap, then one flat taken back out: no typing.
    await press(page.getByText('全选本楼', { exact: true }).locator('visible=true').first());
    await visible(page, `已选 ${building1.length} 户`);
    await chip(page, `${building1[0].entranceName} ${building1[0].room}`);
    await visible(page, `已选 ${building1.length - 1} 户`);
    await chip(page, '放入门缝或信箱');
    expect(await smallTapTargets(page)).toEqual([]);
    await fullShot(page, 'staff-delivery-zh');
    await tap(page, '登记为已送达');
    await confirmModal(page);
    const delivered = building1.length - 1;
    await page
      .getByTestId('delivery-count')
      .filter({ hasText: `本次表决已登记送达 ${delivered} 户` })
      .locator('visible=true')
      .waitFor({ timeout: 15_000 });
    // The method is kept with each delivery, as evidence that the ballot reached the flat.
    const rows = await Delivery.find({ consultationId: id }).lean();
    expect(rows.map((r) => r.method)).toEqual(Array(delivered).fill('door'));
    expect(rows.map((r) => r.dwellingId).sort()).toEqual(
      building1
        .slice(1)
        .map((d: { dwellingId: string }) => d.dwellingId)
        .sort(),
    );
    // Recording the same flats again counts them once.
    const again = await s.api(`/api/consultations/${id}/deliveries`, {
      token: committee.accessToken,
      body: { dwellingIds: building1.slice(1).map((d: { dwellingId: string }) => d.dwellingId) },
    });
    expect(again.body.count).toBe(delivered);
    const bad = await s.api(`/api/consultations/${id}/deliveries`, {
      token: committee.accessToken,
      body: { dwellingIds: [building1[0].dwellingId], method: 'pigeon' },
    });
    expect([bad.status, bad.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(errors).toEqual([]);

    const bo = await staffPage(browser, committee, { lang: 'bo', large: true });
    await bo.page.goto(`${s.url}/#/pages-staff/delivery/index?id=${id}`);
    await visible(bo.page, 'ཁང་བརྩེགས་འདི་ཡོངས་རྫོགས་འདེམས།');
    // A fresh page (another phone, or a reload) still shows what was delivered: the total, and those flats done.
    await bo.page
      .getByTestId('delivery-count')
      .filter({ hasText: String(delivered) })
      .locator('visible=true')
      .waitFor({ timeout: 15_000 });
    const done = bo.page.locator('.st-chips__item--off').locator('visible=true');
    await done.first().waitFor();
    expect(await done.count()).toBe(delivered);
    expect(await done.first().getAttribute('aria-disabled')).toBe('true');
    expect(await bo.page.locator('.page.large-text.lang-bo').locator('visible=true').count()).toBe(1);
    expect(await smallTapTargets(bo.page)).toEqual([]);
    expect(await overflowingText(bo.page)).toEqual([]);
    await fullShot(bo.page, 'staff-delivery-bo-large');
    expect(bo.errors).toEqual([]);

    // Close: the delivered, unreturned ballots follow the majority (approve), and the page shows the sum.
    expect((await s.api(`/api/consultations/${id}/close`, { token: committee.accessToken, body: { reason: '业主大会决定提前结束' } })).status).toBe(200);
    const closed = await until('the result', async () => {
      const v = (await s.api(`/api/consultations/${id}`, { token: committee.accessToken })).body;
      return v.result ? v : undefined;
    });
    expect(closed.result.deliveredDwellingIds).toHaveLength(delivered);
    const tally = closed.result.questions[0].tally;
    await page.goto(`${s.url}/#/pages-staff/consultation/index?id=${id}`);
    await visible(page, `规约计票：已登记送达 ${delivered} 户`);
    const arith = page.getByTestId('covenant-arithmetic').locator('visible=true').first();
    await arith.waitFor({ timeout: 15_000 });
    const text = await arith.innerText();
    expect(text).toContain(`实际投票：${tally.plain.participatingHeadcount} 人`);
    expect(text).toContain(`已送达未回票 ${delivered} 户，计入 ${delivered} 户`);
    expect(text).toContain('多数意见：同意');
    expect(text).toContain(`计入后：${tally.covenant.counts.participatingHeadcount} 人`);
    await fullShot(page, 'staff-delivery-result-zh');
  } catch (e) {
    await fullShot(page, 'staff-failure-delivery');
    throw e;
  }
}, 180_000);

const field = (page: Page, id: string, tag: 'input' | 'textarea') => page.locator(`[data-testid=${id}] ${tag}`).locator('visible=true').first();

it('a street worker amends and then withdraws a notice; a resident sees the new version, then the withdrawal', async () => {
  const { page, errors } = await staffPage(browser, street);
  const resident = await devLogin(s, '扎西次仁');
  const home = await staffPage(browser, resident);
  try {
    const n = await s.api('/api/notices', {
      token: street.accessToken,
      body: { kind: 'general', audience: { type: 'area', code: DEMO_COMPLEX }, title: '停水通知', body: '<p>周三上午停水。</p>' },
    });
    expect(n.status).toBe(201);
    const id = n.body.id;

    await page.goto(`${s.url}/#/pages-staff/notice/index?id=${id}`);
    await tap(page, '更正公告');
    await visible(page, '更正公告（生成新版本）');
    await tap(page, '发布更正');
    await visible(page, '内容没有改动');
    await field(page, 'amend-body', 'textarea').fill('周四上午 9 点至 12 点停水。');
    await field(page, 'amend-title-bo', 'input').fill('ཆུ་བཀག་པའི་བརྡ་ཐོ།');
    await field(page, 'amend-body-bo', 'textarea').fill('གཟའ་ཕུར་བུའི་སྔ་དྲོ་ཆུ་བཀག');
    await chip(page, '时间地点变更');
    expect(await smallTapTargets(page)).toEqual([]);
    await fullShot(page, 'staff-notice-amend-zh');
    await tap(page, '发布更正');
    await confirmModal(page);
    await page.getByTestId('notice-versions').filter({ hasText: '第 2 版' }).locator('visible=true').waitFor({ timeout: 15_000 });
    await visible(page, '时间地点变更');

    // The resident's notice page shows version 2 with its reason.
    await home.page.goto(`${s.url}/#/pages/resident/notice/index?id=${id}`);
    await visible(home.page, '周四上午 9 点至 12 点停水。');
    await visible(home.page, /时间地点变更/);

    await tap(page, '撤回公告');
    await chip(page, '事项取消');
    await press(page.getByTestId('withdraw-submit').locator('visible=true'));
    await visible(page, '撤回后不能恢复。原因：事项取消');
    await confirmModal(page);
    await page.getByTestId('notice-withdrawn').filter({ hasText: '事项取消' }).locator('visible=true').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('notice-amend-open').locator('visible=true').count()).toBe(0);
    await fullShot(page, 'staff-notice-withdrawn-zh');
    expect(errors).toEqual([]);

    await home.page.reload();
    await visible(home.page, '此公告已撤回：事项取消');
    await fullShot(home.page, 'resident-notice-withdrawn-zh');
    expect(home.errors).toEqual([]);

    const bo = await staffPage(browser, street, { lang: 'bo' });
    await bo.page.goto(`${s.url}/#/pages-staff/notice/index?id=${id}`);
    await visible(bo.page, 'པར་གཞིའི་ཟིན་ཐོ།');
    await visible(bo.page, 'ཆུ་བཀག་པའི་བརྡ་ཐོ།');
    await fullShot(bo.page, 'staff-notice-withdrawn-bo');
    expect(bo.errors).toEqual([]);
  } catch (e) {
    await fullShot(page, 'staff-failure-notice-amend');
    throw e;
  }
}, 180_000);
