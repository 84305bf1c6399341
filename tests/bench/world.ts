import mongoose, { Types } from 'mongoose';
import type { Document } from 'mongodb';
import { LoadClient, mintAccessToken, sessionDoc, type Res } from '../support/loadClient';
import { sleep } from '../support/faultDb';
import { formatArea } from '../../server/src/roster/workbook';

/**
 * Setup for benchmarks and fault tests, written straight into the collections through the domain models' shapes
 * (setup is not what is measured): an area chain, a complex with N dwellings in buildings of 100, one owner per
 * dwelling with an active binding, a committee member and an administrator. Then a vote is opened through the real
 * API (settings → draft → schedule → the scheduler opens it).
 */
export interface VoterWorld {
  complexCode: string;
  dwellingIds: string[];
  voterIds: string[];
  voterTokens: string[];
  committeeId: string;
  committeeToken: string;
  adminId: string;
  adminToken: string;
}

const CHUNK = 1000;
async function insertChunks(coll: string, docs: Document[]) {
  const c = mongoose.connection.db!.collection(coll);
  for (let i = 0; i < docs.length; i += CHUNK) await c.insertMany(docs.slice(i, i + CHUNK), { ordered: false });
}

/** Needs mongoose connected (in-process server, or `mongoose.connect` to the child server's database). */
export async function seedVoters(opts: {
  complexCode: string;
  dwellings: number;
  secret: string;
  voters?: boolean;
  perBuilding?: number;
}): Promise<VoterWorld> {
  const code = opts.complexCode;
  const chain = ['XZ', 'XZ-LS', 'XZ-LS-CG', 'XZ-LS-CG-S1', 'XZ-LS-CG-S1-C1'];
  const levels = ['region', 'prefecture', 'county', 'street', 'community'];
  const areas = mongoose.connection.db!.collection('areas');
  const now = new Date();
  for (let i = 0; i < chain.length; i++) {
    await areas.updateOne(
      { code: chain[i] },
      {
        $setOnInsert: {
          code: chain[i],
          level: levels[i],
          name: `区域${i}`,
          parentCode: chain[i - 1] ?? null,
          path: chain.slice(0, i + 1),
          rosterApplying: null,
          createdAt: now,
          updatedAt: now,
        },
      },
      { upsert: true },
    );
  }
  const cPath = [...chain, code];
  await areas.updateOne(
    { code },
    {
      $setOnInsert: {
        code,
        level: 'complex',
        name: `压测小区${code}`,
        parentCode: chain[chain.length - 1],
        path: cPath,
        rosterApplying: null,
        createdAt: now,
        updatedAt: now,
      },
    },
    { upsert: true },
  );
  const per = opts.perBuilding ?? 100;
  const buildings = Math.ceil(opts.dwellings / per);
  const areaDocs: Document[] = [];
  for (let b = 1; b <= buildings; b++) {
    const bc = `${code}-B${b}`;
    areaDocs.push({
      code: bc,
      level: 'building',
      name: `${b}栋`,
      parentCode: code,
      path: [...cPath, bc],
      rosterApplying: null,
      createdAt: now,
      updatedAt: now,
    });
    areaDocs.push({
      code: `${bc}-U1`,
      level: 'entrance',
      name: '1单元',
      parentCode: bc,
      path: [...cPath, bc, `${bc}-U1`],
      rosterApplying: null,
      createdAt: now,
      updatedAt: now,
    });
  }
  await insertChunks('areas', areaDocs);
  const dwellings: Document[] = [];
  for (let i = 0; i < opts.dwellings; i++) {
    const b = Math.floor(i / per) + 1;
    const bc = `${code}-B${b}`;
    const room = `${Math.floor((i % per) / 4) + 1}0${(i % 4) + 1}`;
    dwellings.push({
      _id: new Types.ObjectId(),
      complexCode: code,
      buildingCode: bc,
      entranceCode: `${bc}-U1`,
      areaPath: [...cPath, bc, `${bc}-U1`],
      buildingName: `${b}栋`,
      entranceName: '1单元',
      room,
      floor: Math.floor((i % per) / 4) + 1,
      areaHundredths: 6000 + (i % 50) * 100,
      areaSource: 'registered',
      propertyType: '商品房',
      developerHeld: false,
      owners: [{ name: `业主${i}`, nameKey: `业主${i}` }],
      headcountKey: `hc:${code}:${i}`,
      createdAt: now,
      updatedAt: now,
    });
  }
  await insertChunks('dwellings', dwellings);
  const mkUser = (name: string, grants: { role: string; scope: string; scopePath: string[] }[] = []) => ({
    _id: new Types.ObjectId(),
    displayName: name,
    grants,
    grantsVersion: 0,
    lang: 'zh',
    subscribe: { notices: false },
    privacy: { agreedAt: now, version: '2026-11' },
    createdAt: now,
    updatedAt: now,
  });
  const committee = mkUser('业委会', [{ role: 'committee', scope: code, scopePath: cPath }]);
  const admin = mkUser('管理员', [{ role: 'admin', scope: 'root', scopePath: ['root'] }]);
  const voters = opts.voters === false ? [] : dwellings.map((_, i) => mkUser(`居民${i}`));
  await insertChunks('users', [committee, admin, ...voters]);
  const bindingIds = voters.map(() => new Types.ObjectId());
  await insertChunks(
    'bindings',
    voters.map((u, i) => ({
      _id: bindingIds[i],
      userId: u._id,
      dwellingId: dwellings[i]._id,
      relation: 'owner',
      status: 'active',
      matched: true,
      complexCode: code,
      areaPath: dwellings[i].areaPath,
      createdAt: now,
      updatedAt: now,
    })),
  );
  // What approving those bindings writes too: each voter's rights document (roster/rights.ts) with its view, read by
  // `_id` on every request. Without it (or its view) every first request of a voter recomputes it from `bindings`
  // (two scans): a cast burst of fresh voters measured that, not casting.
  await insertChunks(
    'user_dwellings',
    voters.map((u, i) => {
      const d = dwellings[i];
      return {
        _id: u._id,
        bindings: [
          { dwellingId: String(d._id), relation: 'owner', complexCode: code, areaPath: d.areaPath, buildingCode: d.buildingCode, entranceCode: d.entranceCode },
        ],
        proxies: [],
        view: {
          bindings: [
            {
              id: String(bindingIds[i]),
              dwellingId: String(d._id),
              relation: 'owner',
              status: 'active',
              strength: null,
              reviewReason: null,
              reason: null,
              createdAt: now.toISOString(),
              decidedAt: null,
              label: {
                dwellingId: String(d._id),
                complexCode: code,
                complexName: `压测小区${code}`,
                buildingName: d.buildingName,
                entranceName: d.entranceName,
                room: d.room,
                floor: d.floor,
                area: formatArea(d.areaHundredths),
              },
            },
          ],
          proxies: [],
        },
        version: 1,
        computedAt: now,
        checkedAt: now,
      };
    }),
  );
  // Staff have one too (no dwellings), written by their first request: the committee's first verify must not pay it.
  await insertChunks(
    'user_dwellings',
    [committee, admin].map((u) => ({
      _id: u._id,
      bindings: [],
      proxies: [],
      view: { bindings: [], proxies: [] },
      version: 1,
      computedAt: now,
      checkedAt: now,
    })),
  );
  await insertChunks(
    'sessions',
    [...voters, committee, admin].map((u) => sessionDoc(u._id, 6 * 3600)),
  );
  const tok = (u: { _id: Types.ObjectId }) => mintAccessToken(String(u._id), opts.secret, 6 * 3600);
  return {
    complexCode: code,
    dwellingIds: dwellings.map((d) => String(d._id)),
    voterIds: voters.map((u) => String(u._id)),
    voterTokens: voters.map((u) => tok(u)),
    committeeId: String(committee._id),
    committeeToken: tok(committee),
    adminId: String(admin._id),
    adminToken: tok(admin),
  };
}

