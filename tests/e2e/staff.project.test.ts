// A project run from 储备 to 后评价 entirely from the staff screens (two residents pledge and rate through the
// API, as their own screens would), then the county dashboard, its drill-down and the XLSX show the same figures.
//
// Golden figures, by hand: the linked 怎么改 vote, every household approving → 民意协商 100 (area, headcount and
// approval all 100 %); plan notice shown 0 of 7 days, no objection → (0 + 1) / 2 = 50.00; both items done, no planned
// date, accepted → 100.00; ratings 5 and 4 → (9 − 2) / 8 = 87.50; total (100 + 50 + 100 + 87.50) / 4 = 84.375 → 84.38 → 合格. Budget 100 ㎡ × 50 + 2 处 × 250 = 5,500 元;
// central 3,000 + residents 1,000 → the local 1,500 split 2:1:1 = 750 / 375 / 375; received 600 + 400 = 1,000 元.
import ExcelJS from 'exceljs';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { ARTIFACTS, launchBrowser } from '../support/browser';
import type { TestServer } from '../support/server';
import { decidedHowVote } from '../support/decidedVote';
import { confirmModal, devLogin, fullShot, PNG_1PX, press, staffPage, startStaffServer, tap, visible, type Session } from './staffSupport';
import type { Json } from '../support/json';

let s: TestServer;
let browser: Browser;
let street: Session;
let planNotice = '';
const COUNTY = '540102';
const byId = (page: Page, id: string) => page.getByTestId(id).locator('visible=true').first();
const fill = (page: Page, id: string, value: string) => byId(page, id).locator('input').fill(value);
/** Waits for a Taro modal whose message is exactly `text` (an earlier modal may still be fading out). */
const modalWith = (page: Page, text: string) =>
  page
    .locator('.taro-modal__text:visible')
    .filter({ hasText: new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) })
    .last()
    .waitFor({ timeout: 15_000 });

beforeAll(async () => {
  s = await startStaffServer();
  browser = await launchBrowser();
  street = await devLogin(s, '李明');
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await s?.stop();
});

async function advance(page: Page, to: string) {
  await press(byId(page, 'stage-advance'));
  await confirmModal(page);
  await page.getByTestId('stage-current').locator('visible=true').filter({ hasText: to }).waitFor({ timeout: 15_000 });
}

