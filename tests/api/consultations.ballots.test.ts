// Ballot rules: who may vote, bad inputs with stable codes and nothing written, changes, idempotency, paper
// ballots and their conflicts, and what each party may see.
import mongoose from 'mongoose';
import { startTestServer, type TestServer } from '../support/server';
import {
  cast,
  closeVote,
  no,
  openVote,
  paperBallot,
  person,
  seedAreas,
  seedDwellings,
  shortLeadTime,
  waitAnnounced,
  yes,
  type Person,
} from '../support/consultations';
import type { Json } from '../support/json';

let s: TestServer;
let d: string[];
let admin: Person, committee: Person, committee2: Person, street: Person, otherCommittee: Person;
let owner0: Person, owner1: Person, tenant2: Person, family3: Person, proxy3: Person, outsider: Person, zOwner: Person;

const countLog = (id: string) => mongoose.connection.db!.collection('consultation_ballot_log').countDocuments({ consultationId: id });

beforeAll(async () => {
  s = await startTestServer({ DB_PREFIX: 'cons_ballots' });
  const paths = await seedAreas();
  d = await seedDwellings(paths, [
    { entrance: 'QB1U1', room: '101', area: 8000 },
    { entrance: 'QB1U1', room: '102', area: 9000 },
    { entrance: 'QB1U1', room: '201', area: 10000 },
    { entrance: 'QB1U1', room: '202', area: 11000 },
    { entrance: 'QB1U2', room: '101', area: 7000 },
    { entrance: 'ZB1U1', room: '101', area: 5000 },
  ]);
  admin = await person({ grants: [{ role: 'admin', scope: 'root' }] });
  committee = await person({ grants: [{ role: 'committee', scope: 'Q' }] });
  committee2 = await person({ grants: [{ role: 'committee', scope: 'Q' }] });
  street = await person({ grants: [{ role: 'street_staff', scope: 'S' }] });
  otherCommittee = await person({ grants: [{ role: 'committee', scope: 'Z' }] });
  owner0 = await person({ owns: [d[0], d[4]] });
  owner1 = await person({ owns: [d[1]] });
  tenant2 = await person({ tenantOf: [d[2]] });
  family3 = await person({ familyOf: [d[3]] });
  proxy3 = await person({ proxyFor: [d[3]] });
  outsider = await person();
  zOwner = await person({ owns: [d[5]] });
  await shortLeadTime(s, admin.token);
});
afterAll(async () => {
  await s.stop();
});

