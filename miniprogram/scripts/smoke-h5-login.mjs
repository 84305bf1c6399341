// Walks the H5 login flow against a running server with DEV_LOGIN=true (e.g. `PORT=3917 npm start`):
// 我的 → 登录 → privacy → agree → pick a demo user → back on 我的 logged in → home shows consultations and a live socket.
// Usage: node miniprogram/scripts/smoke-h5-login.mjs http://127.0.0.1:3917 [outDir]
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const base = process.argv[2] ?? 'http://127.0.0.1:3000';
const here = path.dirname(fileURLToPath(import.meta.url));
const outDir = path.resolve(process.argv[3] ?? path.resolve(here, '../../tests/artifacts'));
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
const results = [];
const check = (name, ok) => {
  results.push(ok);
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}`);
};
const page = await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });
const errors = [];
page.on('pageerror', (e) => errors.push(e.message));
page.on('console', (m) => m.type() === 'error' && /Content Security Policy/i.test(m.text()) && errors.push(m.text()));
const snap = (name) => page.screenshot({ path: path.join(outDir, `smoke-${name}.png`) });
const visible = (text) =>
  page
    .getByText(text, { exact: false })
    .first()
    .waitFor({ state: 'visible', timeout: 8000 })
    .then(
      () => true,
      () => false,
    );

try {
  await page.goto(`${base}/#/pages/me/index`);
  check('我的 shows 还没有登录', await visible('还没有登录'));
  // Base text must really be ≥ 18 CSS px for older readers (rem base set by utils/h5Root.ts under the server's CSP).
  const basePx = await page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('.page')).fontSize));
  check(`base font size ${basePx}px ≥ 18px`, basePx >= 18);
  await page.locator('.btn', { hasText: '登录' }).first().click();
  check('privacy guide comes first', await visible('同意并继续'));
  await snap('1-privacy');
  await page.getByText('同意并继续').click();
  check('dev users are listed', await visible('选择测试用户'));
  await page.locator('.login-user').first().waitFor({ timeout: 8000 });
  await snap('2-dev-users');
  const name = (await page.locator('.login-user .card__title').first().textContent())?.trim();
  await page.locator('.login-user').first().click();
  check(`logged in as ${name}`, await visible(name ?? '??'));
  check('logout button shown', await visible('退出登录'));
  await snap('3-me-logged-in');
  await page.locator('.taro-tabbar__tabbar').getByText('首页').click();
  // The consultations tab is not mounted yet, so its empty text can only come from the home page here.
  check(
    'home lists ongoing consultations or says there are none',
    await page
      .locator('.consultation-card__head, .state-view--empty')
      .first()
      .waitFor({ state: 'visible', timeout: 8000 })
      .then(
        () => true,
        () => false,
      ),
  );
  check('realtime connected', await visible('已连接'));
  await snap('4-home');
  await page.locator('.taro-tabbar__tabbar').getByText('项目').click();
  await page.waitForTimeout(1500);
  await snap('5-projects');
  await page.locator('.taro-tabbar__tabbar').getByText('议事').click();
  await page.waitForTimeout(1500);
  await snap('6-consultations');
  const stored = await page.evaluate(() => localStorage.getItem('gz.accessToken'));
  check('token stored through Taro storage', !!stored && stored.includes('data'));

  // Language and large text on 我的, then log out.
  await page.locator('.taro-tabbar__tabbar').getByText('我的').click();
  await page.getByText('བོད་ཡིག').click();
  check(
    'tab bar relabelled in Tibetan',
    await page
      .locator('.taro-tabbar__tabbar')
      .getByText('ཐོག་ངོས།')
      .waitFor({ timeout: 5000 })
      .then(
        () => true,
        () => false,
      ),
  );
  const serverLang = async () => {
    await page.waitForTimeout(500);
    return page.evaluate(async () => {
      const token = JSON.parse(localStorage.getItem('gz.accessToken')).data;
      return (await (await fetch('/api/me', { headers: { Authorization: `Bearer ${token}` } })).json()).lang;
    });
  };
  check('language saved on the server', (await serverLang()) === 'bo');
  await page.locator('.me-toggle').click();
  check(
    'large-text class applied',
    await page
      .locator('.page.large-text')
      .first()
      .waitFor({ timeout: 3000 })
      .then(
        () => true,
        () => false,
      ),
  );
  await page.waitForTimeout(400);
  await snap('7-me-bo-large');
  await page.locator('.me-toggle').click();
  await page.getByText('中文').first().click();
  check('language back to zh on the server', (await serverLang()) === 'zh');
  await page.getByText('退出登录').click();
  check('logout returns to 还没有登录', await visible('还没有登录'));
} finally {
  await browser.close();
}
check('no page errors', errors.length === 0);
if (errors.length) console.error(errors.join('\n'));
const passed = results.filter(Boolean).length;
console.log(`${passed} passed, ${results.length - passed} failed`);
process.exit(passed === results.length ? 0 : 1);
