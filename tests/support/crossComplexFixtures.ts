// Cross-complex fixtures for platform, identity, areas, roster, claims, proxies and notices routes.
// One entry per route; see crossComplexProbes.ts for what a probe asserts.
import { exempt, probe, probes, type Fixture } from './crossComplexProbes';
import type { CrossWorld } from './crossComplexWorld';
import { B } from './crossComplexWorld';
import { PRIVACY_VERSION } from '@gongzhi/shared';
import { createUser } from './identity';
import { Dwelling } from '../../server/src/roster/model';
import { piiHash } from '../../server/src/identity/pii';
import { gridRows, postFile, toXlsx, PNG_1PX } from './rosterFiles';
import type { Json } from './json';

type W = CrossWorld;
const PHONE_A = '13700000001';
const PHONE_B = '13900000004'; // the roster phone of B's fifth dwelling (written by the probe's setup)
let roster: Buffer | undefined;
const rosterFile = async () => (roster ??= await toXlsx(gridRows({ buildings: 1, floors: 1, seed: 7000 })));
// The control is someone of B entitled to the file: a file not yet shown by any object is its uploader's alone.
const fileProbe = (key: string, control = 'streetB') => ({ label: key, call: (t: Json, w: W) => w.req(`/api/files/${w.b[key]}`, t), control });