it('储备 → 后评价 from the staff screens; the county dashboard, drill-down and XLSX show the golden figures', async () => {
  const { page, errors } = await staffPage(browser, street);
  await page.goto(`${s.url}/#/pages-staff/project-new/index`);
  await fill(page, 'new-name', '幸福小区屋面与适老化改造');
  await fill(page, 'new-name-bo', 'བདེ་སྐྱིད་ཁྱིམ་ཁུལ་ཐོག་ཁ་བཅོས་སྒྱུར།');
  await press(byId(page, 'new-create'));
  await visible(page, '当前阶段：储备');
  const projectId = new URL(page.url().replace('/#/', '/')).searchParams.get('id')!;
  await advance(page, '年度计划');
  await advance(page, '方案编制');

  // Items: quantity × unit cost, the budget computed on screen.
  await press(byId(page, 'item-add'));
  await fill(page, 'item-0-name', '屋面防水');
  await fill(page, 'item-0-name-bo', 'ཐོག་ཁའི་ཆུ་འགོག');
  await fill(page, 'item-0-qty', '100');
  await fill(page, 'item-0-unit', '㎡');
  await fill(page, 'item-0-cost', '50');
  await press(byId(page, 'item-add'));
  await fill(page, 'item-1-name', '加装扶手');
  await fill(page, 'item-1-qty', '2');
  await fill(page, 'item-1-unit', '处');
  await fill(page, 'item-1-cost', '250');
  expect(await byId(page, 'items-total').innerText()).toBe('预算合计 5,500 元');
  await press(byId(page, 'items-save'));
  await visible(page, '已保存');
  await byId(page, 'funding-editor').getByText('预算合计 5,500 元').waitFor({ timeout: 15_000 });

  // A plan that does not balance: shown inline, and the stage change is refused in plain words; nothing changes.
  await fill(page, 'fund-central', '3000');
  await fill(page, 'fund-residents', '5000');
  expect(await byId(page, 'funding-balance').innerText()).toMatch(/与预算 5,500 元相差 2,500 元/);
  await press(byId(page, 'funding-save'));
  await visible(page, '已保存');
  await visible(page, '资金筹措方案与预算不平衡，须调整后再公示');
  await press(byId(page, 'stage-advance'));
  await confirmModal(page);
  // Every unmet condition is named: the plan does not balance, and no 怎么改 vote has been decided yet.
  await page
    .locator('.taro-modal__text:visible')
    .filter({ hasText: '资金筹措方案与预算不平衡，须调整后再公示' })
    .filter({ hasText: '方案公示前须有已公告通过的“怎么改”表决' })
    .last()
    .waitFor({ timeout: 15_000 });
  await confirmModal(page);
  expect((await s.api(`/api/projects/${projectId}`, { token: street.accessToken })).body.status).toBe('design');
  await fill(page, 'fund-residents', '1000');
  expect(await byId(page, 'funding-preview').innerText()).toMatch(/地方财政补足 1,500 元，按 2:1:1 分担：自治区 750、地（市）375、县（区）375 元/);
  await press(byId(page, 'funding-save'));
  // 方案公示 needs a decided 怎么改 vote: the screen says which conditions are met before the tap.
  await page.locator('[data-testid="stage-check-funding"][data-met="yes"]:visible').waitFor({ timeout: 15_000 });
  expect(await byId(page, 'stage-check-how_vote').getAttribute('data-met')).toBe('no');
  expect(await byId(page, 'stage-check-how_vote').innerText()).toMatch(/✗ “怎么改”表决已公告通过（关联到本项目）\s*未满足/);
  // The vote was held and announced (its own screens, see the consultations e2e); staff link it here.
  await decidedHowVote(projectId, { linked: false });
  await page.reload();
  await press(byId(page, 'votes').locator('.st-row', { hasText: '改造设计方案表决' }));
  await page.locator('[data-testid="stage-check-how_vote"][data-met="yes"]:visible').waitFor({ timeout: 15_000 });
  await advance(page, '方案公示');
  // Entering 方案公示 published the plan notice; the workbench offers its A4 print.
  await byId(page, 'print-0').waitFor({ timeout: 15_000 });
  planNotice = (await s.api(`/api/projects/${projectId}`, { token: street.accessToken })).body.noticeIds[0];
  await fullShot(page, 'staff-project-plan-zh');

  // Two residents pledge (their own screens post the same request); staff confirm on the project page.
  for (const [name, fen] of [
    ['扎西次仁', 60_000],
    ['卓玛', 40_000],
  ] as const) {
    const r = await devLogin(s, name);
    const me = (await s.api('/api/me', { token: r.accessToken })).body;
    const p = await s.api(`/api/projects/${projectId}/pledges`, {
      token: r.accessToken,
      body: { kind: 'money', dwellingId: me.bindings[0].dwelling.dwellingId, amountFen: fen },
    });
    expect([name, p.status]).toEqual([name, 201]);
  }
  await advance(page, '施工');
  await press(byId(page, 'open-progress'));
  // One confirmation at a time: the list reloads after each, so wait until the button count drops.
  const toConfirm = () => page.getByText('确认已收到', { exact: true }).locator('visible=true').count();
  const until = async (n: number) => {
    for (const end = Date.now() + 15_000; (await toConfirm()) !== n;) {
      if (Date.now() > end) throw new Error(`expected ${n} pledges to confirm, saw ${await toConfirm()}`);
      await page.waitForTimeout(200);
    }
  };
  await until(2);
  for (const left of [1, 0]) {
    await tap(page, '确认已收到');
    await confirmModal(page);
    await until(left);
  }
  await visible(page, '¥1,000 / ¥1,000');
  for (const item of ['屋面防水', '加装扶手']) {
    const row = page.locator('.st-row:visible', { hasText: item }).filter({ has: page.getByText('＋', { exact: true }) });
    for (let i = 0; i < 10; i++) await press(row.getByText('＋', { exact: true }));
    await row.getByText('100%', { exact: true }).waitFor();
  }
  const chooser = page.waitForEvent('filechooser');
  await tap(page, '添加现场照片');
  await (await chooser).setFiles({ name: '完工.png', mimeType: 'image/png', buffer: PNG_1PX });
  await tap(page, '发布进度');
  await visible(page, '进度已发布');
  // The project's discussion (committee, community, street; residents do not see it): a comment in the author's words.
  await byId(page, 'comment-text').locator('textarea').fill('扶手已装好，请业委会下周一起验收');
  await press(byId(page, 'comment-post'));
  await byId(page, 'comments').getByText('扶手已装好，请业委会下周一起验收').waitFor({ timeout: 15_000 });
  expect(await byId(page, 'comments').locator('[data-testid="comment"]').first().innerText()).toMatch(/李明 · 街道 ·/);
  await page.goBack();

  // Joint acceptance: refused without a signatory (said on screen, nothing saved), then recorded.
  await press(byId(page, 'acceptance-save'));
  await visible(page, '联合验收须至少一个签字单位（填写单位和职责）');
  expect((await s.api(`/api/projects/${projectId}`, { token: street.accessToken })).body.acceptance).toBeNull();
  await fill(page, 'signer-0-unit', '城关区住建局');
  await fill(page, 'signer-0-role', '主管部门');
  await fill(page, 'signer-0-name', '李明');
  for (const item of ['屋面防水', '加装扶手']) await press(page.locator('.st-switch:visible', { hasText: item }));
  await press(byId(page, 'acceptance-save'));
  await visible(page, '已保存');
  await advance(page, '竣工验收');
  await visible(page, '满意度评价开放中');

  for (const [name, overall] of [
    ['扎西次仁', 5],
    ['卓玛', 4],
  ] as const) {
    const r = await devLogin(s, name);
    const me = (await s.api('/api/me', { token: r.accessToken })).body;
    const put = await s.api(`/api/projects/${projectId}/ratings`, {
      method: 'PUT',
      token: r.accessToken,
      body: { dwellingId: me.bindings[0].dwelling.dwellingId, overall },
    });
    expect([name, put.status]).toEqual([name, 200]);
  }
  await advance(page, '后评价');
  await visible(page, '满意度评价已结束');
  expect(errors).toEqual([]);

  // The county official: dashboard → street → 幸福小区 → the project, and the XLSX.
  const official = await devLogin(s, '王强');
  const o = await staffPage(browser, official);
  await o.page.goto(`${s.url}/#/pages-staff/dashboard/index`);
  const summary = byId(o.page, 'dashboard-summary');
  await summary.getByText('84.38').waitFor({ timeout: 20_000 });
  const text = await summary.innerText();
  for (const figure of [
    '1 个改造项目，1 个已评级（其中 0 个预评）',
    '50.00',
    '100.00',
    '87.50',
    '84.38',
    '¥1,000 / ¥1,000 · 100.00%',
    '4.50 · 2 户',
    '1 星 0 · 2 星 0 · 3 星 0 · 4 星 1 · 5 星 1',
    '合格 1',
  ]) {
    expect([figure, text.includes(figure)]).toEqual([figure, true]);
  }
  await press(summary.getByTestId('fig-total'));
  await modalWith(o.page, '总分 =（84.38）÷ 1 = 84.38（各 1 个已评级项目的平均）');
  await confirmModal(o.page);
  await fullShot(o.page, 'staff-dashboard-county-golden');

  await press(o.page.locator('[data-testid^="row-"]:visible .staff-head').first());
  await press(o.page.locator('[data-testid^="row-"]:visible .staff-head', { hasText: '幸福小区' }).first());
  const project = o.page.locator(`[data-testid="row-${projectId}"]:visible`);
  await project.waitFor({ timeout: 15_000 });
  expect(await project.innerText()).toMatch(/1\. 幸福小区屋面与适老化改造 · 后评价 ›\s*84\.38 · 合格/);
  expect((await byId(o.page, 'dashboard-breadcrumb').innerText()).split('\n').length).toBe(4);
  await fullShot(o.page, 'staff-dashboard-drill-project');

  // Back up to the county through the breadcrumb, and export what the county screen shows.
  await press(byId(o.page, 'dashboard-breadcrumb').locator('.st-chips__item').first());
  await o.page.locator(`[data-testid="row-${projectId}"]`).waitFor({ state: 'detached', timeout: 15_000 });
  const download = o.page.waitForEvent('download');
  await press(byId(o.page, 'export-xlsx'));
  const file = await (await download).path();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(fs.readFileSync(file!) as Json);
  const rows: unknown[][] = [];
  wb.getWorksheet('看板')!.eachRow((r) => {
    rows.push((r.values as unknown[]).slice(1));
  });
  const [, code, , , , projects, graded, provisional, d0, d1, d2, d3, total, , , , received, target, pct, , rc, rm, ...rest] = rows.at(-1)!;
  expect([code, projects, graded, provisional, d0, d1, d2, d3, total, received, target, pct, rc, rm, ...rest]).toEqual([
    COUNTY,
    1,
    1,
    0,
    100,
    50,
    100,
    87.5,
    84.38,
    1000,
    1000,
    '100.00',
    2,
    4.5,
    0,
    0,
    0,
    1,
    1,
    0,
    0,
    1,
    0,
  ]);
  expect(o.errors).toEqual([]);
}, 240_000);