/** A setup request: retried while the server answers 503 (a loaded FerretDB can exceed the socket timeout). */
async function must(send: () => Promise<Res>, what: string, status = [200, 201]) {
  let r = await send();
  for (let k = 0; k < 5 && (r.status === 503 || r.status === 0); k++) {
    await sleep(2000);
    r = await send();
  }
  if (!status.includes(r.status)) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)?.slice(0, 400)} ${r.error ?? ''}`);
  return r.body;
}

/**
 * A yes/no vote ("whether") over the whole complex, opened by the scheduler (JOBS on) or by `open` when given
 * right after scheduling (see openDirect.ts: large electorates, or JOBS=false). `closesInMs` sets the deadline.
 */
export async function openVote(
  client: LoadClient,
  w: VoterWorld,
  opts: { closesInMs?: number; title?: string; open?: (id: string) => Promise<unknown>; openTimeoutMs?: number; leadMs?: number } = {},
) {
  await must(
    () => client.request('PUT', '/api/consultation-settings', { body: { minLeadTimeHours: 0, defaultLeadTimeHours: 0 }, token: w.adminToken }),
    'settings',
  );
  // Far enough ahead that create + schedule finish before it (schedule refuses an opensAt in the past).
  const opensAt = new Date(Date.now() + (opts.leadMs ?? 3000));
  const created = await must(
    () =>
      client.post(
        '/api/consultations',
        {
          kind: 'whether',
          title: opts.title ?? '是否同意实施老旧小区改造',
          complexCode: w.complexCode,
          electorate: { level: 'complex' },
          leadTimeHours: 0,
          opensAt: opensAt.toISOString(),
          closesAt: new Date(Date.now() + (opts.closesInMs ?? 3600_000)).toISOString(),
        },
        w.committeeToken,
      ),
    'create consultation',
  );
  const id: string = created.id;
  // A busy database can make create + schedule outlast the lead: move the window (the draft may still change) and retry.
  for (let k = 0; ; k++) {
    const r = await client.post(`/api/consultations/${id}/schedule`, {}, w.committeeToken);
    if (r.status === 200) break;
    if (k >= 3 || r.status !== 422 || r.body?.error?.code !== 'LEAD_TIME_TOO_SHORT') await must(() => Promise.resolve(r), 'schedule');
    const later = new Date(Date.now() + 2 * (opts.leadMs ?? 3000));
    await must(
      () =>
        client.request('PATCH', `/api/consultations/${id}`, {
          body: { opensAt: later.toISOString(), closesAt: new Date(later.getTime() + (opts.closesInMs ?? 3600_000)).toISOString() },
          token: w.committeeToken,
        }),
      'move the window',
    );
  }
  const questionId: string = created.questions[0].id;
  const deadline = Date.now() + (opts.openTimeoutMs ?? 120_000);
  if (opts.open) await opts.open(id);
  for (;;) {
    // Read the status from the database when we can: on a loaded FerretDB the API's access checks alone can take seconds.
    const v =
      mongoose.connection.readyState === 1
        ? { body: await mongoose.connection.db!.collection('consultations').findOne({ _id: new Types.ObjectId(id) }, { projection: { status: 1 } }) }
        : await client.get(`/api/consultations/${id}`, w.committeeToken);
    if (v.body?.status === 'open' && Date.now() >= opensAt.getTime()) break;
    if (Date.now() > deadline) throw new Error(`consultation ${id} did not open: ${JSON.stringify(v.body)?.slice(0, 300)}`);
    await sleep(Math.max(50, Math.min(500, opensAt.getTime() - Date.now())));
  }
  return { id, questionId };
}

export const ballot = (dwellingId: string, questionId: string, choice: 'approve' | 'reject' | 'abstain') => ({ dwellingId, answers: [{ questionId, choice }] });
export const choiceFor = (i: number): 'approve' | 'reject' | 'abstain' => (i % 10 < 7 ? 'approve' : i % 10 < 9 ? 'reject' : 'abstain');
