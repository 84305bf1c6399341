import type { Browser, Page } from 'playwright-core';
import { launchBrowser, phonePage } from '../support/browser';
import { demoProject, devToken, fullScreenshot, loginAs, pickOption, publishBilingualNotice, route } from '../support/e2eResident';
import { startFakeWechat, type FakeWechat } from '../support/fakeWechat';
import { bind, wechatEnvOf } from '../support/identity';
import { startTestServer, type TestServer } from '../support/server';
import { User } from '../../server/src/identity/model';
import { bo } from '../../miniprogram/src/i18n/bo';
import type { MessageKey } from '../../miniprogram/src/i18n/zh';
import { dwellingLabel } from '../../miniprogram/src/services/labels';

// The rest of the resident's screens on the H5 build against the real server: an objection with a photo taken from
// the album, cancelling a pledge with a reason, and a written entrustment (委托书 photo) that the committee approves
// and the owner then revokes — in Chinese and Tibetan. Screenshots go to tests/artifacts/resident-more-*.png.
jest.setTimeout(300_000);

let s: TestServer;
let wx: FakeWechat;
let browser: Browser;
let noticeId: string;
let projectId: string;

beforeAll(async () => {
  // The demo server (as startDemoServer) plus the fake WeChat API: objections pass WeChat's content check, which needs
  // the resident's openid — a real resident has one from logging in with WeChat; the dev login does not set it.
  wx = await startFakeWechat();
  s = await startTestServer({
    DEV_LOGIN: 'true',
    SEED_DEMO: 'true',
    DB_PREFIX: 'e2e',
    ...wechatEnvOf(wx),
    ...(process.env.E2E_H5_DIR ? { H5_DIR: process.env.E2E_H5_DIR } : {}),
  });
  await User.updateOne({ displayName: '拉姆' }, { $set: { openid: 'o-e2e-lhamo' } });
  browser = await launchBrowser();
  noticeId = await publishBilingualNotice(s, {
    title: '幸福小区雨污分流方案公示',
    titleBo: 'བདེ་སྐྱིད་ཁྱིམ་ཁུལ་གྱི་ཆུ་ལམ་འཆར་གཞི་ཁྱབ་བསྒྲགས།',
    body: '<p>雨污分流管网改造方案现予公示，公示期 7 天。</p>',
    bodyBo: '<p>ཆུ་ལམ་བཅོས་སྒྱུར་འཆར་གཞི་ཁྱབ་བསྒྲགས་བྱེད།</p>',
  });
  const p = await demoProject(s);
  if (!p) throw new Error('demo project not created');
  projectId = p;
});
afterAll(async () => {
  await browser?.close();
  await s?.stop();
  await wx?.stop();
});

const shot = (page: Page, name: string) => page.waitForTimeout(400).then(() => fullScreenshot(page, `resident-more-${name}`));
async function open(page: Page, path: string) {
  await page.goto('about:blank');
  await page.goto(route(s, path));
}

/** A photo as a phone would give it: a real PNG drawn in the page (a wall with a crack), not a 1-pixel stand-in. */
const drawPhoto = (page: Page, colour: string) =>
  page
    .evaluate((c) => {
      const canvas = document.createElement('canvas');
      canvas.width = 320;
      canvas.height = 240;
      const g = canvas.getContext('2d')!;
      g.fillStyle = c;
      g.fillRect(0, 0, 320, 240);
      g.strokeStyle = '#3e2723';
      g.lineWidth = 6;
      g.beginPath();
      g.moveTo(60, 20);
      g.lineTo(140, 110);
      g.lineTo(120, 150);
      g.lineTo(220, 230);
      g.stroke();
      return canvas.toDataURL('image/png').split(',')[1];
    }, colour)
    .then((b64) => Buffer.from(b64, 'base64'));

async function addPhoto(page: Page, addTestId: string, name: string, colour: string) {
  const buffer = await drawPhoto(page, colour);
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId(addTestId).click();
  await (await chooser).setFiles({ name, mimeType: 'image/png', buffer });
}

async function meOf(token: string) {
  return (await s.api('/api/me', { token })).body as {
    id: string;
    bindings: { dwelling: { dwellingId: string; complexName: string; buildingName: string; entranceName: string; room: string } }[];
  };
}

