import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../support/browser';
import { wavBytes } from '../support/audio';
import type { TestServer } from '../support/server';
import { confirmModal, chip, devLogin, fullShot, press, startStaffServer, tap, visible, type Session } from './staffSupport';
import { hanTexts, smallThings } from './tibetanChecks';

// Listening instead of reading (issue 15). A street worker records the Tibetan reading of a notice on H5 (Chromium's
// fake microphone plays a generated tone into MediaRecorder), adds the Chinese one from a sound file, and publishes;
// a Tibetan reader with large text at 375 px then finds one big ▶ beside the text, in Tibetan, and it plays.
jest.setTimeout(120_000);

const TONE = path.join(os.tmpdir(), `gz-voice-${process.pid}.wav`);
let s: TestServer;
let browser: Browser;
let noticeId = '';
let boClip = '';

beforeAll(async () => {
  fs.writeFileSync(TONE, wavBytes(10_000, 16000));
  s = await startStaffServer();
  browser = await launchBrowser([
    '--use-fake-device-for-media-stream',
    '--use-fake-ui-for-media-stream',
    `--use-file-for-fake-audio-capture=${TONE}`,
    '--autoplay-policy=no-user-gesture-required',
    '--mute-audio',
  ]);
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await s?.stop();
  fs.rmSync(TONE, { force: true });
});

async function signedIn(session: Session, lang: 'zh' | 'bo', large: boolean, width = 390) {
  const context = await browser.newContext({
    viewport: { width, height: 844 },
    deviceScaleFactor: 2,
    locale: 'zh-CN',
    isMobile: true,
    hasTouch: true,
    permissions: ['microphone'],
  });
  await context.addInitScript(
    ([t, l, big]) => {
      const set = (k: string, v: unknown) => localStorage.setItem(k, JSON.stringify({ data: v }));
      set('gz.accessToken', t.accessToken);
      set('gz.refreshToken', t.refreshToken);
      set('gz.user', { id: t.user.id, displayName: t.user.displayName });
      set('gz.privacyAcceptedAt', 1764000000000);
      set('gz.lang', l);
      set('gz.largeText', big);
    },
    [session, lang, large] as const,
  );
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  return { page, errors };
}

/** The app's one <audio> element: what it plays and whether it is playing. */
const player = (page: Page) =>
  page.evaluate(() => {
    const el = document.querySelector<HTMLAudioElement>('[data-testid=audio-player]');
    return el ? { fileId: el.getAttribute('data-file-id'), src: el.src, paused: el.paused, time: el.currentTime } : null;
  });

