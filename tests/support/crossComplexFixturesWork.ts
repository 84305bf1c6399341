// Cross-complex fixtures for consultations, projects, pledges, ratings and evaluation routes.
import { exempt, probe, probes, type Fixture, type Probe } from './crossComplexProbes';
import type { CrossWorld } from './crossComplexWorld';
import { A, B } from './crossComplexWorld';
import { cast, openVote, paperBallot, yes } from './consultations';
import { fetchBinary, person } from '../api/projects.helpers';
import { flagDisputedBallots, listDisputedBallots } from '../../server/src/consultations/disputedBallots';
import type { Json } from './json';

type W = CrossWorld;
const at = (path: (w: W) => string, control: string, method = 'GET', body?: unknown): Fixture<W> =>
  probe<W>((t, w) => w.req(path(w), t, method, body), { control });
/** A download: the status, and the error body when it is JSON (refusals must carry a code). */
const bin = async (w: W, path: string, t: string | undefined) => {
  const r = await fetchBinary(w.s, path, t ?? '');
  return { status: r.status, body: r.type.includes('json') ? JSON.parse(r.buf.toString('utf8')) : undefined };
};
const future = (h: number) => new Date(Date.now() + h * 3600e3).toISOString();
const voteIn = (complexCode: string, entranceCode: string) => ({
  kind: 'whether',
  title: '新表决',
  complexCode,
  electorate: { level: 'entrance', entranceCode },
  opensAt: future(1),
  closesAt: future(48),
});
const draftA = async (w: W) => ((await w.req('/api/consultations', w.tokens.committeeA, 'POST', voteIn(A.complex, A.entrance))).body as Json).id as string;
const ownFileA = async (w: W) => ((await w.upload(`/api/projects/${w.a.build}/files`, w.tokens.streetA)).body as Json).files[0].fileId as string;
/**
 * A ballot in B's open vote cast by a new owner of B's fourth dwelling, then disputed by residentB ("不是我"), as
 * answering an owner alert does: its log seq, which only B's managers may resolve.
 */
const disputedB = async (w: W) => {
  const voter = await person('乙新业主', { dwellings: [w.dw.B[3]] });
  const r = await cast(w.s, voter.token, w.b.openB, w.dw.B[3], yes());
  if (r.status !== 201 && r.status !== 200) throw new Error(`disputed ballot: cast ${r.status} ${JSON.stringify(r.body)}`);
  await flagDisputedBallots({ actorId: voter.id, dwellingId: w.dw.B[3], disputeRef: `cross:${voter.id}`, disputedBy: w.b.residentB });
  const flag = (await listDisputedBallots(w.b.openB)).find((f) => f.actorId === voter.id);
  if (!flag) throw new Error('disputed ballot: not flagged');
  return flag.seq;
};
/** A body-ID probe: the route of A's own object, B's id in the body; the control sends A's id instead. */
const intoA = (label: string, call: Probe<W>['call'], control: Probe<W>['control'], more: Partial<Probe<W>> = {}): Probe<W> => ({
  label,
  call,
  control,
  refuse: [403, 404, 422],
  ...more,
});

