// Idempotency-Key on every create/submit route a phone may retry: the retry after a lost answer (or a 503) gets the
// first status and body back, marked replayed, and the database holds one record, not two.
import mongoose from 'mongoose';
import { PRIVACY_VERSION } from '@gongzhi/shared';
import { startTestServer, type TestServer } from '../support/server';
import { openVote, PNG_1PX, shortLeadTime, yes } from '../support/consultations';
import { fakePhone, gridRows, postFile, toXlsx } from '../support/rosterFiles';
import { wavBytes } from '../support/audio';
import { startFakeWechat, type FakeWechat } from '../support/fakeWechat';
import { wechatEnvOf } from '../support/identity';
import { Binding, ProxyAuth } from '../../server/src/roster/bindingModel';
import { RosterImport } from '../../server/src/roster/import/model';
import { Dwelling } from '../../server/src/roster/model';
import { Project } from '../../server/src/projects/model';
import { Rating } from '../../server/src/ratings/model';
import { person, seedWorld, type Person, type World } from './projects.helpers';

let s: TestServer;
let wx: FakeWechat;
let w: World;
let admin: Person, committee: Person, street1: Person, street2: Person, ownerX: Person, ownerZ: Person, familyZ: Person, newcomer: Person;

beforeAll(async () => {
  wx = await startFakeWechat();
  s = await startTestServer({ DB_PREFIX: 'idem_routes', ...wechatEnvOf(wx) });
  w = await seedWorld();
  admin = await person('admin', { grants: [{ role: 'admin', scope: 'root' }] });
  committee = await person('committee', { grants: [{ role: 'committee', scope: 'X' }] });
  street1 = await person('st1', { grants: [{ role: 'street_staff', scope: 'S1' }] });
  street2 = await person('st2', { grants: [{ role: 'street_staff', scope: 'S2' }] });
  ownerX = await person('ownerX', { dwellings: [w.X[1]] });
  ownerZ = await person('ownerZ', { dwellings: [w.Z[0]] });
  familyZ = await person('familyZ', { dwellings: [w.Z[0]], relation: 'family' });
  newcomer = await person('newcomer');
  await shortLeadTime(s, admin.token);
});
afterAll(async () => {
  await s.stop();
  await wx.stop();
});

interface Answer {
  status: number;
  body: unknown;
  headers: Headers;
}

/** Sends the request twice with one key, as a phone does after a lost answer, and checks the retry is the replay. */
async function sendTwice(send: (headers: Record<string, string>) => Promise<Answer>, key: string, created: number) {
  const first = await send({ 'idempotency-key': key });
  const again = await send({ 'idempotency-key': key });
  expect(first.status).toBe(created);
  expect(first.headers.get('idempotent-replayed')).toBeNull();
  expect(again.status).toBe(first.status);
  expect(again.body).toEqual(first.body);
  expect(again.headers.get('idempotent-replayed')).toBe('true');
  return first;
}

const json = async (path: string, token: string, body: unknown, headers: Record<string, string>, method = 'POST'): Promise<Answer> => {
  const res = await fetch(s.url + path, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: await res.json(), headers: res.headers };
};

