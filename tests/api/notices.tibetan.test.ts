// System notices carry a Tibetan title and body beside the Chinese: the 结果公告 of an announced consultation (with
// the same arithmetic as the zh body), its 表决通知, and a project's 方案公示 — read back through the notices API by a
// resident of the complex.
import { startTestServer, type TestServer } from '../support/server';
import { decidedHowVote } from '../support/decidedVote';
import { cast, closeVote, no, openVote, person, seedAreas, seedDwellings, shortLeadTime, waitAnnounced, yes, type Person } from '../support/consultations';
import type { Json } from '../support/json';

let s: TestServer;
let committee: Person;
let street: Person;
let owners: Person[];
let d: string[];
const TIBETAN = /[\u0F00-\u0FFF]/;

beforeAll(async () => {
  s = await startTestServer({ DB_PREFIX: 'notices_bo' });
  const paths = await seedAreas();
  d = await seedDwellings(paths, [
    { entrance: 'QB1U1', room: '101', area: 8520 },
    { entrance: 'QB1U1', room: '201', area: 9000 },
    { entrance: 'QB1U1', room: '301', area: 9000 },
  ]);
  const admin = await person({ grants: [{ role: 'admin', scope: 'root' }] });
  committee = await person({ grants: [{ role: 'committee', scope: 'Q' }] });
  street = await person({ grants: [{ role: 'street_staff', scope: 'S' }] });
  owners = [await person({ owns: [d[0]] }), await person({ owns: [d[1]] }), await person({ owns: [d[2]] })];
  await shortLeadTime(s, admin.token);
});
afterAll(async () => {
  await s?.stop();
});

it('an announced consultation publishes its 结果公告 and 表决通知 in Chinese and Tibetan', async () => {
  const id = await openVote(s, committee.token, { kind: 'whether', title: '幸福小区改造', complexCode: 'Q', electorate: { level: 'complex' } });
  expect((await cast(s, owners[0].token, id, d[0], yes())).status).toBe(201);
  expect((await cast(s, owners[1].token, id, d[1], yes())).status).toBe(201);
  expect((await cast(s, owners[2].token, id, d[2], no())).status).toBe(201);
  await closeVote(s, committee.token, id);
  await waitAnnounced(s, committee.token, id);

  const list = await s.api('/api/notices', { token: owners[0].token });
  expect(list.status).toBe(200);
  const result = list.body.items.find((n: Json) => n.kind === 'result_announcement');
  expect(result).toBeDefined();
  const n = await s.api(`/api/notices/${result.id}`, { token: owners[0].token });
  expect(n.status).toBe(200);
  expect(n.body.title).toBe('结果公告：幸福小区改造');
  expect(n.body.titleBo).toBe('གྲུབ་འབྲས་གསལ་བསྒྲགས། 幸福小区改造');
  // 175.20 of 265.20 m² approved: short of three quarters (198.90 m²) — the same figures in both bodies.
  expect(n.body.body).toContain('同意的专有部分面积 175.20㎡ 未达参与表决面积 265.20㎡ 的四分之三（需至少 198.90㎡）');
  expect(n.body.bodyBo).toContain('མོས་མཐུན་གྱི་རྒྱ་ཁྱོན་ 175.20㎡། ཞུགས་པའི་རྒྱ་ཁྱོན་ 265.20㎡ ཡི་བཞི་ཆ་གསུམ（3/4）ཡན་ལ་མ་སླེབས།（ཉུང་མཐའ་ 198.90㎡ དགོས།）');
  expect(n.body.bodyBo).toContain('【གྲོས་ཆོད་མ་བྱུང་】');
  expect(n.body.bodyBo).toContain('དངོས་སུ་འོས་ཤོག་བཏང་བ་ ཁྱིམ་ཚང་ 3');

  const meeting = list.body.items.find((x: Json) => x.kind === 'meeting_notice');
  expect(meeting).toBeDefined();
  const m = await s.api(`/api/notices/${meeting.id}`, { token: owners[0].token });
  expect(m.body.titleBo).toBe('འོས་ཤོག་གི་བརྡ་ཐོ། 幸福小区改造');
  expect(m.body.bodyBo).toContain('དོན་ཚན་ 1། ཁྱིམ་ཁུལ་འདིར་ཁྱིམ་ཁུལ་རྙིང་པའི་བཅོས་སྒྱུར');
});

it('a project entering 方案公示 publishes the plan with a Tibetan body, money in yuan with two decimals', async () => {
  const api = (path: string, body?: unknown, method?: string) => s.api(path, { token: street.token, body, method });
  const p = await api('/api/projects', { complexCode: 'Q', year: 2026 });
  expect(p.status).toBe(201);
  const id = p.body.id;
  expect((await api(`/api/projects/${id}/transitions`, { to: 'annual_plan' })).status).toBe(200);
  expect((await api(`/api/projects/${id}/transitions`, { to: 'design' })).status).toBe(200);
  const items = await api(
    `/api/projects/${id}/items`,
    {
      items: [{ category: 'basic', name: '屋面防水', quantity: 1200, unit: '㎡', budgetFen: 36_000_001, plannedFinishOn: '2099-12-31' }],
    },
    'PUT',
  );
  expect(items.status).toBe(200);
  const f = await api(`/api/projects/${id}/funding`, { centralSubsidyFen: 20_000_000, residentsFen: 1_000_000 }, 'PUT');
  expect(f.status).toBe(200);
  expect(f.body.funding.balanced).toBe(true);
  await decidedHowVote(id);
  const t = await api(`/api/projects/${id}/transitions`, { to: 'publicity' });
  expect(t.status).toBe(200);
  const n = await s.api(`/api/notices/${t.body.noticeIds[0]}`, { token: owners[0].token });
  expect(n.status).toBe(200);
  expect(n.body).toMatchObject({ kind: 'plan_publicity', titleBo: expect.stringContaining('བཅོས་སྒྱུར་འཆར་གཞི་ཁྱབ་བསྒྲགས།') });
  expect(n.body.body).toContain('基础类：屋面防水 1200㎡，预算 360000.01 元');
  expect(n.body.bodyBo).toContain('<li>རྨང་གཞིའི་རིགས（基础类）། 屋面防水 1200㎡། སྔོན་རྩིས་སྒོར་ 360000.01</li>');
  expect(n.body.bodyBo).toContain('ཀྲུང་དབྱང་གི་རོགས་སྐྱོར་མ་དངུལ།（中央补助资金） སྒོར་ 200000.00');
  expect(n.body.bodyBo).toContain('མ་དངུལ་བསྡོམས་སྒོར་ 360000.01། སྔོན་རྩིས་དང་དོ་མཉམ།');
  expect(n.body.bodyBo).toMatch(TIBETAN);
});

it('the template list carries each kind’s Tibetan name and description', async () => {
  const r = await s.api('/api/consultation-templates', { token: committee.token });
  expect(r.status).toBe(200);
  expect(r.body.items.map((t: Json) => t.kind)).toEqual(['whether', 'what', 'how', 'manage', 'survey']);
  for (const t of r.body.items) {
    expect(t.labelBo).toMatch(TIBETAN);
    expect(t.descriptionBo).toMatch(TIBETAN);
  }
  expect(r.body.items[0].descriptionBo).toContain('དོན་ཚན་ 278 པའི་རྣམ་གྲངས（7）');
});
