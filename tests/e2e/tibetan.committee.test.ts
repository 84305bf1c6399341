import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../support/browser';
import { wavBytes } from '../support/audio';
import { DEMO_COMPLEX, fullScreenshot, route } from '../support/e2eResident';
import type { TestServer } from '../support/server';
import { allowImmediateVotes, devLogin, press, PNG_1PX, startStaffServer, type Session } from './staffSupport';
import { walkScreens } from './tibetanWorld';

// The committee walk of issue 15, as one test: a committee member working in Tibetan with large text at 375 px writes
// a vote with Tibetan title and description, records its Tibetan reading (Chromium's fake microphone) and attaches one
// for its question from a file, publishes only after a confirmation that restates it, records a paper ballot whose
// confirmation repeats the household and the choice, closes the vote with a reason, and reads the 结果公告 in
// Tibetan: names, not codes, and a separate verification block. Every screen gets the Tibetan reader's checks.
// Screenshots: tests/artifacts/tibetan-c*.png.
jest.setTimeout(180_000);

const TONE = path.join(os.tmpdir(), `gz-committee-voice-${process.pid}.wav`);
const TITLE = '幸福小区屋面防水改造表决';
const TITLE_BO = 'བདེ་སྐྱིད་ཁྱིམ་ཁུལ་གྱི་ཐོག་ཁའི་ཆུ་འགོག་བཅོས་སྒྱུར་འོས་བསྡུ།';
const DESC_BO = 'ཐོག་ཁ་ཆུ་འཛག་པས་ཆུ་འགོག་བཅོས་སྒྱུར་བྱེད་རྒྱུར་མོས་མཐུན་ཡོད་མེད་འོས་ཤོག་འཕེན་རོགས།';
let s: TestServer;
let browser: Browser;
let committee: Session;
beforeAll(async () => {
  fs.writeFileSync(TONE, wavBytes(10_000, 16000));
  s = await startStaffServer(process.env.E2E_H5_DIR ? { H5_DIR: process.env.E2E_H5_DIR } : {});
  browser = await launchBrowser([
    '--use-fake-device-for-media-stream',
    '--use-fake-ui-for-media-stream',
    `--use-file-for-fake-audio-capture=${TONE}`,
    '--autoplay-policy=no-user-gesture-required',
    '--mute-audio',
  ]);
  await allowImmediateVotes(s);
  committee = await devLogin(s, '格桑');
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await s?.stop();
  fs.rmSync(TONE, { force: true });
});