it('staff record a Tibetan reading on H5, add a Chinese one from a file, and publish the notice with both', async () => {
  const { page, errors } = await signedIn(await devLogin(s, '李明'), 'zh', false);
  try {
    await page.goto(`${s.url}/#/pages-staff/notice-new/index`);
    await page.getByTestId('notice-audio').waitFor();
    await chip(page, '冲赛康社区');
    await chip(page, '幸福小区');
    await page.locator('[data-testid=notice-title] input').fill('停水通知');
    await page.locator('[data-testid=notice-body] textarea').fill('周六上午 9 点至 12 点停水检修。');
    await page.locator('[data-testid=notice-title-bo] input').fill('ཆུ་བཀག་པའི་བརྡ་ཐོ།');
    await page.locator('[data-testid=notice-body-bo] textarea').fill('གཟའ་སྤེན་པའི་སྔ་དྲོ་ཆུ་ཚོད་ 9 ནས་ 12 བར་ཆུ་བཀག་ནས་ཞིག་གསོ་བྱེད།');

    // Tibetan: recorded with the (fake) microphone for about two seconds
    await page.getByTestId('notice-audio-bo-start').click();
    await visible(page, /正在录音 \d+ 秒/);
    await page.waitForTimeout(2200);
    await page.getByTestId('notice-audio-bo-stop').click();
    await page.locator('[data-testid=notice-audio-bo][data-has-clip="1"]').waitFor();
    // Chinese: a sound file chosen from the computer
    const chooser = page.waitForEvent('filechooser');
    await page.getByTestId('notice-audio-zh-choose').click();
    await (await chooser).setFiles({ name: '朗读.wav', mimeType: 'audio/wav', buffer: wavBytes(1500) });
    await page.locator('[data-testid=notice-audio-zh][data-has-clip="1"]').waitFor();

    // the worker listens to the recording before publishing
    await page.getByTestId('notice-audio-bo-play').click();
    await page.locator('[data-testid=notice-audio-bo-play][data-state=playing]').waitFor();
    expect((await player(page))?.paused).toBe(false);
    await fullShot(page, 'staff-notice-audio-recorded');
    await page.getByTestId('notice-audio-bo-play').click(); // stop

    await tap(page, '发布');
    await confirmModal(page);
    await visible(page, '阅读情况');
    noticeId = new URL(page.url().replace('#', '')).searchParams.get('id')!;
    const n = await s.api(`/api/notices/${noticeId}`, { token: (await devLogin(s, '李明')).accessToken });
    const bo = n.body.audio.find((a: { lang: string }) => a.lang === 'bo');
    expect(bo.contentType).toBe('audio/webm'); // MediaRecorder's own output, its length read from the blocks
    expect(bo.durationMs).toBeGreaterThan(1200);
    expect(bo.durationMs).toBeLessThan(6000);
    expect(n.body.audio.find((a: { lang: string }) => a.lang === 'zh')).toMatchObject({ contentType: 'audio/wav', durationMs: 1500 });
    boClip = bo.fileId;
    expect(errors).toEqual([]);
  } catch (e) {
    await fullShot(page, 'staff-notice-audio-failure');
    throw e;
  }
});

it('a Tibetan reader with large text at 375 px gets one big ▶ in Tibetan beside the notice, and it plays', async () => {
  expect(noticeId).not.toBe('');
  const { page, errors } = await signedIn(await devLogin(s, '拉姆'), 'bo', true, 375);
  await page.goto(`${s.url}/#/pages/resident/notice/index?id=${noticeId}`);
  const play = page.getByTestId('audio-play');
  await play.waitFor();
  expect(await play.getAttribute('data-lang')).toBe('bo');
  expect(await play.innerText()).toContain('བོད་སྐད་དུ་ཉན།');
  const box = (await play.boundingBox())!;
  expect(box.height).toBeGreaterThanOrEqual(44);
  expect(box.width).toBeGreaterThanOrEqual(200);
  expect(box.y + box.height).toBeLessThan(844); // on the first screen, beside the title
  await page.waitForTimeout(300);
  await fullShot(page, 'tibetan-notice-audio-bo-large');
  expect(await hanTexts(page)).toEqual([]);
  expect((await smallThings(page)).text).toEqual([]);

  await play.click();
  await page.locator('[data-testid=audio-play][data-state=playing]').waitFor();
  const p = (await player(page))!;
  expect(p).toMatchObject({ fileId: boClip, paused: false });
  expect(p.src).toMatch(/^blob:/);
  await page.waitForFunction(() => (document.querySelector<HTMLAudioElement>('[data-testid=audio-player]')?.currentTime ?? 0) > 0.2);
  expect(await play.innerText()).toContain('མཚམས་འཇོག'); // the same button now stops
  await fullShot(page, 'tibetan-notice-audio-bo-playing');
  await play.click();
  await page.locator('[data-testid=audio-play][data-state=idle]').waitFor();
  expect((await player(page))?.paused).toBe(true);
  expect(errors).toEqual([]);
});

