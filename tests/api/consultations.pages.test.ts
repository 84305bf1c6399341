// A vote's log is read back in pages (consultations/logPages.ts): every full run of entries is copied into one page
// document, and close, verify and recount read the pages plus the rows after them. Pages of 2 entries here, so a
// handful of ballots fill several. An edited page is caught by the chain check, a damaged one is reported and read
// from the rows, a deleted one is written again by the next reader.
import mongoose from 'mongoose';
import { startTestServer, type TestServer } from '../support/server';
import { cast, no, openVote, person, seedAreas, seedDwellings, shortLeadTime, yes, type Person } from '../support/consultations';
import type { Json } from '../support/json';

let s: TestServer;
let committee: Person;
const owners: Record<string, Person> = {};
const dw: Record<string, string[]> = {};
const pages = () => mongoose.connection.db!.collection('consultation_log_pages');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Pages are written right after the append that completes them, beside the answer: wait until they are there. */
async function pagesOf(id: string, want: number) {
  for (let i = 0; i < 100; i++) {
    const n = await pages().countDocuments({ consultationId: id });
    if (n >= want) return n;
    await sleep(50);
  }
  return pages().countDocuments({ consultationId: id });
}

/** A vote of the entrance's five dwellings; `n` of them vote (yes, no, yes, …). */
async function vote(entrance: string, n: number) {
  const id = await openVote(s, committee.token, {
    kind: 'whether',
    title: `改造 ${entrance}`,
    complexCode: 'Q',
    electorate: { level: 'entrance', entranceCode: entrance },
  });
  for (const [i, d] of dw[entrance].slice(0, n).entries()) expect((await cast(s, owners[d].token, id, d, i % 2 ? no() : yes())).status).toBe(201);
  return id;
}

beforeAll(async () => {
  s = await startTestServer({ DB_PREFIX: 'cons_pages', BALLOT_LOG_PAGE: '2' });
  const paths = await seedAreas();
  for (const e of ['QB1U1', 'QB1U2', 'QB2U1']) {
    dw[e] = await seedDwellings(
      paths,
      ['101', '102', '201', '202', '301'].map((room) => ({ entrance: e, room, area: 8000 })),
    );
    for (const d of dw[e]) owners[d] = await person({ owns: [d] });
  }
  const admin = await person({ grants: [{ role: 'admin', scope: 'root' }] });
  committee = await person({ grants: [{ role: 'committee', scope: 'Q' }] });
  await shortLeadTime(s, admin.token);
});
afterAll(async () => {
  await s.stop();
});

it('full runs of entries become pages; close, verify and recount read them and agree', async () => {
  const id = await vote('QB1U1', 5);
  expect(await pagesOf(id, 3)).toBe(3); // entries 1–6: the opening and five ballots
  const closed = await s.api(`/api/consultations/${id}/close`, { token: committee.token, body: { reason: '提前结束测试' } });
  expect(closed.status).toBe(200);
  expect(closed.body.result.questions[0].tally.plain).toMatchObject({ participatingDwellings: 5, participatingAreaHundredths: 40000 });
  const v = await s.api(`/api/consultations/${id}/log/verify`, { token: committee.token });
  expect(v.body).toMatchObject({ valid: true, consistent: true, entries: 7, differences: [] });
  const rc = await s.api(`/api/consultations/${id}/recount`, { token: committee.token });
  expect(rc.body).toMatchObject({ equal: true, differences: [] });
  const entries = (await s.api(`/api/consultations/${id}/log`, { token: committee.token })).body.items;
  expect(entries.map((e: Json) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7]);
});

it('an entry edited inside its page: verify and close name the dwelling', async () => {
  const id = await vote('QB1U2', 4);
  await pagesOf(id, 2);
  // seq 3 is the second ballot (dwelling 102, "reject"), in page 2 (entries 3–4).
  const page = await pages().findOne({ _id: `${id}:p1` as never });
  const run = JSON.parse(page!.entries);
  expect(run[0].seq).toBe(3);
  run[0].body.answers[0].choice = 'approve';
  await pages().updateOne({ _id: `${id}:p1` as never }, { $set: { entries: JSON.stringify(run) } });
  const v = await s.api(`/api/consultations/${id}/log/verify`, { token: committee.token });
  expect(v.body).toMatchObject({ valid: false, brokenAtSeq: 3, consistent: false });
  expect(v.body.differences).toEqual(expect.arrayContaining([expect.objectContaining({ source: 'log', dwellingId: dw.QB1U2[1] })]));
  const r = await s.api(`/api/consultations/${id}/close`, { token: committee.token, body: { reason: '提前结束测试' } });
  expect(r.status).toBe(409);
  expect(r.body.error.code).toBe('INTEGRITY_MISMATCH');
  expect(r.body.error.message).toMatch(/B1栋2单元102/);
});

it('a damaged page is reported and its entries are read from the rows', async () => {
  const id = await vote('QB2U1', 3);
  await pagesOf(id, 2);
  await pages().updateOne({ _id: `${id}:p0` as never }, { $set: { entries: '[{"seq": 1' } });
  const v = await s.api(`/api/consultations/${id}/log/verify`, { token: committee.token });
  expect(v.body).toMatchObject({ valid: true, entries: 4, consistent: false });
  expect(v.body.differences).toEqual([expect.objectContaining({ source: 'log', figure: '日志第 1 页' })]);
  const tally = await s.api(`/api/consultations/${id}/tally`, { token: committee.token });
  expect(tally.body.questions[0].participation).toMatchObject({ dwellings: 3 });
});

it('a deleted page is written again from the rows by the next reader', async () => {
  const id = await vote('QB1U1', 3); // a second vote of the first entrance
  await pagesOf(id, 2);
  const before = await pages().findOne({ _id: `${id}:p1` as never });
  await pages().deleteOne({ _id: `${id}:p1` as never });
  const v = await s.api(`/api/consultations/${id}/log/verify`, { token: committee.token });
  expect(v.body).toMatchObject({ valid: true, entries: 4, consistent: true });
  expect(await pages().findOne({ _id: `${id}:p1` as never })).toEqual(before);
});
