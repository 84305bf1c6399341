import { seedBench, type Street, type StreetHistory } from '../bench/seed';
import { startTestServer, type TestServer } from '../support/server';

/**
 * The bench's street seed (tests/bench/seed) writes in bulk what the real paths write; if its shapes drift from the
 * server's, the bench measures nothing real. A tiny street (2 complexes, 50 dwellings) read back through the API.
 */
const SECRET = 'bench-seed-test-secret-0123456789';
let s: TestServer;
let street: Street;
let history: StreetHistory;

beforeAll(async () => {
  s = await startTestServer({ JWT_SECRET: SECRET, JOBS: 'false' });
  ({ street, history } = await seedBench({ complexes: 2, dwellings: 50, secret: SECRET }));
}, 60_000);
afterAll(() => s?.stop());

it('a seeded owner sees their home, the year of notices with read marks, and their ballot in the open vote', async () => {
  const cx = street.complexes[1];
  const open = history.openVotes[1];
  const i = [...open.voted][0];
  const token = cx.ownerTokens[i];
  const me = await s.api('/api/me', { token });
  expect(me.status).toBe(200);
  expect(me.body.bindings).toEqual([expect.objectContaining({ relation: 'owner', status: 'active' })]);
  const feed = await s.api('/api/notices?limit=50', { token });
  expect(feed.status).toBe(200);
  // 12 street notices, 18 of the complex, 3 meeting notices and 2 result announcements.
  expect(feed.body.items).toHaveLength(35);
  const unread = feed.body.items.filter((n: { unread: boolean }) => n.unread).length;
  expect(unread).toBeGreaterThan(0);
  expect(unread).toBeLessThan(35);
  const mine = await s.api(`/api/consultations/${open.id}/my-ballots`, { token });
  expect(mine.status).toBe(200);
  expect(mine.body.items[0]).toMatchObject({ inElectorate: true, answers: [expect.objectContaining({ questionId: 'renovate' })] });
  const tally = await s.api(`/api/consultations/${open.id}/tally`, { token: cx.committeeToken });
  expect(tally.body.questions[0].participation.dwellings).toBe(open.voted.size);
}, 60_000);

it("a year-old announced vote's chain verifies and its recount equals the stored result", async () => {
  const cx = street.complexes[0];
  const id = history.closedVotes[0];
  const verify = await s.api(`/api/consultations/${id}/log/verify`, { token: cx.committeeToken });
  expect(verify.status).toBe(200);
  expect(verify.body.valid).toBe(true);
  const recount = await s.api(`/api/consultations/${id}/recount`, { token: cx.committeeToken });
  expect(recount.status).toBe(200);
  expect(recount.body).toMatchObject({ equal: true, differences: [] });
}, 60_000);