export const identityFixtures: Record<string, Fixture<W>> = {
  'GET /healthz': exempt('健康检查：不涉及任何对象'),
  'GET /readyz': exempt('就绪检查：不涉及任何对象'),
  'GET /api/test/slow': exempt('仅测试环境的探针：不涉及任何对象'),
  'POST /api/test/echo': exempt('仅测试环境的探针：不涉及任何对象'),
  'POST /api/files/consultation-images': exempt('上传到调用者名下，尚未指向任何小区的对象'),
  'POST /api/audio': exempt('录音上传到调用者名下，尚未指向任何小区的对象（引用时经 fileRefs 检查，下载随所属公告/表决的权限）'),
  'GET /api/files/:id': probes<W>(
    fileProbe('fileB'),
    fileProbe('attachmentB', 'committeeB'),
    fileProbe('objPhotoB', 'residentB'),
    fileProbe('ratingPhotoB', 'residentB'),
  ),

  'POST /api/auth/wechat': exempt('登录：不涉及小区对象'),
  'POST /api/auth/refresh': exempt('会话：只涉及调用者自己的令牌'),
  'POST /api/auth/logout': exempt('会话：只涉及调用者自己的令牌'),
  'GET /api/me': exempt('只涉及调用者本人'),
  'PATCH /api/me': exempt('只涉及调用者本人'),
  'POST /api/me/privacy': exempt('只涉及调用者本人'),
  'POST /api/grants': probes<W>(
    {
      label: 'committee@B',
      setup: async () => (await createUser()).id,
      call: (t, w, uid) => w.req('/api/grants', t, 'POST', { userId: uid, role: 'committee', scope: B.complex }),
      control: 'streetB',
    },
    {
      label: 'community_worker@B',
      setup: async () => (await createUser()).id,
      call: (t, w, uid) => w.req('/api/grants', t, 'POST', { userId: uid, role: 'community_worker', scope: B.community }),
      control: 'streetB',
    },
    {
      label: 'street_staff@B',
      setup: async () => (await createUser()).id,
      call: (t, w, uid) => w.req('/api/grants', t, 'POST', { userId: uid, role: 'street_staff', scope: B.street }),
      control: 'countyB',
    },
  ),
  'POST /api/grants/revoke': probe<W, string>(
    (t, w, uid) => w.req('/api/grants/revoke', t, 'POST', { userId: uid, role: 'committee', scope: B.complex, reason: '换届' }),
    { setup: async () => (await createUser({ grants: [{ role: 'committee', scope: B.complex }] })).id, control: 'streetB' },
  ),
  'GET /api/areas/:code/grants': probes<W>(
    { label: 'complex', call: (t, w) => w.req(`/api/areas/${B.complex}/grants`, t), control: 'streetB' },
    { label: 'street', call: (t, w) => w.req(`/api/areas/${B.street}/grants`, t), control: 'countyB' },
  ),
  'GET /api/areas/:code': exempt('区域树对所有登录用户公开（认领房屋需要；无业主信息，见 roster/policy.ts）'),
  'GET /api/areas/:code/children': exempt('区域树对所有登录用户公开（认领房屋需要；无业主信息）'),
  'GET /api/areas/:code/rooms': exempt('房号对所有登录用户公开（认领房屋需要；无业主信息）'),
  'GET /api/complexes': exempt('小区目录对所有登录用户公开（认领房屋需要）'),
  'POST /api/areas': probes<W>(
    {
      label: "complex under B's community",
      call: (t, w) => w.req('/api/areas', t, 'POST', { parentCode: B.community, code: 'C2X9', level: 'complex', name: '新小区' }),
    },
    { label: 'building under B', call: (t, w) => w.req('/api/areas', t, 'POST', { parentCode: B.complex, code: 'ZB9', level: 'building', name: '9号楼' }) },
    {
      label: "community under B's street",
      call: (t, w) => w.req('/api/areas', t, 'POST', { parentCode: B.street, code: 'C29', level: 'community', name: '新社区' }),
      control: 'streetB',
    },
  ),

  'GET /api/roster/template': exempt('空白模板：不涉及任何对象'),
  'POST /api/roster/:complexCode/import': probes<W>(
    {
      label: 'dry run',
      call: async (t, w) => postFile(w.s, `/api/roster/${B.complex}/import?dryRun=true`, { token: t, file: { bytes: await rosterFile(), name: 'r.xlsx' } }),
      control: 'streetB',
    },
    {
      label: 'for real',
      call: async (t, w) => postFile(w.s, `/api/roster/${B.complex}/import`, { token: t, file: { bytes: await rosterFile(), name: 'r.xlsx' } }),
    },
  ),
  'GET /api/roster/:complexCode/export': probe<W>((t, w) => w.req(`/api/roster/${B.complex}/export`, t), { control: 'streetB' }),
  'GET /api/roster/:complexCode/dwellings': probe<W>((t, w) => w.req(`/api/roster/${B.complex}/dwellings`, t), { control: 'committeeB' }),
  'GET /api/roster/:complexCode/imports': probe<W>((t, w) => w.req(`/api/roster/${B.complex}/imports`, t), { control: 'streetB' }),
  'POST /api/claims': exempt('任何登录用户都可申请认领任何小区的房屋（业委会审核后才生效）：认领本身就是进入小区的入口'),
  // 手机号快速验证 is the only instant owner binding: A's actors, with a WeChat-verified phone that is not the roster
  // phone of B's dwelling, are refused and bound to nothing; the holder of the roster phone is bound (control).
  'POST /api/claims/phone': probe<W, string>(
    (t, w, dwellingId) => w.req('/api/claims/phone', t, 'POST', { dwellingId, phoneCode: w.wx!.issuePhoneCode(PHONE_A) }),
    {
      setup: async (w) => {
        // Agreed to the privacy notice like any real claimant, so the refusal is the phone check, not PRIVACY_REQUIRED.
        for (const t of Object.values(w.actorsA)) if (t) await w.req('/api/me/privacy', t, 'POST', { version: PRIVACY_VERSION });
        await Dwelling.updateOne({ _id: w.dw.B[4] }, { $set: { 'owners.0.phoneHash': piiHash('phone', PHONE_B) } });
        return w.dw.B[4];
      },
      refuse: [422],
      control: async (w, dwellingId) =>
        w.req('/api/claims/phone', (await createUser()).token, 'POST', { dwellingId, phoneCode: w.wx!.issuePhoneCode(PHONE_B) }),
    },
  ),
  'POST /api/roster/dwellings/:id/owners/:index/reveal': probe<W>(
    (t, w) => w.req(`/api/roster/dwellings/${w.dw.B[0]}/owners/0/reveal`, t, 'POST', { reason: '核对认领' }),
    { control: 'committeeB' },
  ),
  // Alerts belong to the owner they went to: A's actors neither list nor answer residentB's (B's dwelling is in them).
  'GET /api/me/alerts': probe<W>((t, w) => w.req('/api/me/alerts', t), { list: true, control: 'residentB' }),
  'POST /api/alerts/:id/dispute': probe<W, string>((t, w, id) => w.req(`/api/alerts/${id}/dispute`, t, 'POST', { note: '不是我' }), {
    setup: (w) => w.fresh.alertB(),
    control: 'residentB',
  }),
  'POST /api/alerts/:id/dismiss': probe<W, string>((t, w, id) => w.req(`/api/alerts/${id}/dismiss`, t, 'POST', {}), {
    setup: (w) => w.fresh.alertB(),
    control: 'residentB',
  }),
  'GET /api/complexes/:complexCode/claims': probe<W>((t, w) => w.req(`/api/complexes/${B.complex}/claims`, t), { control: 'committeeB' }),
  'POST /api/claims/:id/decision': probe<W, string>((t, w, id) => w.req(`/api/claims/${id}/decision`, t, 'POST', { approve: true }), {
    setup: (w) => w.fresh.claimB(),
    control: 'committeeB',
  }),
  'POST /api/bindings/:id/revoke': probe<W, string>((t, w, id) => w.req(`/api/bindings/${id}/revoke`, t, 'POST', { reason: '已搬离' }), {
    setup: (w) => w.fresh.bindingB(),
    control: 'committeeB',
  }),
  'GET /api/complexes/:complexCode/residents': probe<W>((t, w) => w.req(`/api/complexes/${B.complex}/residents`, t), { control: 'committeeB' }),
  'POST /api/proxies': probe<W, string>(
    (t, w, uid) => postFile(w.s, '/api/proxies', { token: t, fields: { dwellingId: w.dw.B[0], proxyUserId: uid }, file: { bytes: PNG_1PX, name: 'w.png' } }),
    { setup: async () => (await createUser()).id, control: 'residentB' },
  ),
  'GET /api/me/proxies': probe<W>((t, w) => w.req('/api/me/proxies', t), { list: true }), // only the caller's own
  'GET /api/dwellings/:id/household': probe<W>((t, w) => w.req(`/api/dwellings/${w.dw.B[0]}/household`, t), { control: 'residentB' }),
  'GET /api/complexes/:complexCode/proxies': probe<W>((t, w) => w.req(`/api/complexes/${B.complex}/proxies`, t), { control: 'committeeB' }),
  'POST /api/proxies/:id/decision': probe<W, string>((t, w, id) => w.req(`/api/proxies/${id}/decision`, t, 'POST', { approve: true }), {
    setup: (w) => w.fresh.proxyB(),
    control: 'committeeB',
  }),
  'POST /api/proxies/:id/revoke': probe<W, string>((t, w, id) => w.req(`/api/proxies/${id}/revoke`, t, 'POST', { reason: '撤回' }), {
    setup: (w) => w.fresh.proxyB(),
    control: 'committeeB',
  }),
};