describe('a retried create with the same Idempotency-Key is replayed and stored once', () => {
  it('paper ballot (multipart: fields and photo)', async () => {
    const electorate = { level: 'entrance', entranceCode: 'XU1' };
    const id = await openVote(s, committee.token, { kind: 'whether', title: '加装电梯', complexCode: 'X', electorate });
    const fields = { dwellingId: w.X[0], answers: JSON.stringify(yes()) };
    const photo = { bytes: PNG_1PX, name: '表决票.png' };
    const send = (headers: Record<string, string>) =>
      postFile(s, `/api/consultations/${id}/paper-ballots`, { token: committee.token, fields, headers, field: 'photo', file: photo });
    await sendTwice(send, 'paper-ballot-0001', 201);
    const log = await mongoose.connection.db!.collection('consultation_ballot_log').countDocuments({ consultationId: id, dwellingId: w.X[0] });
    expect(log).toBe(1);
  });

  it('claim', async () => {
    expect((await json('/api/me/privacy', newcomer.token, { version: PRIVACY_VERSION }, {})).status).toBe(200);
    await sendTwice((h) => json('/api/claims', newcomer.token, { dwellingId: w.Y[0], relation: 'tenant', note: '租户' }, h), 'claim-key-0001', 201);
    expect(await Binding.countDocuments({ userId: newcomer.id, dwellingId: w.Y[0] })).toBe(1);
  });

  it('proxy (multipart with the signed entrustment)', async () => {
    const fields = { dwellingId: w.Z[0], proxyUserId: familyZ.id };
    const send = (headers: Record<string, string>) =>
      postFile(s, '/api/proxies', { token: ownerZ.token, fields, headers, file: { bytes: PNG_1PX, name: '委托书.png' } });
    await sendTwice(send, 'proxy-key-0001', 201);
    expect(await ProxyAuth.countDocuments({ dwellingId: w.Z[0] })).toBe(1);
  });

  it('rating', async () => {
    const P = (await json('/api/projects', street1.token, { complexCode: 'X', year: 2025 }, {})).body as { id: string };
    await Project.updateOne({ _id: P.id }, { $set: { ratingWindow: { opensAt: new Date(Date.now() - 60_000), closesAt: new Date(Date.now() + 86_400_000) } } });
    await sendTwice((h) => json(`/api/projects/${P.id}/ratings`, ownerX.token, { dwellingId: w.X[1], overall: 5 }, h, 'PUT'), 'rating-key-0001', 200);
    const rating = await Rating.find({ projectId: P.id }).lean();
    expect(rating.map((r) => r.revision)).toEqual([1]);
  });

  it('upload (audio): the same bytes replay the stored file id', async () => {
    const send = (headers: Record<string, string>) =>
      postFile(s, '/api/audio', { token: committee.token, headers, file: { bytes: wavBytes(800), name: 'a.wav' } });
    await sendTwice(send, 'audio-key-0001', 201);
    const clips = mongoose.connection.db!.collection('files.files');
    expect(await clips.countDocuments({ 'metadata.ownerId': committee.id, 'metadata.purpose': 'audio_clip' })).toBe(1);
  });

  it('roster import', async () => {
    const file = await toXlsx(gridRows({ buildings: 1, floors: 1, seed: 900 }));
    const send = (headers: Record<string, string>) =>
      postFile(s, '/api/roster/W/import', { token: street2.token, headers, file: { bytes: file, name: 'r.xlsx' } });
    await sendTwice(send, 'roster-key-0001', 200);
    expect(await RosterImport.countDocuments({ complexCode: 'W', status: 'applied' })).toBe(1);
  });

  it('phone claim: the one-time WeChat phone code is not spent twice, the retry gets the binding', async () => {
    const d = await Dwelling.findOne({ complexCode: 'W', 'owners.name': '业主900' }).lean();
    const body = { dwellingId: String(d!._id), phoneCode: wx.issuePhoneCode(fakePhone(900)) };
    await sendTwice((h) => json('/api/claims/phone', newcomer.token, body, h), 'phone-claim-0001', 201);
    expect(await Binding.countDocuments({ userId: newcomer.id, dwellingId: d!._id })).toBe(1);
  });

  it('roster import: the query is part of the request, so a preview key is not replayed as the real import', async () => {
    const file = await toXlsx(gridRows({ buildings: 1, floors: 1, seed: 950 }));
    const headers = { 'idempotency-key': 'roster-key-0002' };
    const send = (dryRun: boolean) =>
      postFile(s, `/api/roster/W/import?dryRun=${dryRun}`, { token: street2.token, headers, file: { bytes: file, name: 'r.xlsx' } });
    expect((await send(true)).body).toMatchObject({ dryRun: true, status: 'previewed' });
    const real = await send(false);
    expect([real.status, (real.body as { error: { code: string } }).error.code]).toEqual([422, 'IDEMPOTENCY_KEY_REUSED']);
    expect(await RosterImport.countDocuments({ complexCode: 'W', status: 'applied' })).toBe(1);
  });
});
