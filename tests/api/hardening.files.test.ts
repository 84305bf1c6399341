// Issue 14, finding 1: a write may name a file only if the writer uploaded it for that purpose and nothing shows it
// yet (or the object being edited already shows it). File ids are random 128-bit tokens.
import * as shared from '@gongzhi/shared';
import { z } from 'zod';
import { startTestServer, type TestServer } from '../support/server';
import { startFakeWechat, type FakeWechat } from '../support/fakeWechat';
import { PDF_BYTES, PNG_BYTES, upload, wechatEnv } from '../support/notices';
import { shortLeadTime } from '../support/consultations';
import { person, seedWorld, type Person, type World } from './projects.helpers';
import { decidedHowVote } from '../support/decidedVote';
import type { Json } from '../support/json';

let s: TestServer;
let wx: FakeWechat;
let w: World;
let who: Record<'committeeA' | 'streetA' | 'residentA' | 'residentB' | 'admin', Person>;
const png = { bytes: PNG_BYTES, name: 'a.png', type: 'image/png' };
const pdf = { bytes: PDF_BYTES, name: 'a.pdf', type: 'application/pdf' };
const ok = (r: { status: number; body: Json }, what: string) => {
  if (r.status >= 300) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
};
const future = (h: number) => new Date(Date.now() + h * 3600e3).toISOString();

/** A project of complex X driven to `until` by streetA. */
async function project(until: 'construction' | 'acceptance') {
  const t = who.streetA.token;
  const id = ok(await s.api('/api/projects', { token: t, body: { complexCode: 'X', year: nextYear++ } }), 'project').id;
  const go = async (to: string) => ok(await s.api(`/api/projects/${id}/transitions`, { token: t, body: { to } }), to);
  await go('annual_plan');
  await go('design');
  const item = ok(
    await s.api(`/api/projects/${id}/items`, {
      token: t,
      method: 'PUT',
      body: { items: [{ category: 'basic', name: '屋面', quantity: 1, unit: '项', budgetFen: 100 }] },
    }),
    'items',
  ).items[0].id;
  ok(await s.api(`/api/projects/${id}/funding`, { token: t, method: 'PUT', body: { centralSubsidyFen: 100 } }), 'funding');
  await decidedHowVote(id);
  await go('publicity');
  await go('construction');
  if (until === 'acceptance') {
    ok(
      await s.api(`/api/projects/${id}/acceptance`, {
        token: t,
        method: 'PUT',
        body: { date: '2025-01-01', passed: true, participants: [{ unit: '住建局', role: '主管' }] },
      }),
      'acceptance',
    );
    await go('acceptance');
  }
  return { id: id as string, item: item as string };
}

const question = (ids: string[]) => [
  {
    id: 'plan',
    title: '方案',
    format: 'pick_one',
    rule: 'civil_major',
    options: [
      { id: 'a', label: '甲', imageFileIds: ids },
      { id: 'b', label: '乙' },
    ],
  },
];
const draftBody = (ids: string[]) => ({
  kind: 'how',
  title: '选方案',
  complexCode: 'X',
  electorate: { level: 'complex' },
  leadTimeHours: 0,
  opensAt: future(1),
  closesAt: future(48),
  questions: question(ids),
});

interface Field {
  /** Who writes the field, and how they upload a file for it. */
  writer: () => Person;
  upload: () => Promise<string>;
  /** A fresh object each call, writing `ids` into the field: the response. */
  write: (ids: string[]) => Promise<{ status: number; body: Json }>;
}
let fields: Record<string, Field>;
let ratings = 0;
let acceptances = 0;
let nextYear = 2030;

