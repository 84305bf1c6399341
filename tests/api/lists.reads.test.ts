// The resident's home and vote page and the committee's tally read only by `_id` (issue 18): on FerretDB any other
// filter reads and decodes the whole collection, so these requests must not grow with the database. Lists come from
// per-area listing documents, my-ballots from the caller's rights document, the mirrored log and electorate rows by id.
import mongoose from 'mongoose';
import { startTestServer, type TestServer } from '../support/server';
import { cast, person, seedAreas, seedDwellings, shortLeadTime, yes, type Person } from '../support/consultations';
import { openDirect } from '../bench/openDirect';
import type { Json } from '../support/json';
import { commandsWhile, type Command } from '../support/commands';
import { evictIdleMirrors, loadedMirror } from '../../server/src/consultations/mirror';
import { warmOpenMirrors } from '../../server/src/consultations/warmMirrors';
import { evictIdleTallies } from '../../server/src/consultations/memoryTally';

let s: TestServer;
let d: string[];
let committee: Person, street: Person, owner: Person, proxy: Person, tenant: Person;
let vote: string, draft: string, project: string;

const WATCHED = [
  'consultations',
  'consultation_ballot_log',
  'consultation_electorate',
  'consultation_ballots',
  'consultation_counters',
  'consultation_listings',
  'projects',
  'project_listings',
  'dwellings',
  'bindings',
  'proxy_auths',
];

type Call = Command;

/**
 * Every query the server sent to the watched collections while `f` ran a second time (mongoose's debug hook sees raw
 * `.collection` calls too). The first run is not watched: it may load what a process keeps (a vote's log and
 * electorate) or build what is stored once (a user's rights document, a missing listing).
 */
async function queriesDuring(f: () => Promise<unknown>): Promise<Call[]> {
  await f();
  return watched((await commandsWhile(f)).commands);
}
const watched = (calls: Call[]) => calls.filter((c) => WATCHED.includes(c.collection));

/** A query by `_id` equality alone (a string or an ObjectId, never `$in` or a range). */
const byIdOnly = (c: Call) => {
  const f = c.filter as Record<string, unknown> | null;
  return !!f && typeof f === 'object' && Object.keys(f).join() === '_id' && !JSON.stringify(f._id ?? null).includes('$');
};
const scans = (calls: Call[]) => calls.filter((c) => !byIdOnly(c)).map((c) => `${c.collection}.${c.method} ${JSON.stringify(c.filter)}`);

beforeAll(async () => {
  s = await startTestServer({ DB_PREFIX: 'lists_reads', JOBS: 'false' });
  const paths = await seedAreas();
  d = await seedDwellings(paths, [
    { entrance: 'QB1U1', room: '101', area: 8000 },
    { entrance: 'QB1U1', room: '102', area: 9000 },
    { entrance: 'QB2U1', room: '101', area: 10000 },
    { entrance: 'ZB1U1', room: '101', area: 5000 },
  ]);
  const admin = await person({ grants: [{ role: 'admin', scope: 'root' }] });
  committee = await person({ grants: [{ role: 'committee', scope: 'Q' }] });
  street = await person({ grants: [{ role: 'street_staff', scope: 'S' }] });
  owner = await person({ owns: [d[0], d[2]] });
  proxy = await person({ proxyFor: [d[1]] });
  tenant = await person({ tenantOf: [d[2]] });
  await shortLeadTime(s, admin.token);
  const window = (days: number) => ({ opensAt: new Date(Date.now() + 1500).toISOString(), closesAt: new Date(Date.now() + days * 86400e3).toISOString() });
  const create = async (title: string, complexCode = 'Q') => {
    const r = await s.api('/api/consultations', {
      token: committee.token,
      body: { kind: 'whether', title, complexCode, electorate: { level: 'complex' }, leadTimeHours: 0, ...window(3) },
    });
    expect(r.status).toBe(201);
    return r.body.id as string;
  };
  vote = await create('加装电梯');
  draft = await create('更换门禁（草稿）');
  expect((await s.api(`/api/consultations/${vote}/schedule`, { token: committee.token, method: 'POST' })).status).toBe(200);
  await openDirect(vote);
  await new Promise((r) => setTimeout(r, 1500)); // ballots are taken from opensAt on
  expect((await cast(s, owner.token, vote, d[0], yes())).status).toBe(201);
  const p = await s.api('/api/projects', { token: street.token, body: { complexCode: 'Q', year: 2026 } });
  expect(p.status).toBe(201);
  project = p.body.id as string;
});
afterAll(async () => {
  await s.stop();
});

const get = (path: string, who: Person) => s.api(path, { token: who.token });