export const consultationFixtures: Record<string, Fixture<W>> = {
  'GET /api/consultation-templates': exempt('表决模板：不涉及小区对象'),
  'GET /api/consultation-settings': exempt('全局设置：不涉及小区对象'),
  'PUT /api/consultation-settings': exempt('全局设置：只有管理员可改（consultations.authz 已测）'),
  'POST /api/consultations': probes<W>(
    { label: 'in B', call: (t, w) => w.req('/api/consultations', t, 'POST', voteIn(B.complex, B.entrance)), control: 'committeeB' },
    { label: "in A, electorate B's entrance", call: (t, w) => w.req('/api/consultations', t, 'POST', voteIn(A.complex, B.entrance)), refuse: [403, 404, 422] },
    intoA(
      "in A, linked to B's project",
      (t, w) => w.req('/api/consultations', t, 'POST', { ...voteIn(A.complex, A.entrance), projectId: w.b.design }),
      (w) => w.req('/api/consultations', w.tokens.committeeA, 'POST', { ...voteIn(A.complex, A.entrance), projectId: w.a.design }),
    ),
  ),
  'GET /api/consultations': probes<W>(
    { label: 'all', call: (t, w) => w.req('/api/consultations', t), list: true, control: 'residentB' },
    { label: 'complexCode=B', call: (t, w) => w.req(`/api/consultations?complexCode=${B.complex}`, t), list: true, control: 'residentB' },
  ),
  'GET /api/consultations/:id': probes<W>(
    { label: 'open', call: (t, w) => w.req(`/api/consultations/${w.b.openB}`, t), control: 'residentB' },
    { label: 'closed', call: (t, w) => w.req(`/api/consultations/${w.b.closedB}`, t), control: 'residentB' },
  ),
  'PATCH /api/consultations/:id': probes<W>(
    { setup: (w) => w.fresh.draftB(), call: (t, w, id) => w.req(`/api/consultations/${id}`, t, 'PATCH', { title: '改名' }), control: 'committeeB' },
    {
      label: "A's draft linked to B's project",
      setup: draftA,
      call: (t, w, id) => w.req(`/api/consultations/${id}`, t, 'PATCH', { projectId: w.b.design }),
      control: (w, id) => w.req(`/api/consultations/${id}`, w.tokens.committeeA, 'PATCH', { projectId: w.a.design }),
      refuse: [403, 404, 422],
    },
    {
      label: "A's draft, electorate B's entrance",
      setup: draftA,
      call: (t, w, id) => w.req(`/api/consultations/${id}`, t, 'PATCH', { electorate: { level: 'entrance', entranceCode: B.entrance } }),
      control: (w, id) => w.req(`/api/consultations/${id}`, w.tokens.committeeA, 'PATCH', { electorate: { level: 'entrance', entranceCode: A.entrance } }),
      refuse: [403, 404, 422],
    },
  ),
  'DELETE /api/consultations/:id': probe<W, string>((t, w, id) => w.req(`/api/consultations/${id}`, t, 'DELETE'), {
    setup: (w) => w.fresh.draftB(),
    control: 'committeeB',
  }),
  'POST /api/consultations/:id/schedule': probe<W, string>((t, w, id) => w.req(`/api/consultations/${id}/schedule`, t, 'POST'), {
    setup: (w) => w.fresh.draftB(),
    control: 'committeeB',
  }),
  'POST /api/consultations/:id/close': probe<W, string>((t, w, id) => w.req(`/api/consultations/${id}/close`, t, 'POST', { reason: '提前结束' }), {
    setup: (w) =>
      openVote(w.s, w.tokens.committeeB, {
        kind: 'whether',
        title: '乙再表决',
        complexCode: B.complex,
        electorate: { level: 'entrance', entranceCode: B.entrance },
      }),
    control: 'committeeB',
  }),
  'GET /api/consultations/:id/participation': at((w) => `/api/consultations/${w.b.openB}/participation`, 'committeeB'),
  'POST /api/consultations/:id/reminders': probes<W>(
    { call: (t, w) => w.req(`/api/consultations/${w.b.openB}/reminders`, t, 'POST', {}), control: 'committeeB' },
    {
      label: "A's vote, B's dwelling",
      call: (t, w) => w.req(`/api/consultations/${w.a.openA}/reminders`, t, 'POST', { dwellingIds: [w.dw.B[1]] }),
      refuse: [403, 404, 422],
      harmless: {
        when: (r) => (r.body as Json)?.count === 0,
        mayWrite: ['audit_logs'],
        why: "ids outside the vote's electorate are filtered out: nothing is queued, only the press is audited",
      },
    },
  ),
  'GET /api/consultations/:id/deliveries': probe<W>((t, w) => w.req(`/api/consultations/${w.b.openB}/deliveries`, t), { control: 'committeeB' }),
  'POST /api/consultations/:id/deliveries': probes<W>(
    { call: (t, w) => w.req(`/api/consultations/${w.b.openB}/deliveries`, t, 'POST', { dwellingIds: [w.dw.B[1]] }), control: 'committeeB' },
    intoA(
      "A's vote, B's dwelling",
      (t, w) => w.req(`/api/consultations/${w.a.openA}/deliveries`, t, 'POST', { dwellingIds: [w.dw.B[1]] }),
      (w) => w.req(`/api/consultations/${w.a.openA}/deliveries`, w.tokens.committeeA, 'POST', { dwellingIds: [w.dw.A[1]] }),
    ),
  ),
  'POST /api/consultations/:id/ballots': probes<W>(
    { call: (t, w) => cast(w.s, t as string, w.b.openB, w.dw.B[0], yes()), control: 'residentB' },
    intoA(
      "A's vote, B's dwelling",
      (t, w) => cast(w.s, t as string, w.a.openA, w.dw.B[0], yes()),
      (w) => cast(w.s, w.tokens.residentA, w.a.openA, w.dw.A[0], yes()),
    ),
  ),
  'GET /api/consultations/:id/my-ballots': at((w) => `/api/consultations/${w.b.openB}/my-ballots`, 'residentB'),
  'POST /api/consultations/:id/paper-ballots': probes<W>(
    { call: (t, w) => paperBallot(w.s, t ?? '', w.b.openB, w.dw.B[1], yes()), control: 'committeeB' },
    intoA(
      "A's vote, B's dwelling",
      (t, w) => paperBallot(w.s, t ?? '', w.a.openA, w.dw.B[1], yes()),
      (w) => paperBallot(w.s, w.tokens.committeeA, w.a.openA, w.dw.A[1], yes()),
    ),
  ),
  'GET /api/consultations/:id/conflicts': at((w) => `/api/consultations/${w.b.openB}/conflicts`, 'committeeB'),
  // No control: a conflict needs an electronic and a paper ballot for one dwelling; the vote itself is live (above).
  'POST /api/consultations/:id/conflicts/:seq/resolve': probe<W>((t, w) =>
    w.req(`/api/consultations/${w.b.openB}/conflicts/1/resolve`, t, 'POST', { keep: 'electronic', reason: '以电子票为准' }),
  ),
  'POST /api/consultations/:id/disputed-ballots/:seq/resolve': probe<W, number>(
    (t, w, seq) => w.req(`/api/consultations/${w.b.openB}/disputed-ballots/${seq}/resolve`, t, 'POST', { decision: 'uphold', reason: '业主申诉不是本人' }),
    { setup: disputedB, control: 'committeeB' },
  ),
  'GET /api/consultations/:id/ballots': at((w) => `/api/consultations/${w.b.closedB}/ballots`, 'committeeB'),
  'GET /api/consultations/:id/tally': at((w) => `/api/consultations/${w.b.openB}/tally`, 'residentB'),
  'GET /api/consultations/:id/log/verify': at((w) => `/api/consultations/${w.b.openB}/log/verify`, 'residentB'),
  'POST /api/consultations/:id/close-override': at((w) => `/api/consultations/${w.b.openB}/close-override`, 'committeeB', 'POST', {
    reason: '业主已搬离无法联系，按电子票计',
  }),
  'GET /api/consultations/:id/alarms': at((w) => `/api/consultations/${w.b.openB}/alarms`, 'committeeB'),
  'GET /api/consultations/:id/log/sealed': at((w) => `/api/consultations/${w.b.closedB}/log/sealed`, 'committeeB'),
  'GET /api/consultations/:id/receipts/:code': at((w) => `/api/consultations/${w.b.openB}/receipts/${w.b.receiptB}`, 'residentB'),
  'GET /api/consultations/:id/recount': at((w) => `/api/consultations/${w.b.closedB}/recount`, 'residentB'),
  'GET /api/consultations/:id/log': at((w) => `/api/consultations/${w.b.closedB}/log`, 'committeeB'),
};