beforeAll(async () => {
  wx = await startFakeWechat();
  s = await startTestServer({ DB_PREFIX: 'hardening_files', ...wechatEnv(wx) });
  w = await seedWorld();
  who = {
    committeeA: await person('甲业委会', { grants: [{ role: 'committee', scope: 'X' }] }),
    streetA: await person('甲街道', { grants: [{ role: 'street_staff', scope: 'S1' }] }),
    residentA: await person('甲住户', { dwellings: [w.X[0], w.X[1]] }),
    residentB: await person('乙住户', { dwellings: [w.Z[0]] }),
    admin: await person('管理员', { grants: [{ role: 'admin', scope: 'root' }] }),
  };
  await shortLeadTime(s, who.admin.token);
  const building = await project('construction');
  const building2 = await project('construction');
  const done = await project('acceptance');
  const up = async (path: string, p: Person, file = png) => {
    const b = ok(await upload(s, path, p.token, file), `upload ${path}`);
    return (b.files ? b.files[0].fileId : b.fileId) as string;
  };
  const publicity = async () =>
    ok(
      await s.api('/api/notices', {
        token: who.committeeA.token,
        body: { kind: 'plan_publicity', audience: { type: 'area', code: 'X' }, title: '公示', body: '<p>方案</p>' },
      }),
      'notice',
    ).id as string;
  const noticeForObjections = await publicity();
  fields = {
    'CreateConsultationBody.questions.options.imageFileIds': {
      writer: () => who.committeeA,
      upload: () => up('/api/files/consultation-images', who.committeeA),
      write: (ids) => s.api('/api/consultations', { token: who.committeeA.token, body: draftBody(ids) }),
    },
    'UpdateConsultationBody.questions.options.imageFileIds': {
      writer: () => who.committeeA,
      upload: () => up('/api/files/consultation-images', who.committeeA),
      write: async (ids) => {
        const id = ok(await s.api('/api/consultations', { token: who.committeeA.token, body: draftBody([]) }), 'draft').id;
        return s.api(`/api/consultations/${id}`, { method: 'PATCH', token: who.committeeA.token, body: { questions: question(ids) } });
      },
    },
    'CreateNoticeBody.attachmentIds': {
      writer: () => who.committeeA,
      upload: () => up('/api/notices/attachments', who.committeeA, pdf),
      write: (ids) =>
        s.api('/api/notices', {
          token: who.committeeA.token,
          body: { kind: 'general', audience: { type: 'area', code: 'X' }, title: '通知', body: '<p>x</p>', attachmentIds: ids },
        }),
    },
    'AmendNoticeBody.attachmentIds': {
      writer: () => who.committeeA,
      upload: () => up('/api/notices/attachments', who.committeeA),
      write: async (ids) =>
        s.api(`/api/notices/${await publicity()}/amendments`, { token: who.committeeA.token, body: { reason: '补附件', attachmentIds: ids } }),
    },
    'CreateObjectionBody.photoIds': {
      writer: () => who.residentA,
      upload: () => up(`/api/notices/${noticeForObjections}/objection-photos`, who.residentA),
      write: (ids) => s.api(`/api/notices/${noticeForObjections}/objections`, { token: who.residentA.token, body: { text: '楼道照片如图', photoIds: ids } }),
    },
    'ProgressBody.photoFileIds': {
      writer: () => who.streetA,
      upload: () => up(`/api/projects/${building.id}/files`, who.streetA),
      write: (ids) =>
        s.api(`/api/projects/${building.id}/progress`, {
          token: who.streetA.token,
          body: { items: [{ itemId: building.item, percent: 10 }], photoFileIds: ids },
        }),
    },
    'AcceptanceBody.documentFileIds': {
      writer: () => who.streetA,
      upload: () => up(`/api/projects/${building.id}/files`, who.streetA, pdf),
      // each write records another project's acceptance: a record already showing the file may keep it
      write: (ids) =>
        s.api(`/api/projects/${[building, building2][acceptances++ % 2].id}/acceptance`, {
          method: 'PUT',
          token: who.streetA.token,
          body: { date: '2025-01-01', passed: true, participants: [{ unit: '住建局', role: '主管' }], documentFileIds: ids },
        }),
    },
    'RatingBody.photoFileId': {
      writer: () => who.residentA,
      upload: () => up(`/api/projects/${done.id}/ratings/photos`, who.residentA),
      // each write rates the other dwelling: a rating already showing the photo may keep it
      write: (ids) =>
        s.api(`/api/projects/${done.id}/ratings`, {
          method: 'PUT',
          token: who.residentA.token,
          body: { dwellingId: w.X[ratings++ % 2], overall: 4, photoFileId: ids[0] },
        }),
    },
  };
}, 60_000);
afterAll(async () => {
  await s?.stop();
  await wx?.stop();
});

/** Every `<Export>.<path>` of a request-body schema whose leaf is the shared FileId. */
function fileIdFields(): string[] {
  const out: string[] = [];
  const walk = (t: Json, path: string[], seen: Set<unknown>) => {
    if (!t || seen.has(t)) return;
    if (t === shared.FileId) {
      out.push(path.join('.'));
      return;
    }
    seen.add(t);
    const def = t._zod?.def;
    if (!def) return;
    if (def.type === 'object') for (const [k, v] of Object.entries(def.shape)) walk(v, [...path, k], new Set(seen));
    else if (def.type === 'array') walk(def.element, path, seen);
    else for (const inner of [def.innerType, def.in, def.out, ...(def.options ?? [])]) walk(inner, path, seen);
  };
  for (const [name, v] of Object.entries(shared)) if (name.endsWith('Body') && v instanceof z.ZodType) walk(v, [name], new Set());
  return [...new Set(out)].sort();
}