describe('drafts and scheduling', () => {
  it('creates a draft from the template, hidden from residents until scheduled', async () => {
    const r = await s.api('/api/consultations', {
      token: committee.token,
      body: {
        kind: 'whether',
        title: '加装电梯',
        complexCode: 'Q',
        electorate: { level: 'entrance', entranceCode: 'QB1U1' },
        opensAt: new Date(Date.now() + 86400e3).toISOString(),
        closesAt: new Date(Date.now() + 2 * 86400e3).toISOString(),
      },
    });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      status: 'draft',
      leadTimeHours: 0,
      allowChange: true,
      questions: [{ id: 'renovate', format: 'yes_no', rule: 'civil_major' }],
    });
    expect((await s.api(`/api/consultations/${r.body.id}`, { token: owner1.token })).status).toBe(404);
    expect((await s.api('/api/consultations', { token: owner1.token })).body.items).toEqual([]);
    expect((await s.api('/api/consultations', { token: committee.token })).body.items.map((x: Json) => x.id)).toContain(r.body.id);
  });

  it('enforces the lead time between the meeting notice and the opening', async () => {
    await s.api('/api/consultation-settings', { method: 'PUT', token: admin.token, body: { minLeadTimeHours: 360, defaultLeadTimeHours: 360 } });
    try {
      const tooShort = await s.api('/api/consultations', {
        token: committee.token,
        body: {
          kind: 'whether',
          title: 'x',
          complexCode: 'Q',
          electorate: { level: 'complex' },
          leadTimeHours: 24,
          opensAt: new Date(Date.now() + 86400e3).toISOString(),
          closesAt: new Date(Date.now() + 2 * 86400e3).toISOString(),
        },
      });
      expect(tooShort.status).toBe(422);
      expect(tooShort.body.error.code).toBe('LEAD_TIME_TOO_SHORT');
      const draft = await s.api('/api/consultations', {
        token: committee.token,
        body: {
          kind: 'whether',
          title: 'x',
          complexCode: 'Q',
          electorate: { level: 'complex' },
          opensAt: new Date(Date.now() + 86400e3).toISOString(),
          closesAt: new Date(Date.now() + 20 * 86400e3).toISOString(),
        },
      });
      expect(draft.body.leadTimeHours).toBe(360);
      const sch = await s.api(`/api/consultations/${draft.body.id}/schedule`, { method: 'POST', token: committee.token });
      expect(sch.status).toBe(422);
      expect(sch.body.error).toMatchObject({ code: 'LEAD_TIME_TOO_SHORT', details: { leadTimeHours: 360 } });
    } finally {
      await shortLeadTime(s, admin.token);
    }
  });

  it('rejects a scope outside the complex and a survey question in a deciding vote', async () => {
    const base = {
      kind: 'whether',
      title: 'x',
      complexCode: 'Q',
      opensAt: new Date(Date.now() + 86400e3).toISOString(),
      closesAt: new Date(Date.now() + 2 * 86400e3).toISOString(),
    };
    const bad = await s.api('/api/consultations', { token: committee.token, body: { ...base, electorate: { level: 'entrance', entranceCode: 'ZB1U1' } } });
    expect(bad.body.error.code).toBe('SCOPE_INVALID');
    const survey = await s.api('/api/consultations', {
      token: committee.token,
      body: { ...base, kind: 'survey', electorate: { level: 'complex' }, questions: [{ id: 'a', title: 'a', format: 'yes_no', rule: 'civil_major' }] },
    });
    expect(survey.body.error.code).toBe('QUESTIONS_INVALID');
    const rating = await s.api('/api/consultations', {
      token: committee.token,
      body: { ...base, electorate: { level: 'complex' }, questions: [{ id: 'a', title: 'a', format: 'rating', rule: 'civil_major' }] },
    });
    expect(rating.status).toBe(400);
    const other = await s.api('/api/consultations', { token: otherCommittee.token, body: { ...base, electorate: { level: 'complex' } } });
    expect(other.status).toBe(403);
  });
});