it('an objection goes with a photo, and a pledge is cancelled with a reason (Chinese)', async () => {
  const { page, errors } = await phonePage(browser);
  const token = await devToken(s, '拉姆');
  const me = await meOf(token);
  const pledge = await s.api(`/api/projects/${projectId}/pledges`, {
    token,
    body: { kind: 'money', dwellingId: me.bindings[0].dwelling.dwellingId, amountFen: 50000 },
  });
  expect(pledge.status).toBe(201);

  await loginAs(page, s, '拉姆');
  await page.getByTestId('home-notices').waitFor();

  // -- objection with a photo: the thumbnail shows as uploaded, then the objection lists it
  await open(page, `/pages/resident/notice/index?id=${noticeId}`);
  await page.getByTestId('objection-text').locator('textarea').fill('雨水管离我家窗户太近，墙上已经有裂缝，请重新考虑走向。');
  await addPhoto(page, 'objection-photos-add', '墙面裂缝.png', '#d7ccc8');
  const item = page.getByTestId('objection-photos-item');
  await page.waitForFunction(() => document.querySelector('[data-testid="objection-photos-item"]')?.getAttribute('data-state') === 'done');
  expect(await item.count()).toBe(1);
  await shot(page, 'objection-form-zh');
  await page.getByTestId('objection-submit').click();
  const mine = page.getByTestId('my-objection');
  await mine.waitFor().catch(async (e) => {
    await shot(page, 'debug-objection');
    throw new Error(`${e}: ${await page.locator('.form-error').allInnerTexts()}`);
  });
  await mine.locator('.file-image__img').waitFor();
  expect(await item.count()).toBe(0); // the form is empty again
  expect(wx.secChecks.map((c) => c.content)).toContain('雨水管离我家窗户太近，墙上已经有裂缝，请重新考虑走向。');
  const stored = await s.api(`/api/notices/${noticeId}/objections`, { token });
  expect(stored.body.items[0].photos).toHaveLength(1);
  expect(stored.body.items[0].photos[0].contentType).toBe('image/png');
  await shot(page, 'objection-done-zh');

  // -- cancel the pledge: a reason is asked for, the row turns 已取消 and the button goes away
  await open(page, `/pages/resident/project/index?id=${projectId}`);
  const row = page.getByTestId('pledge-row').first();
  await row.waitFor();
  expect(await row.getAttribute('data-status')).toBe('pledged');
  await row.getByTestId('pledge-cancel').click();
  await page.getByTestId('confirm-sheet-ok').click();
  await page.getByTestId('reason-error').getByText('请选择一个原因').waitFor();
  await page.getByTestId('reason-chip').filter({ hasText: '家里经济有困难' }).click();
  await shot(page, 'pledge-cancel-zh');
  await page.getByTestId('confirm-sheet-ok').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="pledge-row"]')?.getAttribute('data-status') === 'cancelled');
  expect(await row.getByTestId('pledge-cancel').count()).toBe(0);
  await row.getByText('取消原因：家里经济有困难').waitFor();
  const after = await s.api(`/api/projects/${projectId}/pledges`, { token });
  expect(after.body.pledges[0]).toMatchObject({ status: 'cancelled', cancelReason: '家里经济有困难' });
  await shot(page, 'pledge-cancelled-zh');
  expect(errors).toEqual([]);
  await page.context().close();
});

