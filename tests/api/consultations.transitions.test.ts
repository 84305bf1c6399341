// Scheduled transitions run exactly once even when several workers try at the same moment (here: many concurrent
// calls in one process with the job runner off, which is harsher than two instances), and a 10,000-dwelling
// electorate is frozen into its own collection.
import mongoose from 'mongoose';
import { startTestServer, type TestServer } from '../support/server';
import { cast, person, seedAreas, seedDwellings, shortLeadTime, sleep, yes, type Person } from '../support/consultations';
import { openConsultation } from '../../server/src/consultations/commands/openConsultation';
import { closeConsultation } from '../../server/src/consultations/commands/closeConsultation';
import { drainOutbox } from '../../server/src/platform/jobs';
import { Dwelling } from '../../server/src/roster/model';
import type { Json } from '../support/json';
import { consultationJobs } from '../../server/src/consultations/jobs';
import { ensureDueHints, markDue } from '../../server/src/consultations/dueWork';
import { appendEntry } from '../../server/src/consultations/log';

let s: TestServer;
let committee: Person;
let paths: Record<string, string[]>;
const db = () => mongoose.connection.db!;

beforeAll(async () => {
  s = await startTestServer({ DB_PREFIX: 'cons_trans', JOBS: 'false' });
  paths = await seedAreas();
  const admin = await person({ grants: [{ role: 'admin', scope: 'root' }] });
  committee = await person({ grants: [{ role: 'committee', scope: 'Q' }] });
  await shortLeadTime(s, admin.token);
});
afterAll(async () => {
  await s.stop();
});

async function scheduled(body: Record<string, unknown>, closeInMs = 3_600_000) {
  const opensAt = new Date(Date.now() + 1500);
  const r = await s.api('/api/consultations', {
    token: committee.token,
    body: {
      kind: 'whether',
      title: '改造',
      complexCode: 'Q',
      leadTimeHours: 0,
      opensAt: opensAt.toISOString(),
      closesAt: new Date(opensAt.getTime() + closeInMs).toISOString(),
      ...body,
    },
  });
  expect(r.status).toBe(201);
  expect((await s.api(`/api/consultations/${r.body.id}/schedule`, { token: committee.token, method: 'POST' })).status).toBe(200);
  await sleep(Math.max(0, opensAt.getTime() - Date.now() + 50));
  return r.body.id as string;
}

it('opens once and closes once under 12 concurrent attempts each', async () => {
  const d = await seedDwellings(
    paths,
    [1, 2, 3].map((i) => ({ entrance: 'QB2U1', room: `${i}01`, area: 5000 + i })),
  );
  const owner = await person({ owns: [d[0]] });
  const id = await scheduled({ electorate: { level: 'buildings', buildingCodes: ['QB2'] } }, 2500);
  await Promise.all(Array.from({ length: 12 }, () => openConsultation(id)));
  expect(await db().collection('consultation_ballot_log').countDocuments({ consultationId: id, type: 'open' })).toBe(1);
  expect(await db().collection('consultation_electorate').countDocuments({ consultationId: id })).toBe(3);
  expect(
    await db()
      .collection('consultation_claims')
      .countDocuments({ key: `${id}:open` }),
  ).toBe(1);
  const v = (await s.api(`/api/consultations/${id}`, { token: committee.token })).body;
  expect(v).toMatchObject({ status: 'open', electorate: { dwellings: 3, totalAreaHundredths: 15006, totalHeadcount: 3 } });
  expect((await cast(s, owner.token, id, d[0], yes())).status).toBe(201);

  await sleep(2600); // past closesAt
  const results = await Promise.all(Array.from({ length: 12 }, () => closeConsultation(id, { by: null, reason: 'deadline' })));
  expect(await db().collection('consultation_ballot_log').countDocuments({ consultationId: id, type: 'close' })).toBe(1);
  const closed = results.filter(Boolean).map((c: Json) => JSON.stringify(c.result));
  expect(closed.length).toBeGreaterThan(0);
  expect(new Set(closed).size).toBe(1);
  expect(
    await db()
      .collection('outbox')
      .countDocuments({ key: `consultation:${id}:announce` }),
  ).toBe(1);
  const late = await cast(s, owner.token, id, d[0], yes());
  expect(late.body.error.code).toBe('CONSULTATION_NOT_OPEN');
  await drainOutbox();
  const after = (await s.api(`/api/consultations/${id}`, { token: committee.token })).body;
  expect(after.status).toBe('announced');
  expect(
    await db()
      .collection('notices')
      .countDocuments({ sourceKey: `consultation:${id}:result` }),
  ).toBe(1);
});