describe('casting', () => {
  let id: string;
  beforeAll(async () => {
    id = await openVote(s, committee.token, {
      kind: 'whether',
      title: '一单元加装电梯',
      complexCode: 'Q',
      electorate: { level: 'entrance', entranceCode: 'QB1U1' },
      allowChange: false,
    });
  });

  it('refuses bad ballots with a stable code and writes nothing', async () => {
    const before = await countLog(id);
    const cases: [Person, string, unknown[], number, string][] = [
      [tenant2, d[2], yes(), 403, 'TENANT_CANNOT_VOTE'],
      [family3, d[3], yes(), 403, 'PROXY_REQUIRED'],
      [owner1, d[2], yes(), 403, 'NOT_ENTITLED_TO_VOTE'],
      [outsider, d[1], yes(), 404, 'CONSULTATION_NOT_FOUND'],
      [zOwner, d[5], yes(), 404, 'CONSULTATION_NOT_FOUND'],
      [owner0, d[4], yes(), 403, 'NOT_IN_ELECTORATE'],
      [owner1, d[1], [{ questionId: 'renovate', choice: 'maybe' }], 422, 'INVALID_CHOICE'],
      [owner1, d[1], [{ questionId: 'nope', choice: 'approve' }], 422, 'UNKNOWN_QUESTION'],
      [owner1, d[1], [...yes(), ...no()], 422, 'DUPLICATE_ANSWER'],
    ];
    for (const [p, dw, answers, status, code] of cases) {
      const r = await cast(s, p.token, id, dw, answers);
      expect([r.status, r.body.error?.code]).toEqual([status, code]);
      expect(r.body.error.message).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(await countLog(id)).toBe(before);
  });

  it('accepts an owner ballot and a proxy ballot, returns a receipt, and refuses a change when changes are off', async () => {
    const r = await cast(s, owner1.token, id, d[1], yes());
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ dwellingId: d[1], source: 'electronic', conflict: false, answers: [{ questionId: 'renovate', choice: 'approve' }] });
    expect(r.body.receiptCode).toMatch(/^[0-9A-F]{4}(-[0-9A-F]{4}){3}$/);
    expect(r.body.entryHash.slice(0, 16).toUpperCase()).toBe(r.body.receiptCode.replace(/-/g, ''));
    const p = await cast(s, proxy3.token, id, d[3], no());
    expect(p.status).toBe(201);
    const before = await countLog(id);
    const change = await cast(s, owner1.token, id, d[1], no());
    expect([change.status, change.body.error.code]).toEqual([409, 'BALLOT_CHANGE_NOT_ALLOWED']);
    expect(await countLog(id)).toBe(before);
    const mine = await s.api(`/api/consultations/${id}/my-ballots`, { token: owner1.token });
    expect(mine.body.items).toEqual([
      expect.objectContaining({
        dwellingId: d[1],
        via: 'owner',
        inElectorate: true,
        answers: [expect.objectContaining({ choice: 'approve', source: 'electronic' })],
      }),
    ]);
  });

  it('replays the first response for a retried Idempotency-Key and refuses the key with another body', async () => {
    const first = await cast(s, owner0.token, id, d[0], yes(), 'retry-key-0001');
    expect(first.status).toBe(201);
    const again = await cast(s, owner0.token, id, d[0], yes(), 'retry-key-0001');
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    const other = await cast(s, owner0.token, id, d[0], no(), 'retry-key-0001');
    expect([other.status, other.body.error.code]).toEqual([422, 'IDEMPOTENCY_KEY_REUSED']);
    // The key is the caller's own: another resident sending it is a new request of theirs, refused for d0.
    const stranger = await cast(s, owner1.token, id, d[0], yes(), 'retry-key-0001');
    expect([stranger.status, stranger.body.error.code]).toEqual([403, 'NOT_ENTITLED_TO_VOTE']);
    expect(JSON.stringify(stranger.body)).not.toContain(first.body.receiptCode);
    // The log is the key's record: no stored answer per cast.
    expect(await mongoose.connection.db!.collection('idempotency_keys').countDocuments()).toBe(0);
  });

  it('paper ballot for a dwelling that voted electronically is a conflict until the committee decides', async () => {
    const noPhoto = await paperBallot(s, committee.token, id, d[2], no(), null);
    expect([noPhoto.status, noPhoto.body.error.code]).toEqual([400, 'PHOTO_REQUIRED']);
    const fine = await paperBallot(s, committee.token, id, d[2], no());
    expect(fine.status).toBe(201);
    expect(fine.body).toMatchObject({ source: 'paper', conflict: false });
    const clash = await paperBallot(s, committee.token, id, d[1], no());
    expect(clash.status).toBe(201);
    expect(clash.body.conflict).toBe(true);
    const tally = (await s.api(`/api/consultations/${id}/tally`, { token: owner1.token })).body;
    // d1 still counts once, electronically (approve); d2 paper reject; d3 proxy reject; d0 approve.
    expect(tally.questions[0].participation).toMatchObject({ dwellings: 4, areaHundredths: 38000, headcount: 4 });
    const conflicts = (await s.api(`/api/consultations/${id}/conflicts`, { token: committee.token })).body.items;
    expect(conflicts).toEqual([expect.objectContaining({ paperSeq: clash.body.seq, paperAnswers: no(), electronicAnswers: yes(), resolution: null })]);
    expect(JSON.stringify(conflicts)).not.toMatch(/业主/);
    const resident = await s.api(`/api/consultations/${id}/conflicts`, { token: owner1.token });
    expect(resident.status).toBe(403);
    // Whoever entered the paper ballot may not decide its conflict (issue 12): a second member does.
    const own = await s.api(`/api/consultations/${id}/conflicts/${clash.body.seq}/resolve`, {
      token: committee.token,
      body: { keep: 'paper', reason: '自己录入自己处理' },
    });
    expect([own.status, own.body.error.code]).toEqual([403, 'OWN_PAPER_BALLOT']);
    const resolved = await s.api(`/api/consultations/${id}/conflicts/${clash.body.seq}/resolve`, {
      token: committee2.token,
      body: { keep: 'paper', reason: '业主到场确认以签字纸质票为准' },
    });
    expect(resolved.status).toBe(200);
    const twice = await s.api(`/api/consultations/${id}/conflicts/${clash.body.seq}/resolve`, {
      token: committee2.token,
      body: { keep: 'electronic', reason: '重复' },
    });
    expect(twice.body.error.code).toBe('CONFLICT_ALREADY_RESOLVED');
    const after = (await s.api(`/api/consultations/${id}/tally`, { token: owner1.token })).body.questions[0];
    expect(after.participation.dwellings).toBe(4);
    expect(after.options).toEqual([]); // per-option figures only after close
    const audit = await mongoose.connection.db!.collection('audit_logs').find({ targetId: id, action: 'consultation.conflict.resolve' }).toArray();
    expect(audit).toHaveLength(1);
    const electronicAfterPaper = await cast(s, owner1.token, id, d[1], yes());
    expect(electronicAfterPaper.body.error.code).toBe('PAPER_BALLOT_EXISTS');
  });

  it('individual choices stay hidden while open and open to committee and street office after close', async () => {
    expect((await s.api(`/api/consultations/${id}/ballots`, { token: committee.token })).status).toBe(403);
    await closeVote(s, committee.token, id);
    const late = await cast(s, owner1.token, id, d[1], yes());
    expect([late.status, late.body.error.code]).toEqual([409, 'CONSULTATION_NOT_OPEN']);
    // A phone whose answer was lost retries after the close: it gets its receipt, and nothing is appended.
    const entries = await countLog(id);
    const retried = await cast(s, owner0.token, id, d[0], yes(), 'retry-key-0001');
    expect([retried.status, retried.headers.get('idempotent-replayed'), retried.body.answers]).toEqual([201, 'true', yes()]);
    expect(await countLog(id)).toBe(entries);
    for (const p of [committee, street]) {
      const list = await s.api(`/api/consultations/${id}/ballots`, { token: p.token });
      expect(list.status).toBe(200);
      expect(list.body.items).toHaveLength(4);
      expect(Object.keys(list.body.items[0]).sort()).toEqual([
        'answer',
        'areaHundredths',
        'buildingName',
        'dwellingId',
        'entranceName',
        'floor',
        'questionId',
        'room',
        'seq',
        'source',
      ]);
    }
    expect((await s.api(`/api/consultations/${id}/ballots`, { token: owner1.token })).status).toBe(403);
    const announced = await waitAnnounced(s, committee.token, id);
    expect(announced.result.questions[0].passed).toBe(false);
  });
});

describe('throttling', () => {
  it('re-casting in a loop is limited per voter (429 with Retry-After); replays of one key are not counted', async () => {
    const id = await openVote(s, committee.token, { kind: 'whether', title: '反复改票', complexCode: 'Q', electorate: { level: 'complex' } });
    for (let i = 0; i < 5; i++) expect((await cast(s, owner1.token, id, d[1], yes(), 'same-key-12345')).status).toBe(201);
    const statuses: number[] = [];
    let last: Json;
    for (let i = 0; i < 31; i++) {
      last = await cast(s, owner1.token, id, d[1], i % 2 ? yes() : no());
      statuses.push(last.status);
    }
    // 30 per hour: one used by the keyed cast, 29 more pass. (The window is fixed to the clock hour, so a run that
    // straddles the hour may allow a few more; the 31st request is refused either way.)
    expect(statuses.filter((x) => x === 201).length).toBeGreaterThanOrEqual(29);
    expect(last.status).toBe(429);
    expect(last.body.error.code).toBe('RATE_LIMITED');
    expect(Number(last.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