it('an owner registers a proxy in Tibetan, the committee approves, the proxy sees it, the owner revokes it', async () => {
  const owner = await phonePage(browser);
  const page = owner.page;
  const users = (await s.api('/api/auth/dev-users')).body.users as { id: string; displayName: string }[];
  const drolma = users.find((u) => u.displayName === '卓玛')!;
  const ownerMe = await meOf(await devToken(s, '扎西次仁'));
  const tBo = (k: MessageKey, v?: Record<string, string | number>) => Object.entries(v ?? {}).reduce((str, [n, x]) => str.replace(`{${n}}`, String(x)), bo[k]);
  const second = ownerMe.bindings[1].dwelling;
  // 卓玛 lives in the second flat as family: the owner picks her by tapping, without copying her code.
  await bind(drolma.id, second.dwellingId, 'family');

  await loginAs(page, s, '扎西次仁');
  await page.getByTestId('home-notices').waitFor();
  await open(page, '/pages/me/index');
  await page.getByTestId('lang-bo').click();
  await open(page, '/pages/resident/proxies/index');
  expect((await page.getByTestId('my-user-code').innerText()).trim()).toBe(ownerMe.id);

  // Validation first: nothing chosen yet.
  await page.getByTestId('proxy-submit').click();
  await page.getByTestId('proxy-code-error').getByText(bo['proxyForm.err.pick']).waitFor();
  await page.getByTestId('proxy-document-error').waitFor();

  await pickOption(page, page.getByTestId('proxy-dwelling'), dwellingLabel(tBo, second)).catch(async (e) => {
    await shot(page, 'debug-proxy');
    throw e;
  });
  const member = page.getByTestId('proxy-pick-member');
  await member.first().waitFor();
  expect(await member.count()).toBe(1);
  expect(await member.first().innerText()).toContain('卓*');
  expect(await member.first().innerText()).toContain(bo['relation.family']);
  // The fallback for someone outside the household opens the code box; picking 卓玛 closes it again.
  await page.getByTestId('proxy-pick-other').click();
  await page.getByTestId('proxy-code').waitFor();
  await member.first().click();
  await page.getByTestId('proxy-code').waitFor({ state: 'detached' });
  expect(await member.first().getAttribute('aria-checked')).toBe('true');
  await addPhoto(page, 'proxy-document-add', '委托书.png', '#fffde7');
  await page.getByTestId('proxy-note').locator('input').fill('外出务工期间');
  await page.getByTestId('proxy-document-item').waitFor();
  await shot(page, 'proxy-form-bo');
  await page.getByTestId('proxy-submit').click();
  const given = page.getByTestId('proxies-given').getByTestId('proxy');
  await given.first().waitFor();
  expect(await given.first().getAttribute('data-status')).toBe('pending');
  await given.first().getByText(bo['proxy.status.pending']).waitFor();
  // The household row now says she is entrusted and cannot be picked a second time.
  await member.first().getByText(bo['proxyForm.already.pending']).waitFor();
  expect(await member.first().getAttribute('aria-disabled')).toBe('true');
  await shot(page, 'proxy-pending-bo');

  // -- the committee approves (API), the owner sees it approved
  const mine = (await s.api('/api/me/proxies', { token: await devToken(s, '扎西次仁') })).body;
  expect(mine.given[0]).toMatchObject({ proxyUserId: drolma.id, proxyName: '卓玛', note: '外出务工期间', dwelling: { dwellingId: second.dwellingId } });
  const decided = await s.api(`/api/proxies/${mine.given[0].id}/decision`, { token: await devToken(s, '格桑'), body: { approve: true } });
  expect(decided.status).toBe(200);
  await open(page, '/pages/resident/proxies/index');
  await page.waitForFunction(() => document.querySelector('[data-testid="proxies-given"] [data-testid="proxy"]')?.getAttribute('data-status') === 'approved');
  await shot(page, 'proxy-approved-bo');

  // -- the proxy sees the dwelling they now vote for (Chinese)
  const proxy = await phonePage(browser);
  await loginAs(proxy.page, s, '卓玛');
  await proxy.page.getByTestId('home-notices').waitFor();
  await proxy.page.goto(route(s, '/pages/resident/proxies/index'));
  const received = proxy.page.getByTestId('proxies-received').getByTestId('proxy');
  await received.first().waitFor();
  expect(await received.first().getAttribute('data-status')).toBe('approved');
  await received.first().getByText(`${second.room}室`).waitFor();
  await shot(proxy.page, 'proxy-received-zh');

  // -- the owner revokes it with a reason
  await page.getByTestId('proxies-given').getByTestId('proxy-revoke').first().click();
  await page.getByTestId('reason-chip').first().click();
  await shot(page, 'proxy-revoke-bo');
  await page.getByTestId('confirm-sheet-ok').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="proxies-given"] [data-testid="proxy"]')?.getAttribute('data-status') === 'revoked');
  await page.getByTestId('proxies-given').getByTestId('proxy-reason').getByText('我自己投票', { exact: false }).waitFor();
  await shot(page, 'proxy-revoked-bo');

  // Large text: the same screen scales up and still fits the phone's width.
  await open(page, '/pages/me/index');
  await page.getByTestId('large-text').click();
  await open(page, '/pages/resident/proxies/index');
  await page.getByTestId('proxies-given').getByTestId('proxy').first().waitFor();
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
  const code = (await page.getByTestId('my-user-code').boundingBox())!;
  expect(code.x + code.width).toBeLessThanOrEqual(page.viewportSize()!.width);
  await shot(page, 'proxies-large-bo');

  expect(owner.errors).toEqual([]);
  expect(proxy.errors).toEqual([]);
  await proxy.page.context().close();
  await page.context().close();
});
