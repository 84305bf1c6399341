import { Types } from 'mongoose';
import { io as ioc, type Socket } from 'socket.io-client';
import { Area, Dwelling } from '../../server/src/roster/model';
import { Binding, ProxyAuth } from '../../server/src/roster/bindingModel';
import type { Grant } from '../../server/src/platform/http/route';
import { createUser } from './identity';
import type { TestServer } from './server';
import type { Json } from './json';

/**
 * A small world for consultation tests written through the identity/roster models (the scenario test uses the
 * real roster import and WeChat login instead). Codes: region R ▸ P ▸ K ▸ street S ▸ community C ▸ complex Q,
 * buildings QB1/QB2 with entrances QB1U1, QB1U2, QB2U1; and a second complex Z (ZB1U1).
 */
const CHAIN = [
  { code: 'R', level: 'region', parentCode: null },
  { code: 'P', level: 'prefecture', parentCode: 'R' },
  { code: 'K', level: 'county', parentCode: 'P' },
  { code: 'S', level: 'street', parentCode: 'K' },
  { code: 'C', level: 'community', parentCode: 'S' },
  { code: 'Q', level: 'complex', parentCode: 'C' },
  { code: 'QB1', level: 'building', parentCode: 'Q' },
  { code: 'QB1U1', level: 'entrance', parentCode: 'QB1' },
  { code: 'QB1U2', level: 'entrance', parentCode: 'QB1' },
  { code: 'QB2', level: 'building', parentCode: 'Q' },
  { code: 'QB2U1', level: 'entrance', parentCode: 'QB2' },
  { code: 'Z', level: 'complex', parentCode: 'C' },
  { code: 'ZB1', level: 'building', parentCode: 'Z' },
  { code: 'ZB1U1', level: 'entrance', parentCode: 'ZB1' },
] as const;

export async function seedAreas(): Promise<Record<string, string[]>> {
  const paths: Record<string, string[]> = {};
  for (const a of CHAIN) {
    paths[a.code] = [...(a.parentCode ? paths[a.parentCode] : []), a.code];
    await Area.create({ ...a, name: `区域${a.code}`, path: paths[a.code] });
  }
  return paths;
}

export interface DwellingSpec {
  entrance: string;
  room: string;
  floor?: number;
  area: number;
  key?: string;
  developer?: boolean;
}

/** Inserts dwellings (area in hundredths); headcountKey defaults to one per dwelling. */
export async function seedDwellings(paths: Record<string, string[]>, specs: DwellingSpec[]): Promise<string[]> {
  const docs = specs.map((d) => {
    const path = paths[d.entrance];
    const [complexCode, buildingCode] = path.slice(-3, -1);
    return {
      complexCode,
      buildingCode,
      entranceCode: d.entrance,
      areaPath: path,
      buildingName: `${buildingCode.slice(1)}栋`,
      entranceName: `${d.entrance.slice(-1)}单元`,
      room: d.room,
      floor: d.floor ?? Number(d.room.slice(0, -2)),
      areaHundredths: d.area,
      areaSource: 'registered',
      developerHeld: !!d.developer,
      headcountKey: d.developer ? `developer:${complexCode}` : (d.key ?? `unit:${d.entrance}-${d.room}`),
      owners: [{ name: '业主', nameKey: `n${d.room}` }],
    };
  });
  const created = await Dwelling.insertMany(docs);
  return created.map((d) => String(d._id));
}

export interface Person {
  id: string;
  token: string;
}

