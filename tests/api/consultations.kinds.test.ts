// The other kinds and formats: 改什么 (per-item approval + ranked preferences), 怎么管 (pick one under the ordinary
// rule), surveys (tenants may answer; ratings and short text), and the optional covenant count.
import { startTestServer, type TestServer } from '../support/server';
import { cast, closeVote, openVote, person, seedAreas, seedDwellings, shortLeadTime, type Person } from '../support/consultations';
import type { Json } from '../support/json';

let s: TestServer;
let d: string[];
let committee: Person;
const owners: Person[] = [];
let tenant: Person;

beforeAll(async () => {
  s = await startTestServer({ DB_PREFIX: 'cons_kinds' });
  const paths = await seedAreas();
  d = await seedDwellings(
    paths,
    [1, 2, 3, 4].map((i) => ({ entrance: 'QB1U1', room: `${i}01`, area: 10000 })),
  );
  const admin = await person({ grants: [{ role: 'admin', scope: 'root' }] });
  committee = await person({ grants: [{ role: 'committee', scope: 'Q' }] });
  for (const id of d) owners.push(await person({ owns: [id] }));
  tenant = await person({ tenantOf: [d[3]] });
  await shortLeadTime(s, admin.token);
});
afterAll(async () => {
  await s.stop();
});

it('改什么: each catalog item is decided on its own; the ranked priority question only reports', async () => {
  const tpl = (await s.api('/api/consultation-templates', { token: committee.token })).body.items.find((t: Json) => t.kind === 'what');
  expect(tpl.questions[0].options.map((o: Json) => o.category)).toEqual(['basic', 'basic', 'improvement', 'improvement', 'upgrade']);
  const id = await openVote(s, committee.token, { kind: 'what', title: '改造内容', complexCode: 'Q', electorate: { level: 'complex' } });
  const items = (roof: string, elevator: string) => ({
    questionId: 'items',
    items: [
      { itemId: 'roof', choice: roof },
      { itemId: 'elevator', choice: elevator },
    ],
  });
  const picks = (...p: string[]) => ({ questionId: 'priority', picks: p });
  expect((await cast(s, owners[0].token, id, d[0], [items('approve', 'approve'), picks('roof', 'elevator')])).status).toBe(201);
  expect((await cast(s, owners[1].token, id, d[1], [items('approve', 'reject'), picks('roof')])).status).toBe(201);
  expect((await cast(s, owners[2].token, id, d[2], [items('approve', 'reject'), picks('pipes', 'roof')])).status).toBe(201);
  const bad = await cast(s, owners[3].token, id, d[3], [picks('roof', 'pipes', 'elevator', 'roof')]);
  expect([bad.status, bad.body.error.code]).toEqual([422, 'INVALID_CHOICE']);
  const live = (await s.api(`/api/consultations/${id}/tally`, { token: owners[0].token })).body.questions[0];
  expect(live).toMatchObject({ options: [], participation: { dwellings: 3, areaHundredths: 30000 } }); // no per-option figure while open
  const v = await closeVote(s, committee.token, id);
  const [itemsQ, priority] = v.result.questions;
  // roof: 3 of 4 dwellings/persons take part (≥ 2/3), all 3 approve → passes; elevator: 1 of 3 approve → fails.
  expect(itemsQ.tally.find((i: Json) => i.itemId === 'roof').result.passed).toBe(true);
  expect(itemsQ.tally.find((i: Json) => i.itemId === 'elevator').result.passed).toBe(false);
  expect(itemsQ.tally.find((i: Json) => i.itemId === 'pipes').result.plain.participatingDwellings).toBe(0);
  // Borda with N = 3: roof 3 + 3 + 2 = 8, pipes 3, elevator 2.
  expect(priority.tally.rows.map((r: Json) => [r.itemId, r.bordaPoints, r.rank])).toEqual([
    ['roof', 8, 1],
    ['pipes', 3, 2],
    ['elevator', 2, 3],
  ]);
  expect(priority.passed).toBeNull();
});