it('every request field that names stored files goes through the file check (this table covers each one)', () => {
  const found = fileIdFields();
  expect(found.length).toBeGreaterThanOrEqual(8);
  expect(found).toEqual(Object.keys(fields).sort());
});

it("a committee member cannot put another complex's 委托书 on a vote option, and so cannot read it", async () => {
  const owner = who.residentB;
  const proxyUser = await person('受托人');
  const form = new FormData();
  form.append('dwellingId', w.Z[0]);
  form.append('proxyUserId', proxyUser.id);
  form.append('file', new Blob([new Uint8Array(PNG_BYTES)], { type: 'image/png' }), '委托书.png');
  const reg = await fetch(`${s.url}/api/proxies`, { method: 'POST', headers: { authorization: `Bearer ${owner.token}` }, body: form });
  const docId = ok({ status: reg.status, body: await reg.json() }, 'proxy').documentFileId as string;
  expect(docId).toMatch(/^[0-9a-f]{32}$/); // a random token, not a time-ordered ObjectId

  const r = await fields['CreateConsultationBody.questions.options.imageFileIds'].write([docId]);
  expect(r.status).toBe(422);
  expect(r.body.error.code).toBe('FILE_NOT_USABLE');
  const read = await fetch(`${s.url}/api/files/${docId}`, { headers: { authorization: `Bearer ${who.committeeA.token}` } });
  expect(read.status).toBe(404);
});

describe.each([
  'CreateConsultationBody.questions.options.imageFileIds',
  'UpdateConsultationBody.questions.options.imageFileIds',
  'CreateNoticeBody.attachmentIds',
  'AmendNoticeBody.attachmentIds',
  'CreateObjectionBody.photoIds',
  'ProgressBody.photoFileIds',
  'AcceptanceBody.documentFileIds',
  'RatingBody.photoFileId',
])('%s', (name) => {
  it("takes the writer's own upload for this purpose once; someone else's, another purpose's or an attached one is 422", async () => {
    const f = fields[name];
    const stranger = await upload(s, '/api/files/consultation-images', who.committeeA.token, png);
    const strangersFile =
      name.startsWith('CreateConsultation') || name.startsWith('UpdateConsultation')
        ? ok(await upload(s, `/api/notices/attachments`, who.committeeA.token, png), 'other').fileId // committee's own, wrong purpose
        : stranger.body.fileId;
    const refusedOther = await f.write([strangersFile]);
    expect(refusedOther.status).toBe(422);
    expect(['FILE_NOT_USABLE', 'ATTACHMENT_NOT_FOUND']).toContain(refusedOther.body.error.code);

    const mine = await f.upload();
    expect(mine).toMatch(/^[0-9a-f]{32}$/);
    const accepted = await f.write([mine]);
    expect(accepted.status).toBeLessThan(300);
    const again = await f.write([mine]); // a new object naming the upload another one shows
    expect(again.status).toBe(422);
    expect(['FILE_NOT_USABLE', 'ATTACHMENT_NOT_FOUND']).toContain(again.body.error.code);
  });
});

it('a PDF is served as a download, a picture inline', async () => {
  const p = ok(await upload(s, '/api/notices/attachments', who.committeeA.token, pdf), 'pdf').fileId;
  const i = ok(await upload(s, '/api/notices/attachments', who.committeeA.token, png), 'png').fileId;
  const get = (id: string) => fetch(`${s.url}/api/files/${id}`, { headers: { authorization: `Bearer ${who.committeeA.token}` } });
  expect((await get(p)).headers.get('content-disposition')).toMatch(/^attachment;/);
  expect((await get(i)).headers.get('content-disposition')).toMatch(/^inline;/);
});

it('a PNG claiming 60000×60000 pixels is refused before it is stored', async () => {
  const giant = Buffer.from(PNG_BYTES);
  giant.writeUInt32BE(60000, 16);
  giant.writeUInt32BE(60000, 20);
  const r = await upload(s, '/api/notices/attachments', who.committeeA.token, { bytes: giant, name: 'big.png', type: 'image/png' });
  expect(r.status).toBe(413);
  expect(r.body.error.code).toBe('IMAGE_TOO_LARGE');
});
