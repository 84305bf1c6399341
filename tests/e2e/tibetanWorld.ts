import type { Page } from 'playwright-core';
import { decidedHowVote } from '../support/decidedVote';
import { DEMO_COMPLEX, devToken, fullScreenshot } from '../support/e2eResident';
import type { TestServer } from '../support/server';
import { hanTexts, smallThings } from './tibetanChecks';

// The world of the Tibetan walks (a bilingual vote, a finished project) and the per-screen runner they share.

export const VOTE = {
  title: '是否同意实施幸福小区老旧小区改造',
  titleBo: 'བདེ་སྐྱིད་ཁྱིམ་ཁུལ་རྙིང་པ་བཅོས་སྒྱུར་ལག་བསྟར་བྱེད་རྒྱུར་མོས་མཐུན་ཡོད་དམ།',
  description: '屋顶漏水、水管老化，是否同意实施改造？',
  descriptionBo: 'ཐོག་ཁ་ཆུ་འཛག་པ་དང་ཆུ་དོང་རྙིང་པ་ཆགས་ཡོད། བཅོས་སྒྱུར་ལ་མོས་མཐུན་ཡོད་དམ།',
};
export const NOTICE = {
  title: '幸福小区改造方案公示',
  titleBo: 'བདེ་སྐྱིད་ཁྱིམ་ཁུལ་གྱི་བཅོས་སྒྱུར་འཆར་གཞི་ཁྱབ་བསྒྲགས།',
  body: '<p>小区屋面防水和适老化改造方案现予公示，公示期 7 天。</p>',
  bodyBo: '<p>ཁྱིམ་ཁུལ་གྱི་ཐོག་ཁའི་ཆུ་འགོག་དང་རྒན་གཞོན་ལ་འཚམ་པའི་བཅོས་སྒྱུར་འཆར་གཞི་ཁྱབ་བསྒྲགས་བྱེད།</p>',
};

async function must(r: Promise<{ status: number; body: { id?: string } & Record<string, unknown> }>, what: string) {
  const res = await r;
  if (res.status !== 200 && res.status !== 201) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** A bilingual whether-vote of the demo complex, opened at once (lead time set to 0 by the administrator). */
export async function openBilingualVote(s: TestServer): Promise<string> {
  const admin = await devToken(s, '系统管理员');
  await must(s.api('/api/consultation-settings', { method: 'PUT', token: admin, body: { minLeadTimeHours: 0, defaultLeadTimeHours: 0 } }), 'settings');
  const committee = await devToken(s, '格桑');
  const c = await must(
    s.api('/api/consultations', {
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
    }),
    'create vote',
  );
  await must(s.api(`/api/consultations/${c.id}/schedule`, { method: 'POST', token: committee }), 'schedule');
  for (let i = 0; i < 150; i++) {
    if ((await s.api(`/api/consultations/${c.id}`, { token: committee })).body.status === 'open') return c.id!;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('the vote did not open');
}

/**
 * A project of the demo complex that passed acceptance (its rating window open), with a Tibetan name and item
 * names — what a street worker types when the project is planned.
 */
export async function finishedProject(s: TestServer): Promise<string> {
  const street = await devToken(s, '李明');
  const p = await must(
    s.api('/api/projects', {
      token: street,
      body: { complexCode: DEMO_COMPLEX, year: 2025, name: '幸福小区2025年屋面改造', nameBo: 'བདེ་སྐྱིད་ཁྱིམ་ཁུལ་ ༢༠༢༥ ལོའི་ཐོག་ཁ་བཅོས་སྒྱུར།' },
    }),
    'project',
  );
  const id = p.id!;
  const go = (to: string) => must(s.api(`/api/projects/${id}/transitions`, { token: street, body: { to } }), `→ ${to}`);
  await go('annual_plan');
  await go('design');
  await must(
    s.api(`/api/projects/${id}/items`, {
      method: 'PUT',
      token: street,
      body: { items: [{ category: 'basic', name: '屋面防水', nameBo: 'ཐོག་ཁའི་ཆུ་འགོག', quantity: 3200, unit: '㎡', budgetFen: 48000000 }] },
    }),
    'items',
  );
  await must(s.api(`/api/projects/${id}/funding`, { method: 'PUT', token: street, body: { centralSubsidyFen: 48000000 } }), 'funding');
  await decidedHowVote(id);
  await go('publicity');
  await go('construction');
  const acceptance = { date: '2025-11-01', passed: true, participants: [{ unit: '住建局', role: '主管' }] };
  await must(s.api(`/api/projects/${id}/acceptance`, { method: 'PUT', token: street, body: acceptance }), 'acceptance');
  await go('acceptance');
  return id;
}

/**
 * Every screen of a walk: a full screenshot (`tests/artifacts/<prefix><name>.png`) and the Tibetan reader's checks
 * — no unmarked Chinese, text ≥ 18 px, targets ≥ 44 px. Problems are collected so one run shows every screen's.
 */
export function walkScreens(prefix: string) {
  const problems: string[] = [];
  const screen = async (page: Page, name: string) => {
    await page.waitForTimeout(300);
    await fullScreenshot(page, `${prefix}${name}`);
    for (const h of await hanTexts(page)) problems.push(`${name}: Han "${h}"`);
    const small = await smallThings(page);
    for (const x of small.text) problems.push(`${name}: small text ${x}`);
    for (const x of small.targets) problems.push(`${name}: small target ${x}`);
  };
  return { problems, screen };
}