const elevator = { totalFen: 1000, coefficients: [{ floor: 1, coefficient: '1' }] };
const items = { items: [{ category: 'basic', name: '屋面', quantity: 1, unit: '项', budgetFen: 100 }] };
const acceptance = (documentFileIds: string[] = []) => ({
  date: '2025-01-01',
  passed: true,
  participants: [{ unit: '住建局', role: '主管' }],
  documentFileIds,
});

export const projectFixtures: Record<string, Fixture<W>> = {
  'GET /api/projects': probes<W>(
    { label: 'all', call: (t, w) => w.req('/api/projects', t), list: true, control: 'residentB' },
    { label: 'complexCode=B', call: (t, w) => w.req(`/api/projects?complexCode=${B.complex}`, t), list: true, control: 'residentB' },
    { label: "scope=B's county", call: (t, w) => w.req(`/api/projects?scope=${B.county}`, t), list: true, control: 'countyB' },
  ),
  'POST /api/projects': probe<W>((t, w) => w.req('/api/projects', t, 'POST', { complexCode: B.complex, year: 2090 }), { control: 'streetB' }),
  'GET /api/projects/:id': at((w) => `/api/projects/${w.b.design}`, 'residentB'),
  'PUT /api/projects/:id/items': at((w) => `/api/projects/${w.b.design}/items`, 'streetB', 'PUT', items),
  'PUT /api/projects/:id/funding': at((w) => `/api/projects/${w.b.design}/funding`, 'streetB', 'PUT', { centralSubsidyFen: 100 }),
  'POST /api/projects/:id/transitions': probe<W, string>((t, w, id) => w.req(`/api/projects/${id}/transitions`, t, 'POST', { to: 'annual_plan' }), {
    setup: (w) => w.fresh.projectB(),
    control: 'streetB',
  }),
  'POST /api/projects/:id/files': probe<W>((t, w) => w.upload(`/api/projects/${w.b.build}/files`, t), { control: 'streetB' }),
  'POST /api/projects/:id/progress': probes<W>(
    { call: (t, w) => w.req(`/api/projects/${w.b.build}/progress`, t, 'POST', { items: [{ itemId: w.b.buildItem, percent: 50 }] }), control: 'streetB' },
    intoA(
      "A's project, B's photo",
      (t, w) => w.req(`/api/projects/${w.a.build}/progress`, t, 'POST', { items: [{ itemId: w.a.buildItem, percent: 50 }], photoFileIds: [w.b.fileB] }),
      async (w) =>
        w.req(`/api/projects/${w.a.build}/progress`, w.tokens.streetA, 'POST', {
          items: [{ itemId: w.a.buildItem, percent: 50 }],
          photoFileIds: [await ownFileA(w)],
        }),
    ),
  ),
  'GET /api/projects/:id/progress': at((w) => `/api/projects/${w.b.build}/progress`, 'residentB'),
  'GET /api/projects/:id/comments': probe<W>((t, w) => w.req(`/api/projects/${w.b.build}/comments`, t), { control: 'streetB' }),
  'POST /api/projects/:id/comments': probe<W>((t, w) => w.req(`/api/projects/${w.b.build}/comments`, t, 'POST', { text: '意见' }), { control: 'streetB' }),
  'PUT /api/projects/:id/acceptance': probes<W>(
    { call: (t, w) => w.req(`/api/projects/${w.b.build}/acceptance`, t, 'PUT', acceptance()), control: 'streetB' },
    intoA(
      "A's project, B's document",
      (t, w) => w.req(`/api/projects/${w.a.build}/acceptance`, t, 'PUT', acceptance([w.b.fileB])),
      async (w) => w.req(`/api/projects/${w.a.build}/acceptance`, w.tokens.streetA, 'PUT', acceptance([await ownFileA(w)])),
    ),
  ),
  'GET /api/projects/:id/export.xlsx': probe<W>((t, w) => bin(w, `/api/projects/${w.b.design}/export.xlsx`, t), { control: 'streetB' }),
  'POST /api/projects/:id/links': probes<W>(
    { call: (t, w) => w.req(`/api/projects/${w.b.design}/links`, t, 'POST', { kind: 'consultation', targetId: w.b.closedB }), control: 'streetB' },
    intoA(
      "A's project, B's vote",
      (t, w) => w.req(`/api/projects/${w.a.design}/links`, t, 'POST', { kind: 'consultation', targetId: w.b.closedB }),
      (w) => w.req(`/api/projects/${w.a.design}/links`, w.tokens.streetA, 'POST', { kind: 'consultation', targetId: w.a.openA }),
    ),
    intoA(
      "A's project, B's notice",
      (t, w) => w.req(`/api/projects/${w.a.design}/links`, t, 'POST', { kind: 'notice', targetId: w.b.noticeB }),
      (w) => w.req(`/api/projects/${w.a.design}/links`, w.tokens.streetA, 'POST', { kind: 'notice', targetId: w.a.noticeA }),
    ),
  ),

  'POST /api/projects/:id/pledges': probes<W>(
    { call: (t, w) => w.req(`/api/projects/${w.b.design}/pledges`, t, 'POST', { kind: 'money', dwellingId: w.dw.B[0], amountFen: 100 }), control: 'residentB' },
    intoA(
      "A's project, B's dwelling",
      (t, w) => w.req(`/api/projects/${w.a.design}/pledges`, t, 'POST', { kind: 'money', dwellingId: w.dw.B[0], amountFen: 100 }),
      (w) => w.req(`/api/projects/${w.a.design}/pledges`, w.tokens.residentA, 'POST', { kind: 'money', dwellingId: w.dw.A[0], amountFen: 100 }),
    ),
  ),
  'GET /api/projects/:id/pledges': at((w) => `/api/projects/${w.b.design}/pledges`, 'residentB'),
  'POST /api/pledges/:id/confirm': probe<W, string>((t, w, id) => w.req(`/api/pledges/${id}/confirm`, t, 'POST', {}), {
    setup: (w) => w.fresh.pledgeB(false),
    control: 'committeeB',
  }),
  'POST /api/pledges/:id/fulfil': probe<W, string>((t, w, id) => w.req(`/api/pledges/${id}/fulfil`, t, 'POST', {}), {
    setup: (w) => w.fresh.pledgeB(true),
    control: 'committeeB',
  }),
  'POST /api/pledges/:id/cancel': probe<W, string>((t, w, id) => w.req(`/api/pledges/${id}/cancel`, t, 'POST', { reason: '不需要了' }), {
    setup: (w) => w.fresh.pledgeB(false),
    control: 'residentB',
  }),
  'GET /api/projects/:id/ledger': at((w) => `/api/projects/${w.b.design}/ledger`, 'residentB'),
  'GET /api/projects/:id/pledges/export.xlsx': probe<W>((t, w) => bin(w, `/api/projects/${w.b.design}/pledges/export.xlsx`, t), { control: 'committeeB' }),
  'GET /api/projects/:id/elevators/mine': at((w) => `/api/projects/${w.b.design}/elevators/mine`, 'residentB'),
  'PUT /api/projects/:id/elevators/:entranceCode': probes<W>(
    { call: (t, w) => w.req(`/api/projects/${w.b.design}/elevators/${B.entrance}`, t, 'PUT', elevator), control: 'committeeB' },
    {
      label: "A's project, B's entrance",
      call: (t, w) => w.req(`/api/projects/${w.a.design}/elevators/${B.entrance}`, t, 'PUT', elevator),
      refuse: [403, 404, 422],
    },
  ),
  'GET /api/projects/:id/elevators/:entranceCode': at((w) => `/api/projects/${w.b.design}/elevators/${B.entrance}`, 'residentB'),

  'PUT /api/projects/:id/ratings': probes<W>(
    { call: (t, w) => w.req(`/api/projects/${w.b.done}/ratings`, t, 'PUT', { dwellingId: w.dw.B[0], overall: 3 }), control: 'residentB' },
    intoA(
      "A's project, B's dwelling",
      (t, w) => w.req(`/api/projects/${w.a.done}/ratings`, t, 'PUT', { dwellingId: w.dw.B[0], overall: 3 }),
      (w) => w.req(`/api/projects/${w.a.done}/ratings`, w.tokens.residentA, 'PUT', { dwellingId: w.dw.A[0], overall: 3 }),
    ),
    intoA(
      "A's project, B's photo",
      (t, w) => w.req(`/api/projects/${w.a.done}/ratings`, t, 'PUT', { dwellingId: w.dw.A[0], overall: 3, photoFileId: w.b.ratingPhotoB }),
      async (w) =>
        w.req(`/api/projects/${w.a.done}/ratings`, w.tokens.residentA, 'PUT', {
          dwellingId: w.dw.A[0],
          overall: 3,
          photoFileId: ((await w.upload(`/api/projects/${w.a.done}/ratings/photos`, w.tokens.residentA)).body as Json).files[0].fileId,
        }),
    ),
  ),
  'POST /api/projects/:id/ratings/photos': probe<W>((t, w) => w.upload(`/api/projects/${w.b.done}/ratings/photos`, t), { control: 'residentB' }),
  'GET /api/projects/:id/ratings/mine': at((w) => `/api/projects/${w.b.done}/ratings/mine`, 'residentB'),
  'GET /api/projects/:id/ratings/summary': at((w) => `/api/projects/${w.b.done}/ratings/summary`, 'residentB'),
  'GET /api/projects/:id/ratings/export.xlsx': probe<W>((t, w) => bin(w, `/api/projects/${w.b.done}/ratings/export.xlsx`, t), { control: 'streetB' }),
};