it('the committee attaches readings to the vote and to its question while it is a draft', async () => {
  const session = await devLogin(s, '格桑');
  const { page, errors } = await signedIn(session, 'zh', false);
  try {
    await page.goto(`${s.url}/#/pages-staff/consultation-new/index`);
    await page.getByTestId('cn-audio').waitFor();
    const choose = async (testId: string, ms: number) => {
      const chooser = page.waitForEvent('filechooser');
      await page.getByTestId(`${testId}-bo-choose`).click();
      await (await chooser).setFiles({ name: 'voice.wav', mimeType: 'audio/wav', buffer: wavBytes(ms) });
      await page.locator(`[data-testid=${testId}-bo][data-has-clip="1"]`).waitFor();
    };
    await choose('cn-audio', 3000); // the whole vote
    await choose('cn-audio-renovate', 1000); // the template's question
    // a renamed text file is refused with the server's reason, mapped by its code
    const chooser = page.waitForEvent('filechooser');
    await page.getByTestId('cn-audio-zh-choose').click();
    await (await chooser).setFiles({ name: 'voice.mp3', mimeType: 'audio/mpeg', buffer: Buffer.from('not a recording at all, just text '.repeat(10)) });
    await page.getByText('不是可用的录音文件（支持 MP3、M4A、OGG、WebM、WAV）').waitFor();
    await page.getByTestId('cn-save').click();
    await visible(page, '发布并尽快开始投票');
    const id = new URL(page.url().replace('#', '')).searchParams.get('id')!;
    const c = await s.api(`/api/consultations/${id}`, { token: session.accessToken });
    expect(c.body.audio.map((a: { target: string; lang: string; durationMs: number }) => `${a.target}/${a.lang}/${a.durationMs}`).sort()).toEqual([
      'main/bo/3000',
      'question:renovate/bo/1000',
    ]);
    expect(errors).toEqual([]);
  } catch (e) {
    await fullShot(page, 'staff-vote-audio-failure');
    throw e;
  }
});

it('a published notice changes its reading by amendment (a new version), and its withdrawal reaches Tibetan readers in Tibetan', async () => {
  expect(noticeId).not.toBe('');
  const street = await devLogin(s, '李明');
  const { page, errors } = await signedIn(street, 'zh', false);
  try {
    await page.goto(`${s.url}/#/pages-staff/notice/index?id=${noticeId}`);
    await page.getByTestId('audio-play').first().waitFor(); // the worker hears what residents hear
    await tap(page, '更正公告');
    await page.getByTestId('amend-audio-bo-remove').click();
    const chooser = page.waitForEvent('filechooser');
    await page.getByTestId('amend-audio-bo-choose').click();
    await (await chooser).setFiles({ name: '重录.wav', mimeType: 'audio/wav', buffer: wavBytes(2500) });
    await page.locator('[data-testid=amend-audio-bo][data-has-clip="1"]').waitFor();
    await tap(page, '发布更正');
    await confirmModal(page);
    await page.getByTestId('notice-versions').filter({ hasText: '第 2 版' }).locator('visible=true').waitFor({ timeout: 15_000 });
    const n = await s.api(`/api/notices/${noticeId}`, { token: street.accessToken });
    const bo = n.body.audio.find((a: { lang: string }) => a.lang === 'bo');
    expect(bo.durationMs).toBe(2500);
    expect(bo.fileId).not.toBe(boClip);

    await tap(page, '撤回公告');
    await chip(page, '事项取消');
    await press(page.getByTestId('withdraw-submit').locator('visible=true')); // a finger press: the pull-to-refresh wrapper fools click()
    await confirmModal(page);
    await page.getByTestId('notice-withdrawn').locator('visible=true').first().waitFor({ timeout: 15_000 });
    expect(errors).toEqual([]);
  } catch (e) {
    await fullShot(page, 'staff-notice-audio-amend-failure');
    throw e;
  }
  const reader = await signedIn(await devLogin(s, '拉姆'), 'bo', true, 375);
  await reader.page.goto(`${s.url}/#/pages/resident/notice/index?id=${noticeId}`);
  const why = reader.page.getByTestId('notice-withdrawn');
  await why.waitFor();
  expect(await why.innerText()).not.toMatch(/[\u3400-\u9fff]/);
  await fullShot(reader.page, 'tibetan-notice-withdrawn-bo-large');
  expect(reader.errors).toEqual([]);
});