it("serves the resident's home (open votes, my ballots, projects) by `_id` reads only, with what the resident may see", async () => {
  let list!: Json, mine!: Json, projects!: Json;
  const calls = await queriesDuring(async () => {
    list = await get('/api/consultations?status=open&limit=5', owner);
    mine = await get(`/api/consultations/${vote}/my-ballots`, owner);
    projects = await get('/api/projects', owner);
  });
  expect(scans(calls)).toEqual([]);
  expect(calls.map((c) => c.collection)).toEqual(expect.arrayContaining(['consultation_listings', 'consultation_ballot_log', 'project_listings', 'projects']));
  expect(list.status).toBe(200);
  expect((list.body.items as Json[]).map((c) => [c.id, c.title, c.status])).toEqual([[vote, '加装电梯', 'open']]);
  expect(mine.status).toBe(200);
  const items = mine.body.items as Json[];
  expect(items.map((i) => [i.dwellingId, i.via, i.inElectorate])).toEqual([
    [d[0], 'owner', true],
    [d[2], 'owner', true],
  ]);
  expect(items[0].answers).toEqual([expect.objectContaining({ questionId: 'renovate', choice: 'approve', source: 'electronic', seq: 2 })]);
  expect(items[0].receipts).toEqual([expect.objectContaining({ seq: 2, type: 'cast' })]);
  expect(items[1].answers).toEqual([]);
  expect(projects.status).toBe(200);
  expect((projects.body.projects as Json[]).map((p) => [p.id, p.status])).toEqual([[project, 'reserve']]);
});

it('serves the vote page (view, my ballots, tally) and the committee tally and participation by `_id` reads only', async () => {
  let view!: Json, proxied!: Json, tally!: Json, part!: Json;
  const calls = await queriesDuring(async () => {
    view = await get(`/api/consultations/${vote}`, proxy);
    proxied = await get(`/api/consultations/${vote}/my-ballots`, proxy);
    tally = await get(`/api/consultations/${vote}/tally`, committee);
    part = await get(`/api/consultations/${vote}/participation`, committee);
    await get(`/api/consultations/${vote}/tally`, tenant);
  });
  expect(scans(calls)).toEqual([]);
  expect(view.status).toBe(200);
  expect(view.body).toMatchObject({ id: vote, status: 'open', participantCount: 1 });
  expect((proxied.body.items as Json[]).map((i) => [i.dwellingId, i.via, i.inElectorate])).toEqual([[d[1], 'proxy', true]]);
  expect(tally.status).toBe(200);
  expect((tally.body.questions as Json[])[0].participation).toMatchObject({ dwellings: 1, areaHundredths: 8000 });
  expect(part.status).toBe(200);
  expect((part.body.buildings as Json[]).map((b) => [b.buildingCode, b.voted, b.dwellings])).toEqual([
    ['QB1', 1, 2],
    ['QB2', 0, 1],
  ]);
});

it('after a restart, the first vote page and tally still read by `_id` only (the log by its ids, the electorate from its copy)', async () => {
  // What a restart leaves: no mirrored log, no electorate in memory.
  const later = Date.now() + 24 * 3600_000;
  evictIdleMirrors(later);
  evictIdleTallies(later);
  await new Promise((r) => setTimeout(r, 50));
  const { result, commands } = await commandsWhile(async () => {
    const tally = await get(`/api/consultations/${vote}/tally`, committee);
    const part = await get(`/api/consultations/${vote}/participation`, committee);
    await get(`/api/consultations/${vote}`, owner);
    return { tally, part };
  });
  const { tally, part } = result;
  const seen = watched(commands);
  expect(scans(seen)).toEqual([]);
  expect(seen.some((c) => c.collection === 'consultation_ballot_log')).toBe(true); // it did load the log (by `_id`)
  expect((tally.body.questions as Json[])[0].participation).toMatchObject({ dwellings: 1, areaHundredths: 8000 });
  expect((part.body.buildings as Json[]).map((b) => [b.buildingCode, b.voted, b.dwellings])).toEqual([
    ['QB1', 1, 2],
    ['QB2', 0, 1],
  ]);
});

it('after a restart, the open votes are loaded in the background: the first resident reads no page of the log', async () => {
  evictIdleMirrors(Date.now() + 24 * 3600_000);
  await new Promise((r) => setTimeout(r, 50));
  expect(await loadedMirror(vote)).toBeNull();
  expect(await warmOpenMirrors()).toBe(1); // the draft is not open
  const stored = await mongoose.connection.db!.collection('consultation_ballot_log').countDocuments({ consultationId: vote });
  expect((await loadedMirror(vote))?.entries.length).toBe(stored);
  const { result: mine, commands } = await commandsWhile(() => get(`/api/consultations/${vote}/my-ballots`, proxy));
  const seen = commands.filter((c) => c.collection === 'consultation_ballot_log');
  expect(mine.status).toBe(200);
  // Only the catch-up's probe for an entry after the last one (a miss), no page of the log.
  expect(seen.map((c) => c.method)).toEqual(['findOne']);
});

it('lists for staff by area from the listing documents: drafts for the convenor, not for residents', async () => {
  let mine!: Json, theirs!: Json, resident!: Json, q!: Json, streetProjects!: Json;
  const calls = await queriesDuring(async () => {
    mine = await get('/api/consultations', committee);
    theirs = await get('/api/consultations?complexCode=Q', street);
    resident = await get('/api/consultations', tenant);
    q = await get('/api/consultations?status=draft', committee);
    streetProjects = await get('/api/projects?scope=S&year=2026', street);
  });
  expect(scans(calls)).toEqual([]);
  expect((mine.body.items as Json[]).map((c) => c.id)).toEqual([draft, vote]); // newest first
  expect((theirs.body.items as Json[]).map((c) => c.id)).toEqual([draft, vote]);
  expect((resident.body.items as Json[]).map((c) => c.id)).toEqual([vote]);
  expect((q.body.items as Json[]).map((c) => c.id)).toEqual([draft]);
  expect((streetProjects.body.projects as Json[]).map((p) => p.id)).toEqual([project]);
});