it('freezes a 10,000-dwelling electorate into its own collection and counts it', async () => {
  const total = 10_000;
  const docs = Array.from({ length: total }, (_, i) => ({
    complexCode: 'Q',
    buildingCode: 'QB1',
    entranceCode: 'QB1U2',
    areaPath: paths.QB1U2,
    buildingName: '1栋',
    entranceName: '2单元',
    room: `R${i}`,
    floor: 1 + (i % 30),
    areaHundredths: 5000 + (i % 97),
    areaSource: 'registered',
    developerHeld: false,
    headcountKey: `k${Math.floor(i / 2)}`,
    owners: [],
  }));
  for (let i = 0; i < total; i += 2000) await Dwelling.collection.insertMany(docs.slice(i, i + 2000).map((x) => ({ ...x })));
  const owner = await person({ owns: [String((await Dwelling.findOne({ room: 'R7' }).lean())!._id)] });
  const id = await scheduled({ electorate: { level: 'entrance', entranceCode: 'QB1U2' } });
  const t0 = Date.now();
  await openConsultation(id);
  const ms = Date.now() - t0;
  const expectedArea = docs.reduce((sum, x) => sum + x.areaHundredths, 0);
  const v = (await s.api(`/api/consultations/${id}`, { token: committee.token })).body;
  expect(v.electorate).toMatchObject({ dwellings: total, totalAreaHundredths: expectedArea, totalHeadcount: total / 2 });
  const doc = await db()
    .collection('consultations')
    .findOne({ _id: new mongoose.Types.ObjectId(id) });
  expect(Buffer.byteLength(JSON.stringify(doc))).toBeLessThan(20_000); // rows live in consultation_electorate
  const dw = String((await Dwelling.findOne({ room: 'R7' }).lean())!._id);
  expect((await cast(s, owner.token, id, dw, yes())).status).toBe(201);
  const tally = (await s.api(`/api/consultations/${id}/tally`, { token: committee.token })).body.questions[0];
  expect(tally.participation).toMatchObject({ dwellings: 1, headcount: 1, requiredHeadcount: Math.ceil(((total / 2) * 2) / 3) });
  process.stdout.write(`froze ${total} dwellings in ${ms} ms\n`);
}, 180_000);

/** Every query made while `f` ran (mongoose's debug hook), as (collection, method, filter). */
async function queriesDuring(f: () => Promise<unknown>) {
  const seen: { collection: string; method: string; filter: unknown }[] = [];
  mongoose.set('debug', (collection: string, method: string, ...args: unknown[]) => void seen.push({ collection, method, filter: args[0] }));
  try {
    await f();
  } finally {
    mongoose.set('debug', false);
  }
  return seen;
}
const tick = () => consultationJobs.periodic!.find((p) => p.name === 'consultations-transitions')!.fn();

it('the every-second job finds its work from hints, never by a filter over the votes: opens, finishes a sealed close whose request died, announces', async () => {
  await seedDwellings(paths, [{ entrance: 'QB2U1', room: '901', area: 7000 }]);
  const id = await scheduled({ electorate: { level: 'buildings', buildingCodes: ['QB2'] } });
  const status = async () => (await s.api(`/api/consultations/${id}`, { token: committee.token })).body.status;
  // A filter with an `_id` equality reads one row (our FerretDB build pushes `_id` down, docs/ferretdb.md); any other scans.
  const byId = (f: unknown) => {
    const v = (f as { _id?: unknown } | null)?._id;
    return typeof v === 'string' || v instanceof mongoose.Types.ObjectId;
  };
  const onVotes = (qs: { collection: string; filter: unknown }[]) => qs.filter((q) => q.collection === 'consultations' && !byId(q.filter));
  await ensureDueHints(); // the one-time conversion of votes stored before the hints (a scan, once per database)

  expect(onVotes(await queriesDuring(tick))).toEqual([]);
  expect(await status()).toBe('open');

  // A convenor's early close sealed the log, then its process died before the result: only the seal and the hint
  // written before it remain (past the grace the job leaves a live request).
  await appendEntry(id, 'close', async () => ({
    type: 'close',
    body: { at: new Date().toISOString(), kind: 'early', reason: '业委会提前结束', closedBy: committee.id },
  }));
  await markDue('close', id, new Date(Date.now() - 1000));
  expect(onVotes(await queriesDuring(tick))).toEqual([]);
  expect(await status()).toBe('closed');

  // The outbox's announcement was lost: past its grace the job announces.
  await markDue('announce', id, new Date(Date.now() - 1000));
  await tick();
  expect(await status()).toBe('announced');
  expect(await db().collection('consultation_due').countDocuments({ consultationId: id })).toBe(0); // no hint outlives its work
}, 60_000);

it('an opening refused on the way (the roster is being imported) is tried again at the next tick, not 10 minutes later', async () => {
  const d = await seedDwellings(
    paths,
    [1, 2].map((i) => ({ entrance: 'QB1U1', room: `${i}01`, area: 6000 + i })),
  );
  const id = await scheduled({ electorate: { level: 'entrance', entranceCode: 'QB1U1' } });
  // Another instance has just taken the complex for an import (its record not written yet): the roster is busy.
  const importClaim = { _id: 'Q:9999' as Json, complexCode: 'Q', gen: 9999, importId: new mongoose.Types.ObjectId().toHexString(), at: new Date() };
  await db().collection('roster_apply_claims').insertOne(importClaim);
  await expect(openConsultation(id)).rejects.toMatchObject({ code: 'ROSTER_BUSY' });
  await db().collection('roster_apply_claims').deleteOne({ _id: importClaim._id });
  // The import is done: the next tick opens the vote, with the whole electorate frozen once.
  expect(await openConsultation(id)).toBe(true);
  expect((await s.api(`/api/consultations/${id}`, { token: committee.token })).body.status).toBe('open');
  expect(await db().collection('consultation_ballot_log').countDocuments({ consultationId: id, type: 'open' })).toBe(1);
  expect(await db().collection('consultation_electorate').countDocuments({ consultationId: id })).toBe(d.length);
});
