import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../support/browser';
import { fullScreenshot, route } from '../support/e2eResident';
import type { TestServer } from '../support/server';
import { allowImmediateVotes, devLogin, press, PNG_1PX, startStaffServer, type Session } from './staffSupport';
import { hanTexts, smallThings } from './tibetanChecks';

// A committee member working in Tibetan with large text at 375 px: a bilingual vote from the template (preview in
// both languages, no missing Tibetan), publishing only after a confirmation that restates it, a paper ballot whose
// confirmation repeats the household and the choice, closing, and the result. Screenshots: tests/artifacts/tibetan-c*.
jest.setTimeout(240_000);

let s: TestServer;
let browser: Browser;
let committee: Session;
beforeAll(async () => {
  s = await startStaffServer(process.env.E2E_H5_DIR ? { H5_DIR: process.env.E2E_H5_DIR } : {});
  browser = await launchBrowser();
  await allowImmediateVotes(s);
  committee = await devLogin(s, '格桑');
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await s?.stop();
});

async function boPage(session: Session) {
  const context = await browser.newContext({ viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, locale: 'zh-CN', isMobile: true, hasTouch: true });
  await context.addInitScript((t) => {
    const set = (k: string, v: unknown) => localStorage.setItem(k, JSON.stringify({ data: v }));
    set('gz.accessToken', t.accessToken);
    set('gz.refreshToken', t.refreshToken);
    set('gz.user', { id: t.user.id, displayName: t.user.displayName });
    set('gz.privacyAcceptedAt', 1764000000000);
    set('gz.lang', 'bo');
    set('gz.largeText', true);
  }, session);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  return { page, errors };
}

const problems: string[] = [];
async function screen(page: Page, name: string, opts: { han?: boolean } = {}) {
  await page.waitForTimeout(400);
  await fullScreenshot(page, `tibetan-${name}`);
  if (opts.han !== false) for (const h of await hanTexts(page)) problems.push(`${name}: Han "${h}"`);
  const small = await smallThings(page);
  for (const x of small.text) problems.push(`${name}: small text ${x}`);
  for (const x of small.targets) problems.push(`${name}: small target ${x}`);
}
const byId = (page: Page, id: string) => page.getByTestId(id).locator('visible=true').first();

it('a committee member in Tibetan: bilingual vote, confirmed publish, paper ballot, close, result', async () => {
  const { page, errors } = await boPage(committee);
  try {
    await committeeWalk(page);
  } catch (e) {
    await fullScreenshot(page, 'tibetan-c-failure');
    throw e;
  }
  expect(errors).toEqual([]);
  expect(problems).toEqual([]);
});

async function committeeWalk(page: Page) {
  // -- the template arrives with its Tibetan: the preview shows both languages and warns about nothing
  await page.goto(route(s, '/pages-staff/consultation-new/index'));
  await byId(page, 'cn-title-bo').waitFor();
  await press(byId(page, 'cn-preview'));
  await byId(page, 'preview-bo').waitFor();
  expect(await page.getByTestId('preview-missing-bo').count()).toBe(0);
  await screen(page, 'c01-new-vote'); // the Chinese version is shown on purpose, marked data-zh-original
  await press(byId(page, 'cn-save'));

  // -- publishing asks once more, restating the vote in both languages and when it opens
  await press(byId(page, 'publish-asap'));
  await byId(page, 'publish-confirm').waitFor();
  await screen(page, 'c02-publish-confirm'); // restates both versions; the Chinese one is marked
  await press(byId(page, 'confirm-sheet-ok'));
  await page.getByTestId('consultation-status').filter({ hasText: 'འོས་འདེམས་བྱེད་བཞིན་པ།' }).locator('visible=true').first().waitFor({ timeout: 30_000 });
  const id = new URL(page.url().replace('#', '')).searchParams.get('id')!;
  await screen(page, 'c03-vote-open');

  // -- a paper ballot: household and choice by taps; the confirmation repeats both
  await page.goto(route(s, `/pages-staff/paper-ballot/index?id=${id}`));
  await byId(page, 'pb-submit').waitFor();
  const named = page.locator('.st-chips:visible').filter({ has: page.locator('.st-chips__item[data-proper-name]') });
  await press(named.nth(0).locator('.st-chips__item').first()); // a building
  await press(named.nth(1).locator('.st-chips__item').first()); // a room in it
  await press(page.locator('.st-chips__item:visible').filter({ hasText: 'མོས་མཐུན།' }).first());
  const chooser = page.waitForEvent('filechooser');
  await press(byId(page, 'pb-photo'));
  await (await chooser).setFiles({ name: 'ballot.png', mimeType: 'image/png', buffer: PNG_1PX });
  await screen(page, 'c04-paper-ballot');
  await press(byId(page, 'pb-submit'));
  const sheet = byId(page, 'pb-confirm');
  await sheet.waitFor();
  const said = await sheet.innerText();
  expect(said).toContain('མོས་མཐུན།'); // the choice
  expect(said).toMatch(/\d+栋/); // the household, as the roster names it (marked as a proper name)
  await screen(page, 'c05-paper-confirm');
  await press(byId(page, 'confirm-sheet-ok'));
  await byId(page, 'pb-next').waitFor();

  // -- close (through the API: the close panel is being reworked by another issue), then the result in Tibetan
  const closed = await s.api(`/api/consultations/${id}/close`, { token: committee.accessToken, body: { reason: '业主大会决定提前结束' } });
  expect(closed.status).toBe(200);
  await page.goto(route(s, `/pages-staff/consultation/index?id=${id}`));
  await page.getByTestId('result-arithmetic').locator('visible=true').first().waitFor({ timeout: 30_000 });
  await screen(page, 'c06-result');
}
