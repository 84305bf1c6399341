// Two complexes in different streets and counties, with objects of every kind in B, built through the real APIs
// (areas, dwellings and users straight to the models, as the other authz suites do).
import { createUser, bind, pendingProxy } from './identity';
import { PNG_BYTES, upload } from './notices';
import { cast, closeVote, openVote, shortLeadTime, waitAnnounced, yes } from './consultations';
import type { Token } from './authzMatrix';
import type { TestServer } from './server';
import type { FakeWechat } from './fakeWechat';
import type { ProbeWorld, Res } from './crossComplexProbes';
import { person, seedWorld, type Person } from '../api/projects.helpers';
import { decidedHowVote } from './decidedVote';
import { alertOwners } from '../../server/src/roster/alerts';
import { UserAlerts } from '../../server/src/identity/alerts/model';
import type { Json } from './json';

/** A = complex X (K1 ▸ S1 ▸ C1), B = complex Z (K2 ▸ S2 ▸ C2): another county, street and community. */
export const A = { complex: 'X', building: 'XB1', entrance: 'XU1', community: 'C1', street: 'S1', county: 'K1' } as const;
export const B = { complex: 'Z', building: 'ZB1', entrance: 'ZU1', community: 'C2', street: 'S2', county: 'K2' } as const;

export interface CrossWorld extends ProbeWorld {
  s: TestServer;
  /** The fake WeChat server the test server talks to (phone codes for 手机号快速验证). */
  wx?: FakeWechat;
  req: (path: string, token: Token, method?: string, body?: unknown) => Promise<Res>;
  upload: (path: string, token: Token) => Promise<Res>;
  who: Record<string, Person>;
  dw: { A: string[]; B: string[] };
  /** B's objects (ids). */
  b: Record<string, string>;
  /** A's own objects, for body-ID probes (A's route, B's id in the body). */
  a: Record<string, string>;
  fresh: {
    draftB: () => Promise<string>;
    noticeB: () => Promise<string>;
    projectB: () => Promise<string>;
    pledgeB: (confirmed: boolean) => Promise<string>;
    claimB: () => Promise<string>;
    bindingB: () => Promise<string>;
    proxyB: () => Promise<string>;
    objectionB: () => Promise<{ id: string; oid: string }>;
    /** An open owner alert of residentB (someone registered a proxy on B's dwelling): only residentB may answer it. */
    alertB: () => Promise<string>;
  };
}

let year = 2050;
const must = (r: Res, what: string, status = [200, 201]) => {
  if (!status.includes(r.status)) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body as Json;
};

