// A consultation's 结果公告 printed as one A4 sheet: both languages, the complex's name (not its code), the
// publication period, the arithmetic in plain sentences, and QR codes to the online notice and to its verification
// page. The PDF is rendered to PNG (poppler) and kept as tests/artifacts/notice-print-result-a4-1.png.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { announceResult } from '../../server/src/consultations/commands/announce';
import { Notice } from '../../server/src/notices/model';
import { Area } from '../../server/src/roster/model';
import { DEMO_COMPLEX } from '../../server/src/demo/seed';
import { ARTIFACTS, launchBrowser } from '../support/browser';
import { decidedVote } from '../support/decidedVote';
import type { TestServer } from '../support/server';
import { devLogin, staffPage, startStaffServer } from './staffSupport';

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

it('the result notice prints on one A4 page with names, period, arithmetic and two QR codes', async () => {
  // A 怎么改 vote of 幸福小区, closed with every household approving; its announcement is the real 结果公告 text (zh + bo).
  const complex = (await Area.findOne({ code: DEMO_COMPLEX }).lean())!;
  const id = await decidedVote({ complexCode: DEMO_COMPLEX, complexName: complex.name, areaPath: complex.path, projectId: null });
  await announceResult(id);
  const notice = (await Notice.findOne({ sourceKey: `consultation:${id}:result` }).lean())!;
  expect(notice.kind).toBe('result_announcement');

  const street = await devLogin(s, '李明');
  const { page, errors } = await staffPage(browser, street);
  await page.goto(`${s.url}/#/pages-staff/print/index?id=${notice._id}`);
  const sheet = page.getByTestId('print-page').locator('visible=true');
  await sheet.waitFor({ timeout: 20_000 });
  await page.locator('[data-testid="print-qr"]:visible svg').nth(1).waitFor();
  await page.waitForFunction(() => /公示范围[^：]*：幸福小区/.test(document.querySelector('[data-testid="print-page"]')?.textContent ?? ''), null, {
    timeout: 20_000,
  });
  // On screen the sheet is light beige paper; printed it is white (no toner spent on a background).
  expect(await sheet.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(246, 239, 223)');
  const text = await sheet.innerText();
  expect(text).toMatch(/结果公告 · 公告/);
  expect(text).toContain('结果公告：幸福小区改造设计方案表决');
  // The period has an end even though a result notice does not expire: published + its display days.
  expect(text).toMatch(/公示期 \/ གསལ་བསྒྲགས་དུས་ཡུན།：\d{4}-\d\d-\d\d \d\d:\d\d 至 \d{4}-\d\d-\d\d \d\d:\d\d（\d+ 日）/);
  expect(text).toMatch(/表决范围：幸福小区/);
  expect(text).not.toContain(DEMO_COMPLEX);
  // The arithmetic, in sentences, one per line (the body is plain text; its line breaks are kept).
  expect(text).toMatch(/应参加表决的共 \d+ 户，专有部分面积合计 [\d.]+ 平方米/);
  expect(text).toMatch(/\n实际投票 \d+ 户。/);
  expect(text).toMatch(/【通过】/);
  expect(await page.getByTestId('print-body-bo').locator('visible=true').innerText()).toMatch(/[\u0f00-\u0fff]{6}/);
  // The second QR code is the verification (receipt) page the notice itself names.
  const qrs = await page.locator('[data-testid="print-qr"]:visible').allInnerTexts();
  expect(qrs.map((q) => q.trim())).toEqual(['线上原文 / དྲ་ཐོག་མ་ཡིག', '核验 / ཞིབ་བཤེར།']);
  expect(notice.body).toContain(`核验页面：/pages/resident/receipt/index?id=${id}`);

  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const pdf = path.join(ARTIFACTS, 'notice-print-result-a4.pdf');
  await page.emulateMedia({ media: 'print' });
  expect(await sheet.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(255, 255, 255)');
  await page.pdf({ path: pdf, preferCSSPageSize: true, printBackground: true });
  const prefix = path.join(ARTIFACTS, 'notice-print-result-a4');
  for (const f of fs.readdirSync(ARTIFACTS).filter((x) => /^notice-print-result-a4-\d+\.png$/.test(x))) fs.rmSync(path.join(ARTIFACTS, f));
  execFileSync('pdftoppm', ['-png', '-r', '72', pdf, prefix]);
  const pngs = fs.readdirSync(ARTIFACTS).filter((x) => /^notice-print-result-a4-\d+\.png$/.test(x));
  expect(pngs).toEqual(['notice-print-result-a4-1.png']);
  const png = fs.readFileSync(path.join(ARTIFACTS, pngs[0]));
  expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([595, 842]);
  // Nothing cut off: the title, the verdict and the QR captions are all on the one page.
  const pdfText = execFileSync('pdftotext', ['-f', '1', '-l', '1', pdf, '-']).toString();
  for (const line of ['幸福小区改造设计方案表决', '【通过】', '核验']) expect([line, pdfText.includes(line)]).toEqual([line, true]);
  expect(errors).toEqual([]);
}, 90_000);