it('the plan notice prints as one A4 page with both languages, its period and two QR codes', async () => {
  expect(planNotice).toMatch(/^[0-9a-f]{24}$/);
  const { page, errors } = await staffPage(browser, street);
  await page.goto(`${s.url}/#/pages-staff/print/index?id=${planNotice}`);
  await byId(page, 'print-page').waitFor({ timeout: 20_000 });
  await page.locator('[data-testid="print-qr"]:visible svg').nth(1).waitFor();
  // The area names arrive in a second request: wait for them as a reader would, before reading the page.
  await page.waitForFunction(() => /公示范围[^：]*：幸福小区/.test(document.querySelector('[data-testid="print-page"]')?.textContent ?? ''), null, {
    timeout: 20_000,
  });
  const text = await byId(page, 'print-page').innerText();
  expect(text).toMatch(/方案公示 · 公示/);
  expect(text).toMatch(/公示范围 \/ གསལ་བསྒྲགས་ཁྱབ་ཁོངས།：幸福小区/);
  expect(text).toMatch(/公示期 \/ གསལ་བསྒྲགས་དུས་ཡུན།：\d{4}/);
  expect(text).toMatch(/[\u0f00-\u0fff]{4}/);
  // The Tibetan names staff typed on the workbench, in the Tibetan column.
  expect(text).toContain('བདེ་སྐྱིད་ཁྱིམ་ཁུལ་ཐོག་ཁ་བཅོས་སྒྱུར། ཡི་བཅོས་སྒྱུར་འཆར་གཞི་ཁྱབ་བསྒྲགས།');
  expect(text).toContain('ཐོག་ཁའི་ཆུ་འགོག');
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const pdf = path.join(ARTIFACTS, 'notice-print-a4.pdf');
  await page.emulateMedia({ media: 'print' });
  await page.pdf({ path: pdf, preferCSSPageSize: true, printBackground: true });
  // PDF → PNG at 72 dpi: A4 is 595 × 842 points; one page only.
  const prefix = path.join(ARTIFACTS, 'notice-print-a4');
  for (const f of fs.readdirSync(ARTIFACTS).filter((x) => /^notice-print-a4-\d+\.png$/.test(x))) fs.rmSync(path.join(ARTIFACTS, f));
  execFileSync('pdftoppm', ['-png', '-r', '72', pdf, prefix]);
  const pngs = fs.readdirSync(ARTIFACTS).filter((x) => /^notice-print-a4-\d+\.png$/.test(x));
  expect(pngs).toHaveLength(1);
  // Nothing cut off: the last line of the sheet (the QR captions) is in the PDF's only page.
  const pdfText = execFileSync('pdftotext', ['-f', '1', '-l', '1', pdf, '-']).toString();
  expect(pdfText).toContain('幸福小区屋面与适老化改造');
  expect(pdfText).toMatch(/核验/);
  const png = fs.readFileSync(path.join(ARTIFACTS, pngs[0]));
  expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([595, 842]);
  expect(errors).toEqual([]);
}, 60_000);
