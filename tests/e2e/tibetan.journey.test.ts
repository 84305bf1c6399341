import type { Browser, Page } from 'playwright-core';
import { launchBrowser, phonePage } from '../support/browser';
import { demoProject, devToken, fullScreenshot, publishBilingualNotice, route, startDemoServer, DEMO_COMPLEX } from '../support/e2eResident';
import type { TestServer } from '../support/server';
import { hanTexts, smallThings } from './tibetanChecks';
import { upload } from '../support/notices';
import { wavBytes } from '../support/audio';

// A Tibetan reader of 68 on a 375 px phone: first run (language, text size) → home task card → notice → objection →
// vote → receipt → pledge → project (rating entry near the top). Every screen is in bo with large text; on each one
// no unmarked Chinese is visible, text is ≥ 18 px and targets are ≥ 44 px. Screenshots: tests/artifacts/tibetan-*.png.
jest.setTimeout(240_000);

let s: TestServer;
let browser: Browser;
let voteId: string;
let noticeId: string;
let projectId: string | null;

const VOTE = {
  title: '是否同意实施幸福小区老旧小区改造',
  titleBo: 'བདེ་སྐྱིད་ཁྱིམ་ཁུལ་རྙིང་པ་བཅོས་སྒྱུར་ལག་བསྟར་བྱེད་རྒྱུར་མོས་མཐུན་ཡོད་དམ།',
  description: '屋顶漏水、水管老化，是否同意实施改造？',
  descriptionBo: 'ཐོག་ཁ་ཆུ་འཛག་པ་དང་ཆུ་དོང་རྙིང་པ་ཆགས་ཡོད། བཅོས་སྒྱུར་ལ་མོས་མཐུན་ཡོད་དམ།',
};
const NOTICE = {
  title: '幸福小区改造方案公示',
  titleBo: 'བདེ་སྐྱིད་ཁྱིམ་ཁུལ་གྱི་བཅོས་སྒྱུར་འཆར་གཞི་ཁྱབ་བསྒྲགས།',
  body: '<p>小区屋面防水和适老化改造方案现予公示，公示期 7 天。</p>',
  bodyBo: '<p>ཁྱིམ་ཁུལ་གྱི་ཐོག་ཁའི་ཆུ་འགོག་དང་རྒན་གཞོན་ལ་འཚམ་པའི་བཅོས་སྒྱུར་འཆར་གཞི་ཁྱབ་བསྒྲགས་བྱེད།</p>',
};

