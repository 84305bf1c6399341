// Issue 15: a withdrawn notice tells Tibetan readers why, in Tibetan, when staff gave the reason in both languages;
// with the Chinese reason only, the Tibetan sibling stays empty (the reader sees the Chinese, marked).
import { startTestServer, type TestServer } from '../support/server';
import { person, seedAreas, seedDwellings, type Person } from '../support/consultations';

let s: TestServer;
let committee: Person, resident: Person;

beforeAll(async () => {
  s = await startTestServer({ DB_PREFIX: 'withdraw_bo', JOBS: 'false' });
  const [q101] = await seedDwellings(await seedAreas(), [{ entrance: 'QB1U1', room: '101', area: 8000 }]);
  committee = await person({ grants: [{ role: 'committee', scope: 'Q' }] });
  resident = await person({ owns: [q101] });
});
afterAll(async () => {
  await s.stop();
});

const publish = async () =>
  (
    await s.api('/api/notices', {
      token: committee.token,
      body: { kind: 'general', audience: { type: 'area', code: 'Q' }, title: '停水通知', body: '<p>周六停水</p>' },
    })
  ).body.id as string;

it('stores and shows the Tibetan withdrawal reason beside the Chinese one', async () => {
  const id = await publish();
  const w = await s.api(`/api/notices/${id}/withdrawal`, { token: committee.token, body: { reason: '信息有误', reasonBo: 'ཆ་འཕྲིན་ནོར་འདུག' } });
  expect(w.status).toBe(200);
  const seen = await s.api(`/api/notices/${id}`, { token: resident.token });
  expect(seen.body.withdrawn).toMatchObject({ reason: '信息有误', reasonBo: 'ཆ་འཕྲིན་ནོར་འདུག' });
  const feed = await s.api('/api/notices', { token: resident.token });
  expect(feed.body.items.find((n: { id: string }) => n.id === id).withdrawn.reasonBo).toBe('ཆ་འཕྲིན་ནོར་འདུག');
});

it('a Chinese-only reason leaves the Tibetan empty, and an overlong Tibetan reason is refused whole', async () => {
  const id = await publish();
  const long = await s.api(`/api/notices/${id}/withdrawal`, { token: committee.token, body: { reason: '重复发布', reasonBo: 'ཀ'.repeat(501) } });
  expect(long.status).toBe(400);
  expect((await s.api(`/api/notices/${id}`, { token: resident.token })).body.withdrawn).toBeNull(); // nothing half-written
  await s.api(`/api/notices/${id}/withdrawal`, { token: committee.token, body: { reason: '重复发布' } });
  expect((await s.api(`/api/notices/${id}`, { token: resident.token })).body.withdrawn).toMatchObject({ reason: '重复发布', reasonBo: null });
});

it('an amendment keeps its reason in both languages in the history residents read', async () => {
  const id = await publish();
  const bad = await s.api(`/api/notices/${id}/amendments`, {
    token: committee.token,
    body: { reason: '更正时间', reasonBo: 'ཀ'.repeat(501), body: '<p>周日停水</p>' },
  });
  expect(bad.status).toBe(400);
  expect((await s.api(`/api/notices/${id}`, { token: resident.token })).body.version).toBe(1); // nothing half-written
  const ok = await s.api(`/api/notices/${id}/amendments`, {
    token: committee.token,
    body: { reason: '更正时间', reasonBo: 'དུས་ཚོད་བཅོས་པ།', body: '<p>周日停水</p>' },
  });
  expect(ok.status).toBe(201); // a new version
  const seen = (await s.api(`/api/notices/${id}`, { token: resident.token })).body;
  expect(seen.history.find((h: { version: number }) => h.version === 2)).toMatchObject({ reason: '更正时间', reasonBo: 'དུས་ཚོད་བཅོས་པ།' });
});
