// The per-area listing documents behind the consultation and project lists (issue 18) stay equal to a recount of the
// collections through every kind of write, are rebuilt when lost, and the repair job fixes what a write outside the
// commands (or a writer that died before its refresh) left behind.
import { startTestServer, type TestServer } from '../support/server';
import { cast, closeVote, openVote, person, seedAreas, seedDwellings, shortLeadTime, waitAnnounced, yes, type Person } from '../support/consultations';
import { ConsultationListing, listingOf, recountListing, repairListings } from '../../server/src/consultations/listing';
import { Consultation } from '../../server/src/consultations/model';
import { ProjectListing, projectListingOf, recountProjectListing, repairProjectListings } from '../../server/src/projects/listing';
import { Project } from '../../server/src/projects/model';
import type { Json } from '../support/json';

let s: TestServer;
let d: string[];
let street: Person, owner: Person, zOwner: Person;
const CODES = ['R', 'P', 'K', 'S', 'C', 'Q', 'Z'];

beforeAll(async () => {
  s = await startTestServer({ DB_PREFIX: 'lists_index' });
  const paths = await seedAreas();
  d = await seedDwellings(paths, [
    { entrance: 'QB1U1', room: '101', area: 8000 },
    { entrance: 'ZB1U1', room: '101', area: 5000 },
  ]);
  const admin = await person({ grants: [{ role: 'admin', scope: 'root' }] });
  street = await person({ grants: [{ role: 'street_staff', scope: 'S' }] });
  owner = await person({ owns: [d[0]] });
  zOwner = await person({ owns: [d[1]] });
  await shortLeadTime(s, admin.token);
  // Every listing exists before the writes, so each write below must keep it right (a missing one is simply rebuilt).
  for (const code of CODES) await Promise.all([listingOf(code), projectListingOf(code)]);
});
afterAll(async () => {
  await s.stop();
});

const stored = async (code: string) => (await listingOf(code)).map((e) => ({ ...e }));
async function expectListingsAgree() {
  for (const code of CODES) {
    expect({ code, items: await stored(code) }).toEqual({ code, items: await recountListing(code) });
    const projects = (await ProjectListing.findById(code).lean())?.items ?? [];
    expect({ code, projects: [...projects].sort((a, b) => a.id.localeCompare(b.id)) }).toEqual({ code, projects: await recountProjectListing(code) });
  }
}
const window = () => ({ opensAt: new Date(Date.now() + 86400e3).toISOString(), closesAt: new Date(Date.now() + 2 * 86400e3).toISOString() });
const draft = async (title: string, complexCode: string) => {
  const r = await s.api('/api/consultations', {
    token: street.token,
    body: { kind: 'whether', title, complexCode, electorate: { level: 'complex' }, leadTimeHours: 0, ...window() },
  });
  expect(r.status).toBe(201);
  return r.body.id as string;
};
const titles = async (who: Person, query = '') =>
  ((await s.api(`/api/consultations${query}`, { token: who.token })).body.items as Json[]).map((c) => `${c.title}:${c.status}`);

it('agrees with a recount after create, edit, schedule, open, close, announce, delete and project creation', async () => {
  const a = await draft('加装电梯', 'Q');
  const b = await draft('草稿将删除', 'Q');
  const z = await draft('Z 小区议题', 'Z');
  expect((await s.api(`/api/consultations/${a}`, { token: street.token, method: 'PATCH', body: { title: '加装电梯（修订）' } })).status).toBe(200);
  expect((await s.api(`/api/consultations/${z}/schedule`, { token: street.token, method: 'POST' })).status).toBe(200);
  expect((await s.api(`/api/consultations/${b}`, { token: street.token, method: 'DELETE' })).status).toBe(204);
  await expectListingsAgree();
  expect(await titles(street)).toEqual(['Z 小区议题:scheduled', '加装电梯（修订）:draft']);
  expect(await titles(zOwner)).toEqual(['Z 小区议题:scheduled']);
  expect(await titles(owner)).toEqual([]);

  const v = await openVote(s, street.token, { kind: 'whether', title: '更换外墙', complexCode: 'Q', electorate: { level: 'complex' } });
  expect(await titles(owner, '?status=open')).toEqual(['更换外墙:open']);
  expect((await cast(s, owner.token, v, d[0], yes())).status).toBe(201);
  await closeVote(s, street.token, v);
  expect(await titles(owner, '?status=closed&limit=5')).toEqual(['更换外墙:closed']);
  await waitAnnounced(s, street.token, v);
  expect(await titles(owner)).toEqual(['更换外墙:announced']);

  for (const [complexCode, year] of [
    ['Q', 2026],
    ['Z', 2026],
    ['Q', 2027],
  ] as const)
    expect((await s.api('/api/projects', { token: street.token, body: { complexCode, year } })).status).toBe(201);
  await expectListingsAgree();
  const projects = (await s.api('/api/projects', { token: owner.token })).body.projects as Json[];
  expect(projects.map((p) => `${p.complexCode}${p.year}:${p.status}`)).toEqual(['Q2027:reserve', 'Q2026:reserve']);
  // What a list shows of a project is read from the project itself: a stage written elsewhere shows at once.
  await Project.updateOne({ complexCode: 'Q', year: 2026 }, { $set: { status: 'design' } });
  const after = (await s.api('/api/projects?status=design', { token: owner.token })).body.projects as Json[];
  expect(after.map((p) => `${p.complexCode}${p.year}:${p.status}`)).toEqual(['Q2026:design']);
});

it('rebuilds a lost listing on the next read, with the same list', async () => {
  const want = await titles(street);
  const wantProjects = (await s.api('/api/projects', { token: street.token })).body;
  await ConsultationListing.deleteOne({ _id: 'S' });
  await ProjectListing.deleteOne({ _id: 'S' });
  expect(await titles(street)).toEqual(want);
  expect((await s.api('/api/projects', { token: street.token })).body).toEqual(wantProjects);
  expect(await ConsultationListing.countDocuments({ _id: 'S' })).toBe(1);
  expect(await ProjectListing.countDocuments({ _id: 'S' })).toBe(1);
  await expectListingsAgree();
});

it('repairs what a write outside the commands left behind', async () => {
  const c = (await Consultation.findOne({ complexCode: 'Z' }).lean())!;
  await Consultation.updateOne({ _id: c._id }, { $set: { title: 'Z 小区议题（直接改）' } }); // no refresh: the listing is now stale
  const p = await Project.create({
    complexCode: 'Z',
    complexName: 'Z',
    areaPath: ['R', 'P', 'K', 'S', 'C', 'Z'],
    year: 2030,
    name: 'Z 2030',
    status: 'reserve',
    createdBy: 'seed',
  });
  expect(await titles(zOwner)).toEqual(['Z 小区议题:scheduled']);
  expect(await repairListings()).toBe(CODES.length - 1); // every area on Z's path (not Q)
  expect(await repairProjectListings()).toBe(CODES.length - 1);
  expect(await repairListings()).toBe(0);
  expect(await titles(zOwner)).toEqual(['Z 小区议题（直接改）:scheduled']);
  expect(((await s.api('/api/projects', { token: zOwner.token })).body.projects as Json[]).map((x) => x.id)).toEqual([String(p._id), expect.any(String)]);
  await expectListingsAgree();
});
