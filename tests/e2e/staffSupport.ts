import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { ARTIFACTS } from '../support/browser';
import { startTestServer, type TestServer } from '../support/server';

/** Helpers for the staff workbench e2e tests (pages-staff), against the real server with the demo seed. */

/** The real server with dev login and the demo world (幸福小区, one user per role; the seed is idempotent). */
export async function startStaffServer(env: Record<string, string> = {}): Promise<TestServer> {
  // STAFF_H5_DIR: serve a copy of the H5 build (useful while another build is rewriting miniprogram/dist/h5).
  const h5: Record<string, string> = process.env.STAFF_H5_DIR ? { H5_DIR: process.env.STAFF_H5_DIR } : {};
  return startTestServer({ DEV_LOGIN: 'true', SEED_DEMO: 'true', DB_PREFIX: 'staff', ...h5, ...env });
}

/** The legal 15-day notice period is a setting: the admin sets it to zero so a test opens votes within seconds. */
export async function allowImmediateVotes(s: TestServer): Promise<void> {
  const admin = await devLogin(s, '系统管理员');
  const r = await s.api('/api/consultation-settings', { method: 'PUT', token: admin.accessToken, body: { minLeadTimeHours: 0, defaultLeadTimeHours: 0 } });
  if (r.status !== 200) throw new Error(`consultation settings: ${r.status} ${JSON.stringify(r.body)}`);
}

export interface Session {
  accessToken: string;
  refreshToken: string;
  user: { id: string; displayName: string };
}

export async function devLogin(s: TestServer, displayName: string): Promise<Session> {
  const users = (await s.api('/api/auth/dev-users')).body.users as { id: string; displayName: string }[];
  const u = users.find((x) => x.displayName === displayName);
  if (!u) throw new Error(`no demo user ${displayName}`);
  const r = await s.api('/api/auth/dev-login', { body: { userId: u.id } });
  if (r.status !== 200) throw new Error(`dev-login ${displayName}: ${r.status}`);
  return r.body;
}

/**
 * A phone-sized browser context already signed in as `session` (the tokens go into Taro storage the way the app
 * stores them, so the staff tests do not depend on the resident login screens), in a language and text size.
 */
export async function staffPage(browser: Browser, session: Session, opts: { lang?: 'zh' | 'bo'; large?: boolean } = {}) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, locale: 'zh-CN', isMobile: true, hasTouch: true });
  await context.addInitScript(
    ([t, lang, large]) => {
      const set = (k: string, v: unknown) => localStorage.setItem(k, JSON.stringify({ data: v }));
      set('gz.accessToken', t.accessToken);
      set('gz.refreshToken', t.refreshToken);
      set('gz.user', { id: t.user.id, displayName: t.user.displayName });
      set('gz.privacyAcceptedAt', 1764000000000);
      set('gz.lang', lang);
      set('gz.largeText', large);
    },
    [session, opts.lang ?? 'zh', !!opts.large] as const,
  );
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  return { page, errors, context };
}

export const visible = (page: Page, text: string | RegExp, timeout = 15_000) =>
  page.getByText(text).locator('visible=true').first().waitFor({ state: 'visible', timeout });

/**
 * Press an element like a finger would: at the centre of its box. (Playwright's own click refuses some buttons
 * near the bottom of pages with pull-down refresh, reporting the refresh wrapper as "intercepting" although the
 * button is the element at that point, as elementFromPoint and a real pointer press both show.)
 */
export async function press(target: Locator) {
  await target.waitFor({ state: 'visible', timeout: 15_000 });
  await target.scrollIntoViewIfNeeded();
  // Wait until nothing (a fading modal mask, a toast) covers its centre, as a person would.
  const deadline = Date.now() + 10_000;
  for (;;) {
    const free = await target.evaluate((el) => {
      const r = el.getBoundingClientRect();
      const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
      return !!hit && (hit === el || el.contains(hit));
    });
    if (free) break;
    if (Date.now() > deadline) throw new Error('element stays covered');
    await target.page().waitForTimeout(100);
  }
  const box = await target.boundingBox();
  if (!box) throw new Error('element has no box');
  await target.page().mouse.click(box.x + box.width / 2, box.y + box.height / 2);
}

/** Taro H5 keeps earlier pages of the stack in the DOM (hidden): act on the visible match only. */
export const tap = (page: Page, text: string | RegExp) => press(page.getByText(text, { exact: true }).locator('visible=true').first());

/** A choice chip (radio or checkbox) by its exact label, on the page in front. */
export const chip = (page: Page, label: string) =>
  press(
    page
      .locator('.st-chips__item:visible')
      .filter({ hasText: new RegExp(`^(✓ )?${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) })
      .first(),
  );

/** Taro's H5 modal (Taro.showModal): press its confirm button. */
export async function confirmModal(page: Page, label = '确定') {
  await press(page.locator('.taro__modal .taro-model__btn:visible').filter({ hasText: label }).last());
}

/**
 * A screenshot of the whole page: Taro H5 scrolls inside its page element, so the viewport is grown to the content
 * first (and restored after).
 */
export async function fullShot(page: Page, name: string) {
  await page.waitForTimeout(400);
  const height = await page.evaluate(() => {
    const pages = Array.from(document.querySelectorAll<HTMLElement>('.taro_page')).filter((p) => getComputedStyle(p).display !== 'none');
    const el = pages[pages.length - 1];
    if (el) el.scrollTop = 0;
    return Math.max(el?.scrollHeight ?? 0, document.documentElement.scrollHeight, 844);
  });
  const size = page.viewportSize()!;
  await page.setViewportSize({ width: size.width, height: Math.min(height + 80, 12_000) });
  await page.waitForTimeout(300);
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  await page.setViewportSize(size);
  return file;
}

/** Elements whose text does not fit their box (a crude overlap check for large-text mode). */
export function overflowingText(page: Page) {
  return page.evaluate(() => {
    const out: string[] = [];
    document.querySelectorAll('.btn, .st-chips__item, .st-pill, .card__title, .st-row__title').forEach((el) => {
      const e = el as HTMLElement;
      if (e.scrollWidth > e.clientWidth + 2 && getComputedStyle(e).overflowX !== 'visible') out.push(e.innerText.slice(0, 30));
    });
    return out;
  });
}

/** Every visible tap target of the workbench (buttons, chips, rows) is at least 44 px tall. */
export function smallTapTargets(page: Page) {
  return page.evaluate(() => {
    const out: string[] = [];
    document.querySelectorAll('.btn, .st-chips__item, .st-row, .st-switch, .staff-grid__item').forEach((el) => {
      const r = (el as HTMLElement).getBoundingClientRect();
      if (r.width > 0 && r.height > 0 && r.height < 44) out.push(`${(el as HTMLElement).innerText.slice(0, 20)} ${Math.round(r.height)}px`);
    });
    return out;
  });
}

export const PNG_1PX = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
