import type { Browser } from 'playwright-core';
import { launchBrowser } from '../support/browser';
import type { TestServer } from '../support/server';
import { devLogin, fullShot, smallTapTargets, staffPage, startStaffServer, tap } from './staffSupport';

// The official's dashboard loads its figures with one request per page of complexes (no request per project).
let s: TestServer;
let browser: Browser;
beforeAll(async () => {
  s = await startStaffServer();
  browser = await launchBrowser();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await s?.stop();
});

it("a county official's dashboard comes from one dashboard request and shows the scope-wide figures", async () => {
  const official = await devLogin(s, '王强');
  const { page, errors } = await staffPage(browser, official, { lang: 'zh', large: true });
  const calls: string[] = [];
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (u.pathname.startsWith('/api/')) calls.push(u.pathname);
  });
  await page.goto(`${s.url}/#/pages-staff/index/index`);
  await tap(page, '数据看板');
  const summary = page.getByTestId('dashboard-summary').locator('visible=true');
  await summary.waitFor({ timeout: 20_000 });
  const text = await summary.innerText();
  // No project yet: no score, no grade, no ratings (not zeros that look like a bad result).
  expect(text).toMatch(/0 个改造项目，0 个已评级/);
  expect(text).toMatch(/总分（已评级项目平均）\s*—/);
  expect(text).toMatch(/满意度（5 分制）\s*— · 0 户/);
  expect(calls.filter((p) => p === '/api/evaluation/dashboard')).toHaveLength(1);
  expect(calls.filter((p) => /^\/api\/(evaluation\/projects|projects|consultations)\b/.test(p))).toEqual([]);
  expect(await smallTapTargets(page)).toEqual([]);
  await fullShot(page, 'staff-dashboard-zh-large-empty');
  expect(errors).toEqual([]);
}, 90_000);