const scoped = (path: string): Fixture<W> => probe<W>((t, w) => (path.includes('.xlsx') ? bin(w, path, t) : w.req(path, t)), { control: 'countyB' });
export const evaluationFixtures: Record<string, Fixture<W>> = {
  'GET /api/evaluation/settings': exempt('全局设置：不涉及小区对象'),
  'PUT /api/evaluation/settings': exempt('全局设置：只有管理员可改（projects.authz 已测）'),
  'GET /api/evaluation/projects/:id': at((w) => `/api/evaluation/projects/${w.b.done}`, 'residentB'),
  'GET /api/evaluation/projects/:id/export.xlsx': probe<W>((t, w) => bin(w, `/api/evaluation/projects/${w.b.done}/export.xlsx`, t), { control: 'residentB' }),
  'GET /api/evaluation/rollup': scoped(`/api/evaluation/rollup?scope=${B.county}&level=county`),
  'GET /api/evaluation/rollup/export.xlsx': scoped(`/api/evaluation/rollup/export.xlsx?scope=${B.county}&level=county`),
  'GET /api/evaluation/ranking': scoped(`/api/evaluation/ranking?scope=${B.county}`),
  'GET /api/evaluation/ranking/export.xlsx': scoped(`/api/evaluation/ranking/export.xlsx?scope=${B.county}`),
  'GET /api/evaluation/candidates': scoped(`/api/evaluation/candidates?scope=${B.county}`),
  'GET /api/evaluation/candidates/export.xlsx': scoped(`/api/evaluation/candidates/export.xlsx?scope=${B.county}`),
  'GET /api/evaluation/export.xlsx': scoped(`/api/evaluation/export.xlsx?scope=${B.county}`),
  'GET /api/evaluation/dashboard': scoped(`/api/evaluation/dashboard?scope=${B.county}`),
  'GET /api/evaluation/report': scoped(`/api/evaluation/report?scope=${B.county}`),
};
