// Votes written in Tibetan too (issue 15): the Tibetan siblings are stored, edited and shown; drafts can be deleted
// (only drafts, only by their managers), and the meeting notice carries the committee's Tibetan title.
import { startTestServer, type TestServer } from '../support/server';
import { person, seedAreas, seedDwellings, shortLeadTime, type Person } from '../support/consultations';

let s: TestServer;
let committee: Person;
let stranger: Person;

beforeAll(async () => {
  s = await startTestServer({ DB_PREFIX: 'cons_bo', JOBS: 'false' });
  await seedDwellings(await seedAreas(), [{ entrance: 'QB1U1', room: '101', area: 8000 }]);
  const admin = await person({ grants: [{ role: 'admin', scope: 'root' }] });
  committee = await person({ grants: [{ role: 'committee', scope: 'Q' }] });
  stranger = await person({ grants: [{ role: 'committee', scope: 'Z' }] }); // another complex
  await shortLeadTime(s, admin.token);
});
afterAll(async () => {
  await s.stop();
});

const draft = (extra: Record<string, unknown> = {}) =>
  s.api('/api/consultations', {
    token: committee.token,
    body: {
      kind: 'whether',
      title: '是否改造',
      titleBo: 'བཅོས་སྒྱུར་བྱེད་དམ།',
      description: '说明',
      descriptionBo: 'གསལ་བཤད།',
      complexCode: 'Q',
      electorate: { level: 'complex' },
      leadTimeHours: 0,
      questions: [{ id: 'renovate', title: '是否同意', titleBo: 'མོས་མཐུན་ཡོད་དམ།', format: 'yes_no', rule: 'civil_major' }],
      opensAt: new Date(Date.now() + 3_600_000).toISOString(),
      closesAt: new Date(Date.now() + 7_200_000).toISOString(),
      ...extra,
    },
  });

it('stores and returns the Tibetan title, description and question, and edits them on the draft', async () => {
  const r = await draft();
  expect(r.status).toBe(201);
  expect(r.body).toMatchObject({ titleBo: 'བཅོས་སྒྱུར་བྱེད་དམ།', descriptionBo: 'གསལ་བཤད།' });
  expect(r.body.questions[0].titleBo).toBe('མོས་མཐུན་ཡོད་དམ།');
  const list = await s.api('/api/consultations?complexCode=Q', { token: committee.token });
  expect(list.body.items.find((x: { id: string }) => x.id === r.body.id).titleBo).toBe('བཅོས་སྒྱུར་བྱེད་དམ།');
  const edited = await s.api(`/api/consultations/${r.body.id}`, { method: 'PATCH', token: committee.token, body: { titleBo: '' } });
  expect(edited.status).toBe(200);
  expect(edited.body.titleBo).toBeNull(); // cleared: Tibetan readers see the Chinese, marked
});

it('deletes a draft for its managers only, and never a published vote', async () => {
  const a = await draft();
  expect((await s.api(`/api/consultations/${a.body.id}`, { method: 'DELETE', token: stranger.token })).status).toBe(404);
  expect((await s.api(`/api/consultations/${a.body.id}`, { method: 'DELETE', token: committee.token })).status).toBe(204);
  expect((await s.api(`/api/consultations/${a.body.id}`, { token: committee.token })).status).toBe(404);

  const b = await draft();
  expect((await s.api(`/api/consultations/${b.body.id}/schedule`, { method: 'POST', token: committee.token })).status).toBe(200);
  const refused = await s.api(`/api/consultations/${b.body.id}`, { method: 'DELETE', token: committee.token });
  expect(refused.status).toBe(409);
  expect(refused.body.error.code).toBe('CONSULTATION_NOT_DRAFT');
});
