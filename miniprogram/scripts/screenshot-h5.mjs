// Serves dist/h5 on a free loopback port and screenshots screens in Chinese and Tibetan (and large text).
// Usage (after `npm run build:h5`): node miniprogram/scripts/screenshot-h5.mjs [outDir]
// Needs Debian's chromium (+ fonts-noto-core, fonts-noto-cjk) and playwright-core from the root devDependencies.
import { spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const distDir = path.resolve(here, '../dist/h5');
const outDir = path.resolve(process.argv[2] ?? path.resolve(here, '../../tests/artifacts'));

const freePort = () =>
  new Promise((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });

const port = await freePort();
const server = spawn('python3', ['-m', 'http.server', String(port), '--bind', '127.0.0.1', '--directory', distDir], {
  stdio: 'ignore',
});
const base = `http://127.0.0.1:${port}`;
for (let i = 0; i < 50; i++) {
  const ok = await fetch(base + '/index.html').then(
    (r) => r.ok,
    () => false,
  );
  if (ok) break;
  await new Promise((r) => setTimeout(r, 100));
}

const sampleConsultations = {
  items: [
    { id: 'c1', title: '加装电梯方案表决（3 号楼 2 单元）', status: 'open', closesAt: '2026-12-10T10:00:00Z', participantCount: 18, areaName: '雪新村小区' },
    { id: 'c2', title: '外墙保温改造材料选择', status: 'open', closesAt: '2026-12-15T10:00:00Z', participantCount: 42, areaName: '雪新村小区' },
  ],
};

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
const failures = [];
async function shot(name, { lang = 'zh', large = false, loggedIn = false, hash = '/pages/index/index', mockApi = false }) {
  const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, locale: 'zh-CN' });
  const page = await ctx.newPage();
  page.on('pageerror', (e) => failures.push(`${name}: ${e.message}`));
  await page.addInitScript(
    ({ lang, large, loggedIn }) => {
      const put = (k, v) => localStorage.setItem(k, JSON.stringify({ data: v }));
      put('gz.lang', lang);
      put('gz.largeText', large);
      if (loggedIn) {
        put('gz.accessToken', 'screenshot-token');
        put('gz.user', { id: 'u1', name: '次仁卓玛' });
      }
    },
    { lang, large, loggedIn },
  );
  await page.route('**/socket.io/**', (r) => r.abort());
  if (mockApi) {
    await page.route('**/api/consultations**', (r) => r.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(sampleConsultations) }));
  }
  await page.goto(`${base}/#${hash}`);
  await page.waitForSelector('.page');
  await page.waitForTimeout(800); // fonts and the first fetch
  const file = path.join(outDir, `${name}.png`);
  await page.screenshot({ path: file });
  console.log('wrote', path.relative(process.cwd(), file));
  await ctx.close();
}

try {
  await shot('h5-home-zh', { lang: 'zh' });
  await shot('h5-home-bo', { lang: 'bo' });
  await shot('h5-home-zh-loggedin', { lang: 'zh', loggedIn: true, mockApi: true });
  await shot('h5-home-bo-loggedin-large', { lang: 'bo', loggedIn: true, mockApi: true, large: true });
  await shot('h5-me-bo', { lang: 'bo', hash: '/pages/me/index' });
  await shot('h5-me-zh-large', { lang: 'zh', large: true, hash: '/pages/me/index' });
  await shot('h5-consultations-error-zh', { lang: 'zh', loggedIn: true, hash: '/pages/consultations/index' });
  await shot('h5-privacy-bo', { lang: 'bo', hash: '/pages/privacy/index?next=login' });
} finally {
  await browser.close();
  server.kill();
}
if (failures.length) {
  console.error('page errors:\n' + failures.join('\n'));
  process.exit(1);
}
