// Helpers for the resident browser tests: a demo-seeded server, API set-up as the demo staff, and driving Taro's H5
// widgets (tab pages, pickers) the way a person would, with taps and drags.
import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { ARTIFACTS } from './browser';
import { DEMO_COMPLEX, seedDemo } from '../../server/src/demo/seed';
import { demoRosterRows } from '../../server/src/demo/rosterData';
import { startTestServer, type TestServer } from './server';

export { DEMO_COMPLEX };

/** The real server with dev login and the demo seed (npm start's SEED_DEMO, which main.ts runs after start). */
export async function startDemoServer(): Promise<TestServer> {
  // E2E_H5_DIR: a copy of an H5 build to test against while another build rewrites miniprogram/dist/h5.
  const s = await startTestServer({
    DEV_LOGIN: 'true',
    SEED_DEMO: 'true',
    DB_PREFIX: 'e2e',
    ...(process.env.E2E_H5_DIR ? { H5_DIR: process.env.E2E_H5_DIR } : {}),
  });
  await seedDemo();
  return s;
}

/** An access token for a demo user, through the same dev login the H5 picker uses. */
export async function devToken(s: TestServer, displayName: string): Promise<string> {
  const users = await s.api('/api/auth/dev-users');
  const u = (users.body.users as { id: string; displayName: string }[]).find((x) => x.displayName === displayName);
  if (!u) throw new Error(`no demo user ${displayName}`);
  const r = await s.api('/api/auth/dev-login', { body: { userId: u.id } });
  if (r.status !== 200) throw new Error(`dev-login ${displayName}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.accessToken as string;
}

/** A dwelling of the demo roster that nobody is bound to, owned by `name`, with the last four digits of the phone. */
export function demoUnclaimedUnit(name: string): { building: string; entrance: string; room: string; floor: number; last4: string } {
  const taken = new Set(['1-1-101', '2-1-201', '1-2-101', '1-1-201', '2-2-102', '2-2-301']);
  const row = demoRosterRows().find((r) => r[7] === name && !taken.has(`${r[0]}-${r[1]}-${r[2]}`) && String(r[8]).length >= 4);
  if (!row) throw new Error(`no free unit of ${name} in the demo roster`);
  return { building: String(row[0]), entrance: String(row[1]), room: String(row[2]), floor: Number(row[3]), last4: String(row[8]).slice(-4) };
}

/** Opens a 是否改造 vote in the demo complex now (lead time set to 0 by the administrator for the test). */
export async function openDemoVote(s: TestServer, title: string): Promise<string> {
  const admin = await devToken(s, '系统管理员');
  const set = await s.api('/api/consultation-settings', { method: 'PUT', token: admin, body: { minLeadTimeHours: 0, defaultLeadTimeHours: 0 } });
  if (set.status !== 200) throw new Error(`settings: ${set.status} ${JSON.stringify(set.body)}`);
  const committee = await devToken(s, '格桑');
  const opensAt = new Date(Date.now() + 1500);
  const created = await s.api('/api/consultations', {
    token: committee,
    body: {
      kind: 'whether',
      title,
      complexCode: DEMO_COMPLEX,
      electorate: { level: 'complex' },
      leadTimeHours: 0,
      description: '小区的屋顶漏水、水管老化，是否同意实施改造？改造费用主要由政府承担，居民按面积分摊一小部分。',
      opensAt: opensAt.toISOString(),
      closesAt: new Date(Date.now() + 7 * 24 * 3600_000).toISOString(),
    },
  });
  if (created.status !== 201) throw new Error(`create: ${created.status} ${JSON.stringify(created.body)}`);
  const id = created.body.id as string;
  const sch = await s.api(`/api/consultations/${id}/schedule`, { method: 'POST', token: committee });
  if (sch.status !== 200) throw new Error(`schedule: ${sch.status} ${JSON.stringify(sch.body)}`);
  for (let i = 0; i < 150; i++) {
    if ((await s.api(`/api/consultations/${id}`, { token: committee })).body.status === 'open') return id;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('the vote did not open');
}

/** A bilingual notice from the street office to the demo complex. */
export async function publishBilingualNotice(
  s: TestServer,
  n: { title: string; titleBo: string; body: string; bodyBo: string; audio?: { target: string; lang: string; fileId: string }[] },
): Promise<string> {
  const street = await devToken(s, '李明');
  const r = await s.api('/api/notices', {
    token: street,
    body: { kind: 'plan_publicity', audience: { type: 'area', code: DEMO_COMPLEX }, displayDays: 7, ...n },
  });
  if (r.status !== 201) throw new Error(`notice: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.id as string;
}

/** A project with items and a funding plan, so the 项目 screens have something to show. */
export async function demoProject(s: TestServer): Promise<string | null> {
  const street = await devToken(s, '李明');
  const p = await s.api('/api/projects', { token: street, body: { complexCode: DEMO_COMPLEX, year: 2026 } });
  if (p.status !== 201) return null;
  const id = p.body.id as string;
  await s.api(`/api/projects/${id}/items`, {
    method: 'PUT',
    token: street,
    body: {
      items: [
        { category: 'basic', name: '屋面防水', quantity: 3200, unit: '㎡', budgetFen: 48000000 },
        { category: 'basic', name: '供排水管网', quantity: 1.5, unit: '公里', budgetFen: 36000000 },
        { category: 'improvement', name: '适老化改造', quantity: 6, unit: '栋', budgetFen: 12000000 },
      ],
    },
  });
  await s.api(`/api/projects/${id}/funding`, {
    method: 'PUT',
    token: street,
    body: { centralSubsidyFen: 60000000, residentsFen: 6000000, maintenanceFundFen: 4000000, utilities: [{ name: '国网拉萨供电公司', amountFen: 2000000 }] },
  });
  return id;
}

// ---- driving the H5 app ----

export const route = (s: TestServer, path: string) => `${s.url}/#${path}`;

/**
 * The open Taro picker overlay. Each picker keeps its own, `display: none` until tapped; an open one has no box of
 * its own (its mask and panel are fixed), so it is found by its style rather than by Playwright's visibility.
 */
async function openOverlay(page: Page): Promise<Locator> {
  const all = page.locator('.weui-picker__overlay');
  const handle = await page.waitForFunction(() => {
    const list = Array.from(document.querySelectorAll('.weui-picker__overlay'));
    const i = list.findIndex((el) => getComputedStyle(el).display !== 'none');
    return i >= 0 ? { i } : null; // wrapped: index 0 is falsy and would never end the wait
  });
  const { i: index } = (await handle.jsonValue()) as { i: number };
  const overlay = all.nth(index);
  await overlay.locator('.weui-picker__hd').waitFor();
  await page.waitForTimeout(350); // the panel slides up
  return overlay;
}

/** Waits until the picker has closed (its overlay hidden again). */
async function closed(overlay: Locator) {
  await overlay.evaluate(
    (el) =>
      new Promise<void>((resolve) => {
        const check = () => (getComputedStyle(el).display === 'none' ? resolve() : setTimeout(check, 50));
        check();
      }),
  );
}

/** Drags one wheel of the open picker by `rows` rows (positive: further down the list). */
async function dragWheel(page: Page, group: Locator, rows: number) {
  const box = (await group.boundingBox())!;
  const x = box.x + box.width / 2;
  // At most three rows per stroke: a longer one leaves the wheel, which ends the drag early.
  for (let left = rows; left > 0; left -= 3) {
    const step = Math.min(3, left);
    const y = box.y + box.height / 2 + 50;
    await page.mouse.move(x, y);
    await page.mouse.down();
    await page.mouse.move(x, y - step * 34, { steps: 6 });
    await page.mouse.up();
    await page.waitForTimeout(120);
  }
}

/** The picker's confirm button in either language (LangPicker puts the reader's word there). */
const PICKER_CONFIRM = /^\s*(确定|གཏན་འཁེལ།)\s*$/;

/** Taps a picker field, turns the wheel to `text`, and confirms — as a resident would. */
export async function pickOption(page: Page, field: Locator, text: string) {
  // The field becomes a picker once its options have loaded.
  await field.locator('xpath=ancestor::taro-picker-core').waitFor({ state: 'attached' });
  await field.click();
  const overlay = await openOverlay(page);
  const group = overlay.locator('taro-picker-group').first();
  const items = group.locator('.weui-picker__item');
  const labels = (await items.allTextContents()).map((x) => x.trim());
  const target = labels.indexOf(text);
  if (target < 0) throw new Error(`picker has no "${text}": ${labels.join(' | ')}`);
  // The wheel starts at the current value (index 0 when nothing was chosen yet).
  await dragWheel(page, group, target);
  await overlay.getByText(PICKER_CONFIRM).click();
  await closed(overlay);
}

/** Sets a multi-wheel picker (e.g. the four digits) column by column from index 0. */
export async function pickWheels(page: Page, field: Locator, indices: number[]) {
  await field.click();
  const overlay = await openOverlay(page);
  const groups = overlay.locator('taro-picker-group');
  for (const [i, rows] of indices.entries()) if (rows) await dragWheel(page, groups.nth(i), rows);
  await overlay.getByText(PICKER_CONFIRM).click();
  await closed(overlay);
}

/** Logs in on the H5 app through privacy consent and the dev-login picker. */
export async function loginAs(page: Page, s: TestServer, displayName: string) {
  await page.goto(route(s, '/pages/me/index'));
  await page.getByTestId('me-login').click();
  await page.getByText('同意并继续', { exact: true }).click();
  await page.getByTestId('dev-user').filter({ hasText: displayName }).first().click();
}

/**
 * A screenshot of the whole screen, not just the phone's viewport: Taro's H5 pages scroll inside their own container,
 * so the viewport is stretched to the content's height for the picture and restored afterwards.
 */
export async function fullScreenshot(page: Page, name: string): Promise<string> {
  const size = page.viewportSize()!;
  const height = await page.evaluate(() => {
    let max = document.documentElement.scrollHeight;
    document.querySelectorAll('*').forEach((el) => {
      const style = getComputedStyle(el);
      if (/(auto|scroll)/.test(style.overflowY) && el.scrollHeight > el.clientHeight)
        max = Math.max(max, el.scrollHeight + (window.innerHeight - el.clientHeight));
    });
    return max;
  });
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.setViewportSize({ width: size.width, height: Math.min(Math.max(size.height, height), 6000) });
  await page.waitForTimeout(300);
  await page.screenshot({ path: file });
  await page.setViewportSize(size);
  return file;
}
