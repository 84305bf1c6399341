import type { Browser, Page } from 'playwright-core';
import { User } from '../../server/src/identity/model';
import { launchBrowser } from '../support/browser';
import { startFakeWechat, type FakeWechat } from '../support/fakeWechat';
import { wechatEnv } from '../support/notices';
import type { TestServer } from '../support/server';
import { chip, confirmModal, devLogin, fullShot, PNG_1PX, smallTapTargets, staffPage, startStaffServer, tap, visible, type Session } from './staffSupport';

// A street-office worker publishes a bilingual notice to one complex with a picture, residents read it (API), and
// the worker sees the read rate by building, then answers a resident's objection in the inbox.
let s: TestServer;
let wx: FakeWechat;
let browser: Browser;
let street: Session;
beforeAll(async () => {
  wx = await startFakeWechat();
  s = await startStaffServer(wechatEnv(wx));
  browser = await launchBrowser();
  street = await devLogin(s, '李明');
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await s?.stop();
  await wx?.stop();
});

const field = (page: Page, id: string, tag: 'input' | 'textarea') => page.locator(`[data-testid=${id}] ${tag}`).locator('visible=true').first();

it('a street staff member publishes a notice and sees read rates by building and the objections', async () => {
  const { page, errors } = await staffPage(browser, street);
  try {
    await page.goto(`${s.url}/#/pages-staff/index/index`);
    await visible(page, '街道工作人员 · 八廓街道');
    await tap(page, '发布公告');
    await visible(page, '发给谁');
    // Audience by picker: street → community → complex (every building of it).
    await chip(page, '冲赛康社区');
    await chip(page, '幸福小区');
    await visible(page, '八廓街道 › 冲赛康社区 › 幸福小区');
    await chip(page, '方案公示');
    await visible(page, '方案公示至少 7 天');
    await tap(page, '发布');
    await visible(page, '请填写此项'); // nothing typed yet: the form says what is missing, nothing is sent

    await field(page, 'notice-title', 'input').fill('幸福小区改造方案公示');
    await field(page, 'notice-body', 'textarea').fill('改造方案已编制完成，现予公示。\n如有意见请在公示期内提出。');
    await field(page, 'notice-title-bo', 'input').fill('བདེ་སྐྱིད་ཁྱིམ་ཁུལ་བཅོས་སྒྱུར་འཆར་གཞི་ཁྱབ་བསྒྲགས།');
    await field(page, 'notice-body-bo', 'textarea').fill('བཅོས་སྒྱུར་འཆར་གཞི་གྲུབ་ཟིན། ད་ལྟ་ཁྱབ་བསྒྲགས་བྱེད།');
    const chooser = page.waitForEvent('filechooser');
    await tap(page, '添加图片');
    await (await chooser).setFiles({ name: '效果图.png', mimeType: 'image/png', buffer: PNG_1PX });
    await visible(page, '效果图.png');
    await chip(page, '10 天');
    expect(await smallTapTargets(page)).toEqual([]);
    await fullShot(page, 'staff-notice-new-zh');
    await tap(page, '发布');
    await confirmModal(page);

    await visible(page, '阅读情况');
    await visible(page, '已读 0 / 48 户（0.0%）');
    const id = new URL(page.url().replace('#', '')).searchParams.get('id')!;

    // Residents read it (two dwellings of 扎西次仁, one of 卓玛), through the API as their phones would.
    for (const name of ['扎西次仁', '卓玛']) {
      const r = await s.api(`/api/notices/${id}/read`, { method: 'POST', token: (await devLogin(s, name)).accessToken });
      expect(r.status).toBe(200);
    }
    // 扎西次仁 objects (the text passes WeChat content security, so his account needs its WeChat identity).
    await User.updateOne({ displayName: '扎西次仁' }, { $set: { openid: 'o-tashi-e2e' } });
    const obj = await s.api(`/api/notices/${id}/objections`, {
      token: (await devLogin(s, '扎西次仁')).accessToken,
      body: { text: '2栋的电梯位置挡住了一楼的窗户，请调整。' },
    });
    expect(obj.status).toBe(201);

    await page.reload();
    await visible(page, '已读 3 / 48 户（6.3%）');
    const chart = await page.getByTestId('read-rate').locator('visible=true').innerText();
    expect(chart).toMatch(/1栋\s+12\.5%\s+2 \/ 16 户/);
    expect(chart).toMatch(/2栋\s+6\.3%\s+1 \/ 16 户/);
    expect(chart).toMatch(/3栋\s+0\.0%\s+0 \/ 16 户/);

    await visible(page, '异议（待答复 1）');
    await visible(page, '2栋的电梯位置挡住了一楼的窗户，请调整。');
    await fullShot(page, 'staff-notice-stats-zh');
    await page.locator('[data-testid=objection] textarea').locator('visible=true').first().fill('已请设计单位调整电梯位置，调整后的方案将重新公示。');
    await tap(page, '答复');
    await chip(page, '全部');
    await visible(page, '已答复');
    await visible(page, /答复（.*）：已请设计单位调整电梯位置/);
    const mine = await s.api(`/api/notices/${id}/objections`, { token: (await devLogin(s, '扎西次仁')).accessToken });
    expect(mine.body.items[0]).toMatchObject({ status: 'answered', response: { text: '已请设计单位调整电梯位置，调整后的方案将重新公示。' } });
    expect(errors).toEqual([]);

    // Tibetan, large text: the same page for a Tibetan-reading worker.
    const bo = await staffPage(browser, street, { lang: 'bo', large: true });
    await bo.page.goto(`${s.url}/#/pages-staff/notice/index?id=${id}`);
    await visible(bo.page, 'ཀློག་ཟིན་པ། 3 / 48 ཁྱིམ（6.3%）');
    await visible(bo.page, 'བདེ་སྐྱིད་ཁྱིམ་ཁུལ་བཅོས་སྒྱུར་འཆར་གཞི་ཁྱབ་བསྒྲགས།');
    await fullShot(bo.page, 'staff-notice-stats-bo-large');
    await bo.page.goto(`${s.url}/#/pages-staff/notice-new/index`);
    await visible(bo.page, 'སུ་ལ་སྤྲོད།');
    await fullShot(bo.page, 'staff-notice-new-bo-large');
    expect(bo.errors).toEqual([]);
  } catch (e) {
    await fullShot(page, 'staff-failure-notice');
    throw e;
  }
}, 180_000);