export async function buildCrossWorld(s: TestServer, wx?: FakeWechat): Promise<CrossWorld> {
  const req: CrossWorld['req'] = (path, token, method = 'GET', body) => s.api(path, { method, body, token });
  const up: CrossWorld['upload'] = (path, token) => upload(s, path, token ?? '', { bytes: PNG_BYTES, name: 'a.png', type: 'image/png' });
  const w = await seedWorld();
  const dw = { A: w.X, B: w.Z };
  const who: Record<string, Person> = {
    residentA: await person('甲住户', { dwellings: [dw.A[0]] }),
    committeeA: await person('甲业委会', { grants: [{ role: 'committee', scope: A.complex }] }),
    communityA: await person('甲社区', { grants: [{ role: 'community_worker', scope: A.community }] }),
    streetA: await person('甲街道', { grants: [{ role: 'street_staff', scope: A.street }] }),
    countyA: await person('甲区县', { grants: [{ role: 'county_official', scope: A.county }] }),
    residentB: await person('乙住户', { dwellings: [dw.B[0]] }),
    committeeB: await person('乙业委会', { grants: [{ role: 'committee', scope: B.complex }] }),
    streetB: await person('乙街道', { grants: [{ role: 'street_staff', scope: B.street }] }),
    countyB: await person('乙区县', { grants: [{ role: 'county_official', scope: B.county }] }),
    admin: await person('管理员', { grants: [{ role: 'admin', scope: 'root' }] }),
  };
  const tk = (k: string) => who[k].token;
  await shortLeadTime(s, tk('admin'));

  const vote = (side: 'A' | 'B') => ({
    kind: 'whether',
    title: `${side}加装电梯`,
    complexCode: side === 'A' ? A.complex : B.complex,
    electorate: { level: 'entrance', entranceCode: side === 'A' ? A.entrance : B.entrance },
    covenant: { enabled: true, clauseText: '规约第十二条' },
  });
  const future = (h: number) => new Date(Date.now() + h * 3600e3).toISOString();
  const draft = async (side: 'A' | 'B', token: string) =>
    must(await req('/api/consultations', token, 'POST', { ...vote(side), opensAt: future(1), closesAt: future(48) }), 'draft').id as string;
  const project = async (complexCode: string, token: string) =>
    must(await req('/api/projects', token, 'POST', { complexCode, year: year++ }), 'project').id as string;
  const driven = async (complexCode: string, token: string, until: 'design' | 'construction' | 'acceptance') => {
    const id = await project(complexCode, token);
    const go = async (to: string) => must(await req(`/api/projects/${id}/transitions`, token, 'POST', { to }), `→${to}`);
    await go('annual_plan');
    await go('design');
    const item = must(
      await req(`/api/projects/${id}/items`, token, 'PUT', { items: [{ category: 'basic', name: '屋面', quantity: 1, unit: '项', budgetFen: 100 }] }),
      'items',
    ).items[0].id as string;
    must(await req(`/api/projects/${id}/funding`, token, 'PUT', { centralSubsidyFen: 100 }), 'funding');
    if (until !== 'design') {
      await decidedHowVote(id);
      await go('publicity');
      await go('construction');
    }
    if (until === 'acceptance') {
      must(
        await req(`/api/projects/${id}/acceptance`, token, 'PUT', { date: '2025-01-01', passed: true, participants: [{ unit: '住建局', role: '主管' }] }),
        'acceptance',
      );
      await go('acceptance');
    }
    return { id, item };
  };
  const notice = async (code: string, token: string) =>
    must(
      await req('/api/notices', token, 'POST', { kind: 'plan_publicity', audience: { type: 'area', code }, title: `${code}公示`, body: '<p>内容</p>' }),
      'notice',
    ).id as string;
  const pledge = async (projectId: string, confirmed: boolean) => {
    const id = must(await req(`/api/projects/${projectId}/pledges`, tk('residentB'), 'POST', { kind: 'money', dwellingId: dw.B[0], amountFen: 100 }), 'pledge')
      .id as string;
    if (confirmed) must(await req(`/api/pledges/${id}/confirm`, tk('committeeB'), 'POST', {}), 'confirm');
    return id;
  };

  // B: votes (open with a ballot and receipt, closed), notice with an objection, projects at three stages, pledges, files.
  const openB = await openVote(s, tk('committeeB'), vote('B'));
  const receiptB = must(await cast(s, tk('residentB'), openB, dw.B[0], yes()), 'ballot').receiptCode as string;
  const closedB = await openVote(s, tk('committeeB'), vote('B'));
  must(await cast(s, tk('residentB'), closedB, dw.B[0], yes()), 'ballot');
  await closeVote(s, tk('committeeB'), closedB);
  await waitAnnounced(s, tk('committeeB'), closedB);
  const noticeB = await notice(B.complex, tk('committeeB'));
  const objectionB = must(await req(`/api/notices/${noticeB}/objections`, tk('residentB'), 'POST', { text: '乙的意见' }), 'objection').id as string;
  const designB = await driven(B.complex, tk('streetB'), 'design');
  const buildB = await driven(B.complex, tk('streetB'), 'construction');
  const doneB = await driven(B.complex, tk('streetB'), 'acceptance');
  const fileB = must(await up(`/api/projects/${buildB.id}/files`, tk('streetB')), 'file').files[0].fileId as string;
  const attachmentB = must(await up('/api/notices/attachments', tk('committeeB')), 'attachment').fileId as string;
  const objPhotoB = must(await up(`/api/notices/${noticeB}/objection-photos`, tk('residentB')), 'objection photo').fileId as string;
  const ratingPhotoB = must(await up(`/api/projects/${doneB.id}/ratings/photos`, tk('residentB')), 'rating photo').files[0].fileId as string;
  must(await req(`/api/projects/${doneB.id}/ratings`, tk('residentB'), 'PUT', { dwellingId: dw.B[0], overall: 4 }), 'rating');
  const pledgeB = await pledge(designB.id, false);

  // A: the objects an actor of A may legitimately act on, into which the body-ID probes put B's ids.
  const openA = await openVote(s, tk('committeeA'), vote('A'));
  const designA = await driven(A.complex, tk('streetA'), 'design');
  const buildA = await driven(A.complex, tk('streetA'), 'construction');
  const doneA = await driven(A.complex, tk('streetA'), 'acceptance');
  const noticeA = await notice(A.complex, tk('committeeA'));

  const b = {
    openB,
    closedB,
    receiptB,
    noticeB,
    objectionB,
    design: designB.id,
    build: buildB.id,
    buildItem: buildB.item,
    done: doneB.id,
    fileB,
    attachmentB,
    objPhotoB,
    ratingPhotoB,
    pledgeB,
    committeeB: who.committeeB.id,
    residentB: who.residentB.id,
  };
  const unset = Object.entries(b)
    .filter(([, v]) => typeof v !== 'string')
    .map(([k]) => k);
  if (unset.length) throw new Error(`world: no id for ${unset.join(', ')}`);
  const a = { openA, design: designA.id, build: buildA.id, buildItem: buildA.item, done: doneA.id, noticeA };
  const fresh: CrossWorld['fresh'] = {
    draftB: () => draft('B', tk('committeeB')),
    noticeB: () => notice(B.complex, tk('committeeB')),
    projectB: () => project(B.complex, tk('streetB')),
    pledgeB: (confirmed) => pledge(designB.id, confirmed),
    claimB: async () => bind((await createUser()).id, dw.B[1], 'owner', 'pending'),
    bindingB: async () => bind((await createUser()).id, dw.B[2], 'tenant', 'active'),
    proxyB: async () => pendingProxy(dw.B[0], (await createUser()).id, who.residentB.id),
    alertB: async () => {
      const uid = (await createUser()).id;
      const subjectId = await pendingProxy(dw.B[0], uid, uid);
      await alertOwners({ dwellingId: dw.B[0], subjectType: 'proxy', subjectId, subjectUserId: uid, relation: 'proxy', actorId: uid });
      const item = (await UserAlerts.findById(who.residentB.id).lean())?.items.find((i) => i.subjectId === subjectId);
      if (!item) throw new Error('world: no owner alert for residentB');
      return item.id;
    },
    objectionB: async () => {
      const id = await notice(B.complex, tk('committeeB'));
      return { id, oid: must(await req(`/api/notices/${id}/objections`, tk('residentB'), 'POST', { text: '意见' }), 'objection').id as string };
    },
  };
  const actorsA: Record<string, Token> = { anon: undefined };
  for (const k of ['residentA', 'committeeA', 'communityA', 'streetA', 'countyA']) actorsA[k] = tk(k);
  const tokens = Object.fromEntries(Object.entries(who).map(([k, p]) => [k, p.token]));
  const leaks = [...Object.values(b).filter((v) => v.length >= 8), ...dw.B, '乙住户', '乙的意见', 'B加装电梯', `${B.complex}公示`];
  return { s, wx, req, upload: up, who, dw, b, a, fresh, actorsA, tokens, leaks };
}