it('怎么管: pick one under the ordinary (more than half) rule', async () => {
  const id = await openVote(s, committee.token, { kind: 'manage', title: '改造后管理', complexCode: 'Q', electorate: { level: 'complex' } });
  const vote = (i: number, model: string, fee: string) =>
    cast(s, owners[i].token, id, d[i], [
      { questionId: 'model', choice: model },
      { questionId: 'fee', choice: fee },
    ]);
  for (const [i, m, f] of [
    [0, 'quasi', 'fee-low'],
    [1, 'quasi', 'fee-low'],
    [2, 'property', 'fee-mid'],
    [3, 'quasi', 'fee-mid'],
  ] as const) {
    expect((await vote(i, m, f)).status).toBe(201);
  }
  const wrong = await cast(s, owners[0].token, id, d[0], [{ questionId: 'model', choice: 'fee-low' }]);
  expect(wrong.body.error.code).toBe('INVALID_CHOICE');
  const v = await closeVote(s, committee.token, id);
  expect(v.result.questions[0]).toMatchObject({ passed: true, winner: 'quasi' });
  // 2 of 4 is not more than half: no fee level is carried.
  expect(v.result.questions[1]).toMatchObject({ passed: false, winner: null });
});

it('surveys: a tenant may answer for the dwelling; rating and short text are counted, nothing is decided', async () => {
  const id = await openVote(s, committee.token, { kind: 'survey', title: '居民需求调查', complexCode: 'Q', electorate: { level: 'complex' } });
  const answers = (rating: number) => [
    { questionId: 'needs', picks: ['water', 'parking'] },
    { questionId: 'satisfaction', rating },
    { questionId: 'advice', text: '希望增加停车位' },
  ];
  expect((await cast(s, tenant.token, id, d[3], answers(2))).status).toBe(201);
  expect((await cast(s, owners[0].token, id, d[0], answers(5))).status).toBe(201);
  const v = await closeVote(s, committee.token, id);
  expect(v.result.questions.map((q: Json) => q.passed)).toEqual([null, null, null]);
  expect(v.result.questions[1].tally).toMatchObject({ count: 2, sum: 7, mean: 3.5, counts: [0, 1, 0, 0, 1] });
  expect(v.result.questions[2].tally).toEqual({ responses: 2 });
});

it('covenant clause: delivered but unreturned ballots follow the majority, and both counts are shown', async () => {
  const noClause = await s.api('/api/consultations', {
    token: committee.token,
    body: {
      kind: 'whether',
      title: 'x',
      complexCode: 'Q',
      electorate: { level: 'complex' },
      covenant: { enabled: true },
      opensAt: new Date(Date.now() + 864e5).toISOString(),
      closesAt: new Date(Date.now() + 2 * 864e5).toISOString(),
    },
  });
  expect(noClause.status).toBe(400);
  const id = await openVote(s, committee.token, {
    kind: 'whether',
    title: '筹集维修资金',
    complexCode: 'Q',
    electorate: { level: 'complex' },
    questions: [{ id: 'renovate', title: '是否同意筹集维修资金', format: 'yes_no', rule: 'civil_ordinary' }],
    covenant: { enabled: true, clauseText: '管理规约第十二条：已送达表决票、逾期未回复的，视为同意多数意见' },
  });
  expect((await s.api(`/api/consultations/${id}/deliveries`, { token: committee.token, body: { dwellingIds: d } })).body).toEqual({ count: 4 });
  for (const i of [0, 1]) expect((await cast(s, owners[i].token, id, d[i], [{ questionId: 'renovate', choice: 'approve' }])).status).toBe(201);
  const v = await closeVote(s, committee.token, id);
  const t = v.result.questions[0].tally;
  // Ballots cast: 2 of 4 (200.00 of 400.00 ㎡) — below the 2/3 participation, so the plain count fails.
  expect(t.plain).toMatchObject({ participatingDwellings: 2, passed: false });
  // Covenant: the 2 delivered, unreturned dwellings follow the majority (approve): 4 of 4 take part and approve.
  expect(t.covenant).toMatchObject({ majorityChoice: 'approve', addedDwellingIds: [d[2], d[3]].sort() });
  expect(t).toMatchObject({ basis: 'covenant', passed: true });
  expect(v.result.deliveredDwellingIds).toEqual([...d].sort());
  const rc = await s.api(`/api/consultations/${id}/recount`, { token: owners[0].token });
  expect(rc.body.equal).toBe(true);
});