const noticeOf = (path: string, control: string, method = 'GET'): Fixture<W> =>
  probe<W>((t, w) => w.req(`/api/notices/${w.b.noticeB}${path}`, t, method), { control });
const freshNotice = (path: string, body: unknown): Fixture<W> =>
  probe<W, string>((t, w, id) => w.req(`/api/notices/${id}${path}`, t, 'POST', body), { setup: (w) => w.fresh.noticeB(), control: 'committeeB' });
const toX = { kind: 'general', audience: { type: 'area', code: 'X' }, title: '通知', body: '正文' };

export const noticeFixtures: Record<string, Fixture<W>> = {
  'GET /api/notices': probe<W>((t, w) => w.req('/api/notices?includeExpired=true', t), { list: true, control: 'residentB' }),
  'GET /api/notices/managed': probe<W>((t, w) => w.req('/api/notices/managed?includeExpired=true', t), { list: true, control: 'committeeB' }),
  'GET /api/notices/rooms': probe<W>((t, w) => w.req('/api/notices/rooms', t), { list: true }),
  'GET /api/notices/settings': exempt('全局设置：不涉及小区对象'),
  'PUT /api/notices/settings': exempt('全局设置：只有管理员可改（notices.authz 已测）'),
  'POST /api/notices/attachments': exempt('上传到调用者名下，尚未指向任何小区的对象'),
  'POST /api/notices': probes<W>(
    { label: 'audience B', call: (t, w) => w.req('/api/notices', t, 'POST', { ...toX, audience: { type: 'area', code: B.complex } }), control: 'committeeB' },
    {
      label: "audience B's building",
      call: (t, w) => w.req('/api/notices', t, 'POST', { ...toX, audience: { type: 'buildings', codes: [B.building] } }),
      control: 'committeeB',
    },
    {
      label: "audience B's vote",
      call: (t, w) => w.req('/api/notices', t, 'POST', { ...toX, audience: { type: 'consultation', consultationId: w.b.openB } }),
      control: 'committeeB',
    },
    {
      label: "B's attachment on a notice to A",
      refuse: [403, 404, 422],
      call: (t, w) => w.req('/api/notices', t, 'POST', { ...toX, attachmentIds: [w.b.attachmentB] }),
      control: async (w) =>
        w.req('/api/notices', w.tokens.committeeA, 'POST', {
          ...toX,
          attachmentIds: [((await w.upload('/api/notices/attachments', w.tokens.committeeA)).body as Json).fileId],
        }),
    },
  ),
  'GET /api/notices/:id': noticeOf('', 'residentB'),
  'GET /api/notices/:id/versions': noticeOf('/versions', 'residentB'),
  'POST /api/notices/:id/read': noticeOf('/read', 'residentB', 'POST'),
  'GET /api/notices/:id/stats': noticeOf('/stats', 'committeeB'),
  'GET /api/notices/:id/unread': noticeOf('/unread', 'committeeB'),
  'GET /api/notices/:id/deliveries': noticeOf('/deliveries', 'committeeB'),
  'GET /api/notices/:id/objections': noticeOf('/objections', 'committeeB'),
  'POST /api/notices/:id/amendments': probes<W>(
    {
      setup: (w) => w.fresh.noticeB(),
      call: (t, w, id) => w.req(`/api/notices/${id}/amendments`, t, 'POST', { reason: '更正', title: '公示（更正）' }),
      control: 'committeeB',
    },
    {
      label: "B's attachment into A's notice",
      refuse: [403, 404, 422],
      call: (t, w) => w.req(`/api/notices/${w.a.noticeA}/amendments`, t, 'POST', { reason: '补附件', attachmentIds: [w.b.attachmentB] }),
      control: async (w) =>
        w.req(`/api/notices/${w.a.noticeA}/amendments`, w.tokens.committeeA, 'POST', {
          reason: '补附件',
          attachmentIds: [((await w.upload('/api/notices/attachments', w.tokens.committeeA)).body as Json).fileId],
        }),
    },
  ),
  'POST /api/notices/:id/withdrawal': freshNotice('/withdrawal', { reason: '撤回' }),
  'POST /api/notices/:id/reminders': freshNotice('/reminders', {}),
  'POST /api/notices/:id/objection-photos': probe<W>((t, w) => w.upload(`/api/notices/${w.b.noticeB}/objection-photos`, t), { control: 'residentB' }),
  'POST /api/notices/:id/objections': probes<W>(
    { setup: (w) => w.fresh.noticeB(), call: (t, w, id) => w.req(`/api/notices/${id}/objections`, t, 'POST', { text: '意见' }), control: 'residentB' },
    {
      label: "B's photo on an objection in A",
      refuse: [403, 404, 422],
      call: (t, w) => w.req(`/api/notices/${w.a.noticeA}/objections`, t, 'POST', { text: '意见', photoIds: [w.b.objPhotoB] }),
      control: async (w) =>
        w.req(`/api/notices/${w.a.noticeA}/objections`, w.tokens.residentA, 'POST', {
          text: '意见',
          photoIds: [((await w.upload(`/api/notices/${w.a.noticeA}/objection-photos`, w.tokens.residentA)).body as Json).fileId],
        }),
    },
  ),
  'POST /api/notices/:id/objections/:objectionId/response': probe<W, { id: string; oid: string }>(
    (t, w, c) => w.req(`/api/notices/${c.id}/objections/${c.oid}/response`, t, 'POST', { text: '答复' }),
    { setup: (w) => w.fresh.objectionB(), control: 'committeeB' },
  ),
  'POST /api/notices/:id/objections/:objectionId/close': probe<W, { id: string; oid: string }>(
    (t, w, c) => w.req(`/api/notices/${c.id}/objections/${c.oid}/close`, t, 'POST'),
    { setup: (w) => w.fresh.objectionB(), control: 'committeeB' },
  ),
};
