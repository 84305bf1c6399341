import type { Browser } from 'playwright-core';
import { launchBrowser, phonePage, screenshot } from '../support/browser';
import { startTestServer, type TestServer } from '../support/server';

let s: TestServer;
let browser: Browser;
beforeAll(async () => {
  s = await startTestServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await s?.stop();
});

it('the server serves the H5 app, which shows the four tabs', async () => {
  const { page, errors } = await phonePage(browser);
  await page.goto(`${s.url}/`);
  for (const tab of ['首页', '议事', '项目', '我的']) {
    await page.locator('.weui-tabbar__label, .taro-tabbar__label').filter({ hasText: tab, visible: true }).first().waitFor({ timeout: 15000 });
  }
  await screenshot(page, 'shell-home-zh');
  expect(errors).toEqual([]);
});