async function boPage(session: Session) {
  const context = await browser.newContext({
    viewport: { width: 375, height: 812 },
    deviceScaleFactor: 2,
    locale: 'zh-CN',
    isMobile: true,
    hasTouch: true,
    permissions: ['microphone'],
  });
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

const { problems, screen } = walkScreens('tibetan-');
const byId = (page: Page, id: string) => page.getByTestId(id).locator('visible=true').first();

it('a committee member in Tibetan: bilingual vote with a recorded reading, confirmed publish, paper ballot, close, result notice', async () => {
  const started = Date.now();
  const { page, errors } = await boPage(committee);
  try {
    const id = await createAndPublish(page);
    await paperBallot(page, id);
    await closeAndRead(page, id);
  } catch (e) {
    await fullScreenshot(page, 'tibetan-c-failure');
    throw e;
  }
  expect(errors).toEqual([]);
  expect(problems).toEqual([]);
  expect(Date.now() - started).toBeLessThan(90_000);
});

async function createAndPublish(page: Page): Promise<string> {
  await page.goto(route(s, '/pages-staff/consultation-new/index'));
  await byId(page, 'cn-title-bo').waitFor();
  // the committee's own wording, beside the template's Chinese
  await page.locator('.st-input:visible').first().locator('input').fill(TITLE);
  await byId(page, 'cn-title-bo').locator('input').fill(TITLE_BO);
  await byId(page, 'cn-desc-bo').locator('textarea').fill(DESC_BO);
  // the Tibetan reading of the whole vote, recorded on the phone's microphone for about two seconds
  await press(byId(page, 'cn-audio-bo-start'));
  await page.locator('[data-testid=cn-audio-bo-stop]:visible').waitFor();
  await page.waitForTimeout(2200);
  await press(byId(page, 'cn-audio-bo-stop'));
  await page.locator('[data-testid=cn-audio-bo][data-has-clip="1"]:visible').waitFor();
  // the question's reading from a sound file
  const chooser = page.waitForEvent('filechooser');
  await press(byId(page, 'cn-audio-renovate-bo-choose'));
  await (await chooser).setFiles({ name: 'question.wav', mimeType: 'audio/wav', buffer: wavBytes(1500) });
  await page.locator('[data-testid=cn-audio-renovate-bo][data-has-clip="1"]:visible').waitFor();
  // the preview shows both languages and warns about nothing
  await press(byId(page, 'cn-preview'));
  await byId(page, 'preview-bo').waitFor();
  expect(await byId(page, 'preview-bo').innerText()).toContain(TITLE_BO);
  expect(await page.getByTestId('preview-missing-bo').count()).toBe(0);
  await screen(page, 'c01-new-vote'); // the Chinese version is shown on purpose, marked data-zh-original
  await press(byId(page, 'cn-save'));

  // publishing asks once more, restating the vote in both languages and when it opens
  await press(byId(page, 'publish-asap'));
  await byId(page, 'publish-confirm').waitFor();
  expect(await byId(page, 'publish-confirm').innerText()).toContain(TITLE_BO);
  await screen(page, 'c02-publish-confirm');
  await press(byId(page, 'confirm-sheet-ok'));
  await page.getByTestId('consultation-status').filter({ hasText: 'འོས་འདེམས་བྱེད་བཞིན་པ།' }).locator('visible=true').first().waitFor({ timeout: 30_000 });
  const id = new URL(page.url().replace('#', '')).searchParams.get('id')!;
  const saved = await s.api(`/api/consultations/${id}`, { token: committee.accessToken });
  expect(saved.body).toMatchObject({ title: TITLE, titleBo: TITLE_BO, descriptionBo: DESC_BO });
  expect(saved.body.audio.map((a: { target: string; lang: string }) => `${a.target}/${a.lang}`).sort()).toEqual(['main/bo', 'question:renovate/bo']);
  await screen(page, 'c03-vote-open');
  return id;
}

async function paperBallot(page: Page, id: string) {
  // household and choice by taps; the confirmation repeats both
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
}

async function closeAndRead(page: Page, id: string) {
  // close early with a reason, after a confirmation in Tibetan
  await page.goto(route(s, `/pages-staff/consultation/index?id=${id}`));
  await byId(page, 'close-vote').waitFor();
  await press(page.locator('.st-chips__item:visible').filter({ hasText: 'ཁྱིམ་བདག་ཚོགས་ཆེན་གྱིས་སྔོན་ཚུད་མཇུག་སྡོམ་རྒྱུའི་ཐག་བཅད།' }).first());
  await press(byId(page, 'close-vote'));
  await page.locator('.taro__modal .taro-model__btn:visible').filter({ hasText: 'ཆོག' }).waitFor();
  await screen(page, 'c06-close-confirm');
  await press(page.locator('.taro__modal .taro-model__btn:visible').filter({ hasText: 'ཆོག' }).last());

  // the result with its arithmetic, then the 结果公告 once the background job has announced it
  await page.getByTestId('result-arithmetic').locator('visible=true').first().waitFor({ timeout: 30_000 });
  const open = page.getByText('གྲུབ་འབྲས་གསལ་བསྒྲགས་ལྟ།', { exact: true }).locator('visible=true').first();
  await open.waitFor({ timeout: 30_000 });
  await screen(page, 'c07-result');
  await press(open);
  const body = byId(page, 'notice-body-view');
  await body.waitFor({ timeout: 15_000 });
  const text = await body.innerText();
  expect(text).toContain('བདེ་སྐྱིད་ཁྱིམ་ཁུལ'); // the complex by its Tibetan name
  expect(text).not.toContain(DEMO_COMPLEX); // not by its code
  expect(text).toContain('ར་སྤྲོད་བྱེད་ཐབས།'); // the separate verification block
  expect(text).toContain(`/pages/resident/receipt/index?id=${id}`);
  await screen(page, 'c08-result-notice');
}