/** A user with grants, owner bindings, other bindings and approved proxies, written through the models. */
export async function person(opts: { grants?: Grant[]; owns?: string[]; tenantOf?: string[]; familyOf?: string[]; proxyFor?: string[] } = {}): Promise<Person> {
  const u = await createUser({ grants: opts.grants });
  const uid = new Types.ObjectId(u.id);
  const bind = async (ids: string[] | undefined, relation: 'owner' | 'tenant' | 'family') => {
    for (const id of ids ?? []) {
      const d = await Dwelling.findById(id).lean();
      await Binding.create({
        userId: uid,
        dwellingId: new Types.ObjectId(id),
        relation,
        status: 'active',
        matched: true,
        complexCode: d!.complexCode,
        areaPath: d!.areaPath,
      });
    }
  };
  await bind(opts.owns, 'owner');
  await bind(opts.tenantOf, 'tenant');
  await bind(opts.familyOf, 'family');
  for (const id of opts.proxyFor ?? []) {
    const d = await Dwelling.findById(id).lean();
    await ProxyAuth.create({
      dwellingId: new Types.ObjectId(id),
      proxyUserId: uid,
      registeredBy: u.id,
      documentFileId: new Types.ObjectId().toHexString(),
      status: 'approved',
      complexCode: d!.complexCode,
      areaPath: d!.areaPath,
    });
  }
  return { id: u.id, token: u.token };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function waitFor<T>(fn: () => Promise<T | undefined | null | false>, what: string, timeoutMs = 15_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v as T;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

/** Lets tests schedule votes seconds ahead (the default floor is 15 days). */
export async function shortLeadTime(s: TestServer, adminToken: string) {
  const r = await s.api('/api/consultation-settings', { method: 'PUT', token: adminToken, body: { minLeadTimeHours: 0, defaultLeadTimeHours: 0 } });
  if (r.status !== 200) throw new Error(`settings: ${r.status} ${JSON.stringify(r.body)}`);
}

/** Creates a draft, schedules it to open in ~1 s and waits until the scheduler has opened it. */
export async function openVote(s: TestServer, token: string, body: Record<string, unknown>, opts: { openInMs?: number; closeInMs?: number } = {}) {
  const opensAt = new Date(Date.now() + (opts.openInMs ?? 1200));
  const closesAt = new Date(opensAt.getTime() + (opts.closeInMs ?? 3600_000));
  const created = await s.api('/api/consultations', {
    token,
    body: { leadTimeHours: 0, opensAt: opensAt.toISOString(), closesAt: closesAt.toISOString(), ...body },
  });
  if (created.status !== 201) throw new Error(`create: ${created.status} ${JSON.stringify(created.body)}`);
  const id = created.body.id as string;
  let sch = await s.api(`/api/consultations/${id}/schedule`, { token, method: 'POST' });
  if (sch.status === 422 && sch.body?.error?.code === 'LEAD_TIME_TOO_SHORT') {
    // A busy machine took longer than the lead time between create and schedule: move the window and try once more.
    const later = new Date(Date.now() + (opts.openInMs ?? 1200));
    await s.api(`/api/consultations/${id}`, {
      token,
      method: 'PATCH',
      body: { opensAt: later.toISOString(), closesAt: new Date(later.getTime() + (opts.closeInMs ?? 3600_000)).toISOString() },
    });
    sch = await s.api(`/api/consultations/${id}/schedule`, { token, method: 'POST' });
  }
  if (sch.status !== 200) throw new Error(`schedule: ${sch.status} ${JSON.stringify(sch.body)}`);
  // The scheduler's tick on a loaded CI machine (three test files, schemathesis and FerretDB on two cores) can take a while.
  await waitFor(async () => (await s.api(`/api/consultations/${id}`, { token })).body.status === 'open', 'the vote to open', 30_000);
  return id;
}

export function cast(s: TestServer, token: string, id: string, dwellingId: string, answers: unknown[], key?: string) {
  return s.api(`/api/consultations/${id}/ballots`, { token, body: { dwellingId, answers }, headers: key ? { 'idempotency-key': key } : {} });
}

export const yes = (questionId = 'renovate') => [{ questionId, choice: 'approve' }];
export const no = (questionId = 'renovate') => [{ questionId, choice: 'reject' }];

export const PNG_1PX = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

/** Multipart paper ballot, like the committee's mini-program page: fields plus the `photo` file. */
export async function paperBallot(s: TestServer, token: string, id: string, dwellingId: string, answers: unknown[], photo: Buffer | null = PNG_1PX) {
  const form = new FormData();
  form.append('dwellingId', dwellingId);
  form.append('answers', JSON.stringify(answers));
  if (photo) form.append('photo', new Blob([new Uint8Array(photo)]), '表决票.png');
  const res = await fetch(`${s.url}/api/consultations/${id}/paper-ballots`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  const text = await res.text();
  let body: Json = text;
  try {
    body = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: res.status, body };
}

export async function closeVote(s: TestServer, token: string, id: string) {
  const r = await s.api(`/api/consultations/${id}/close`, { token, body: { reason: '投票户数已全部统计' } });
  if (r.status !== 200) throw new Error(`close: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

export async function waitAnnounced(s: TestServer, token: string, id: string) {
  return waitFor(async () => {
    const r = await s.api(`/api/consultations/${id}`, { token });
    return r.body.status === 'announced' ? r.body : null;
  }, 'the result announcement');
}

export async function socketClient(s: TestServer, token: string): Promise<Socket> {
  const sock = ioc(s.url, { path: '/socket.io', transports: ['websocket'], auth: { token }, reconnection: false });
  await new Promise<void>((resolve, reject) => {
    sock.once('connect', () => resolve());
    sock.once('connect_error', reject);
  });
  return sock;
}

export function join(sock: Socket, room: string): Promise<{ ok: boolean }> {
  return new Promise((resolve) => sock.emit('join', room, (r: { ok: boolean }) => resolve(r)));
}