/** A bilingual vote opened at once (lead time set to 0 by the administrator for the test). */
async function openBilingualVote(): Promise<string> {
  const admin = await devToken(s, '系统管理员');
  await s.api('/api/consultation-settings', { method: 'PUT', token: admin, body: { minLeadTimeHours: 0, defaultLeadTimeHours: 0 } });
  const committee = await devToken(s, '格桑');
  const c = await s.api('/api/consultations', {
    token: committee,
    body: {
      kind: 'whether',
      ...VOTE,
      complexCode: DEMO_COMPLEX,
      electorate: { level: 'complex' },
      leadTimeHours: 0,
      opensAt: new Date(Date.now() + 1500).toISOString(),
      closesAt: new Date(Date.now() + 7 * 24 * 3600_000).toISOString(),
    },
  });
  if (c.status !== 201) throw new Error(`create: ${c.status} ${JSON.stringify(c.body)}`);
  expect(c.body).toMatchObject({ titleBo: VOTE.titleBo, descriptionBo: VOTE.descriptionBo });
  await s.api(`/api/consultations/${c.body.id}/schedule`, { method: 'POST', token: committee });
  for (let i = 0; i < 150; i++) {
    if ((await s.api(`/api/consultations/${c.body.id}`, { token: committee })).body.status === 'open') return c.body.id;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('the vote did not open');
}

beforeAll(async () => {
  s = await startDemoServer();
  browser = await launchBrowser();
  voteId = await openBilingualVote();
  // the notice carries the street worker's Tibetan reading of it (listening instead of reading)
  const clip = await upload(s, '/api/audio', await devToken(s, '李明'), { bytes: wavBytes(2000), name: 'voice.wav', type: 'audio/wav' });
  noticeId = await publishBilingualNotice(s, { ...NOTICE, audio: [{ target: 'main', lang: 'bo', fileId: clip.body.fileId }] });
  projectId = await demoProject(s);
});
afterAll(async () => {
  await browser?.close();
  await s?.stop();
});

const problems: string[] = [];
/** Screenshot one screen and run the three checks on it (collected, so one run shows every screen's problems). */
async function screen(page: Page, name: string, opts: { han?: boolean } = {}) {
  await page.waitForTimeout(400);
  await fullScreenshot(page, `tibetan-${name}`);
  if (opts.han !== false) for (const h of await hanTexts(page)) problems.push(`${name}: Han "${h}"`);
  const small = await smallThings(page);
  for (const x of small.text) problems.push(`${name}: small text ${x}`);
  for (const x of small.targets) problems.push(`${name}: small target ${x}`);
}

async function open(page: Page, path: string, ready: string) {
  await page.goto('about:blank');
  await page.goto(route(s, path));
  await page.getByTestId(ready).first().waitFor();
}

it('a Tibetan reader with large text: first run, task card, notice, objection, vote, receipt, pledge, project', async () => {
  const { page, errors } = await phonePage(browser, { firstRun: true, width: 375 });
  try {
    await residentWalk(page);
  } catch (e) {
    await fullScreenshot(page, 'tibetan-failure');
    throw e;
  }
  expect(errors).toEqual([]);
  expect(problems).toEqual([]);
});

async function residentWalk(page: Page) {
  // -- first run: language as big flags of text, then text size, before anything else
  await page.goto(route(s, '/pages/index/index'));
  await page.getByTestId('first-run').waitFor();
  await page.getByTestId('first-run-bo').click();
  await page.getByTestId('first-run-large').click();
  await page.locator('.page.large-text.lang-bo').first().waitFor();
  await screen(page, '01-first-run'); // the two language flags name themselves, marked as names
  await page.getByTestId('first-run-done').click();
  await page.getByTestId('app-header').first().waitFor();

  // -- login (dev picker lists people by name: proper names, not checked)
  await page.goto(route(s, '/pages/me/index'));
  await page.getByTestId('me-login').click();
  await page.getByText('མོས་མཐུན་བྱས་ནས་མུ་མཐུད།', { exact: true }).click();
  await page.getByTestId('dev-user').filter({ hasText: '拉姆' }).first().click();

  // -- home: one big task card first — the vote waiting for me
  const task = page.getByTestId('task-vote');
  await task.waitFor();
  expect(await task.innerText()).toContain(VOTE.titleBo);
  const box = await task.boundingBox();
  expect(box!.y + box!.height).toBeLessThan(844); // on the first screen
  await screen(page, '02-home-task');

  // -- the notice, read in Tibetan; an objection from H5 (no WeChat identity) is accepted, with a toast and a status
  await open(page, `/pages/resident/notice/index?id=${noticeId}`, 'notice-text');
  expect(await page.getByTestId('notice-text').getAttribute('data-lang')).toBe('bo');
  await screen(page, '03-notice');
  // one big ▶ beside the text plays the Tibetan reading; the same button stops it
  const play = page.getByTestId('audio-play');
  expect(await play.getAttribute('data-lang')).toBe('bo');
  expect((await play.boundingBox())!.height).toBeGreaterThanOrEqual(44);
  await play.click();
  await page.locator('[data-testid=audio-play][data-state=playing]').waitFor();
  await play.click();
  await page.locator('[data-testid=audio-play][data-state=idle]').waitFor();
  const box2 = page.getByTestId('objection-text');
  if (await box2.count()) {
    await box2.locator('textarea').fill('ཐོག་ཁའི་ཆུ་འགོག་ལས་ཀ་དགུན་ཁའི་སྔོན་ལ་མཇུག་སྒྲིལ་རོགས།');
    await page.getByTestId('objection-submit').click();
    await page.getByText('བསམ་ཚུལ་ཕུལ་ཟིན།').first().waitFor();
    await page.getByTestId('my-objection').first().waitFor();
    await screen(page, '04-objection-sent');
  }

  // -- the vote: sticky bar, ballot scrolled into view, confirmation, receipt
  await open(page, `/pages/resident/consultation/index?id=${voteId}`, 'vote-bar');
  expect(await page.getByTestId('consultation-title').innerText()).toContain(VOTE.titleBo);
  await screen(page, '05-vote');
  const bar = await page.getByTestId('vote-bar').boundingBox();
  expect(bar!.y + bar!.height).toBeLessThanOrEqual(844 + 1); // fixed to the bottom of the screen
  await page.getByTestId('start-vote').click();
  await page.getByTestId('choice-renovate-approve').waitFor();
  await page.waitForTimeout(600);
  const first = await page.getByTestId('question-renovate').boundingBox();
  expect(first!.y).toBeLessThan(844); // the ballot was brought into view
  await page.getByTestId('choice-renovate-approve').click();
  await screen(page, '06-ballot');
  await page.getByTestId('review-vote').click();
  await page.getByTestId('confirm-answer').getByText('མོས་མཐུན།').waitFor();
  await screen(page, '07-vote-confirm');
  await page.getByTestId('confirm-sheet-ok').click();
  const code = (await page.getByTestId('receipt-code').innerText()).trim();
  await screen(page, '08-receipt');

  // -- the list marks what I voted on
  await open(page, '/pages/consultations/index', 'consultation-card');
  await page.getByTestId('voted-mark').first().waitFor();
  await screen(page, '09-list-voted');

  // -- verify the receipt
  await open(page, `/pages/resident/receipt/index?id=${voteId}&code=${code}`, 'receipt-check');
  expect(await page.getByTestId('receipt-check').getAttribute('data-found')).toBe('1');
  await screen(page, '10-receipt-check');

  // -- pledge and the project page (rating entry near the top)
  if (projectId) {
    await open(page, `/pages/resident/pledge/index?id=${projectId}`, 'pledge-submit');
    await screen(page, '11-pledge');
    await open(page, `/pages/resident/project/index?id=${projectId}`, 'project-name');
    await screen(page, '12-project');
  }

  // -- a server error in Tibetan: a vote id that does not exist
  await open(page, '/pages/resident/consultation/index?id=000000000000000000000000', 'app-header');
  await page.locator('.state-view--error').first().waitFor();
  await screen(page, '13-error');
}
