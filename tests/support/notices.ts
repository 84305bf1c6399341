import { Types } from 'mongoose';
import { io as ioc, type Socket } from 'socket.io-client';
import { Area, Dwelling } from '../../server/src/roster/model';
import { Binding } from '../../server/src/roster/bindingModel';
import { User } from '../../server/src/identity/model';
import { issueTokens } from '../../server/src/identity/tokens';
import type { Grant } from '../../server/src/platform/http/route';
import type { TestServer } from './server';
import type { FakeWechat } from './fakeWechat';
import type { Json } from './json';

/**
 * A small world for notice tests, written through the identity/roster models:
 * street S1 ▸ community C1 ▸ complexes X (buildings XB1 with entrance XB1U1, XB2 with XB2U1) and Y (YB1/YB1U1).
 * X has 3 dwellings in XB1 and 2 in XB2; Y has one.
 */
export const AREAS = [
  { code: 'R', level: 'region', parentCode: null, path: ['R'] },
  { code: 'P1', level: 'prefecture', parentCode: 'R', path: ['R', 'P1'] },
  { code: 'K1', level: 'county', parentCode: 'P1', path: ['R', 'P1', 'K1'] },
  { code: 'S1', level: 'street', parentCode: 'K1', path: ['R', 'P1', 'K1', 'S1'] },
  { code: 'C1', level: 'community', parentCode: 'S1', path: ['R', 'P1', 'K1', 'S1', 'C1'] },
  { code: 'X', level: 'complex', parentCode: 'C1', path: ['R', 'P1', 'K1', 'S1', 'C1', 'X'] },
  { code: 'XB1', level: 'building', parentCode: 'X', path: ['R', 'P1', 'K1', 'S1', 'C1', 'X', 'XB1'] },
  { code: 'XB1U1', level: 'entrance', parentCode: 'XB1', path: ['R', 'P1', 'K1', 'S1', 'C1', 'X', 'XB1', 'XB1U1'] },
  { code: 'XB2', level: 'building', parentCode: 'X', path: ['R', 'P1', 'K1', 'S1', 'C1', 'X', 'XB2'] },
  { code: 'XB2U1', level: 'entrance', parentCode: 'XB2', path: ['R', 'P1', 'K1', 'S1', 'C1', 'X', 'XB2', 'XB2U1'] },
  { code: 'Y', level: 'complex', parentCode: 'C1', path: ['R', 'P1', 'K1', 'S1', 'C1', 'Y'] },
  { code: 'YB1', level: 'building', parentCode: 'Y', path: ['R', 'P1', 'K1', 'S1', 'C1', 'Y', 'YB1'] },
  { code: 'YB1U1', level: 'entrance', parentCode: 'YB1', path: ['R', 'P1', 'K1', 'S1', 'C1', 'Y', 'YB1', 'YB1U1'] },
] as const;

const DWELLINGS = [
  { key: 'x101', entrance: 'XB1U1', room: '101', floor: 1 },
  { key: 'x102', entrance: 'XB1U1', room: '102', floor: 1 },
  { key: 'x201', entrance: 'XB1U1', room: '201', floor: 2 },
  { key: 'x2101', entrance: 'XB2U1', room: '101', floor: 1 },
  { key: 'x2102', entrance: 'XB2U1', room: '102', floor: 1 },
  { key: 'y101', entrance: 'YB1U1', room: '101', floor: 1 },
] as const;
export type DwellingKey = (typeof DWELLINGS)[number]['key'];

export interface Person {
  id: string;
  token: string;
  openid: string | null;
}

const areaOf = (code: string) => AREAS.find((a) => a.code === code)!;

export async function seedAreasAndDwellings(): Promise<Record<DwellingKey, string>> {
  await Area.insertMany(AREAS.map((a) => ({ ...a, name: `区域${a.code}` })));
  const ids = {} as Record<DwellingKey, string>;
  for (const d of DWELLINGS) {
    const entrance = areaOf(d.entrance);
    const [complexCode, buildingCode] = entrance.path.slice(-3, -1);
    const doc = await Dwelling.create({
      complexCode,
      buildingCode,
      entranceCode: entrance.code,
      areaPath: [...entrance.path],
      buildingName: `${buildingCode}号楼`,
      entranceName: '1单元',
      room: d.room,
      floor: d.floor,
      areaHundredths: 8000,
      areaSource: 'registered',
      headcountKey: `hc:${d.key}`,
      owners: [{ name: `业主${d.key}`, nameKey: d.key }],
    });
    ids[d.key] = String(doc._id);
  }
  return ids;
}

/** A user with grants and/or active bindings, with a real identity session (access token). */
export async function makePerson(opts: {
  name: string;
  grants?: Grant[];
  dwellings?: string[];
  openid?: string | null;
  subscribe?: boolean;
  lang?: 'zh' | 'bo';
}): Promise<Person> {
  const grants = (opts.grants ?? []).map((g) => ({ ...g, scopePath: [...(AREAS.find((a) => a.code === g.scope)?.path ?? [g.scope])] }));
  const openid = opts.openid === undefined ? `o_${opts.name}_${new Types.ObjectId().toHexString().slice(-6)}` : opts.openid;
  const u = await User.create({
    displayName: opts.name,
    grants,
    lang: opts.lang ?? 'zh',
    subscribe: { notices: opts.subscribe ?? false },
    ...(openid ? { openid } : {}),
  });
  for (const d of opts.dwellings ?? []) {
    const dw = await Dwelling.findById(d).lean();
    await Binding.create({ userId: u._id, dwellingId: dw!._id, relation: 'owner', status: 'active', complexCode: dw!.complexCode, areaPath: dw!.areaPath });
  }
  return { id: String(u._id), token: (await issueTokens(u)).accessToken, openid };
}

export function wechatEnv(wx: FakeWechat): Record<string, string> {
  return { WECHAT_API_BASE: wx.baseUrl, WECHAT_APPID: wx.appid, WECHAT_SECRET: wx.secret, WECHAT_TEMPLATE_NOTICE: 'tmpl-notice' };
}

/** 1-page PDF and a 1×1 PNG, real enough for type detection from the bytes. */
export const PDF_BYTES = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
  'latin1',
);
export const PNG_BYTES = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

export async function upload(s: TestServer, path: string, token: string, file: { bytes: Buffer; name: string; type?: string }) {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(file.bytes)], { type: file.type ?? 'application/octet-stream' }), file.name);
  const res = await fetch(s.url + path, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  const text = await res.text();
  let body: Json = text;
  try {
    body = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: res.status, body, headers: res.headers };
}

/** A connected socket.io client that has joined `rooms`, recording every event it receives. */
export async function connectClient(s: TestServer, token: string, rooms: string[]) {
  const socket: Socket = ioc(s.url, { path: '/socket.io', auth: { token }, transports: ['websocket'], reconnection: false });
  const events: { event: string; payload: Json }[] = [];
  socket.onAny((event, payload) => events.push({ event, payload }));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  const joins: boolean[] = [];
  for (const room of rooms) {
    const ack: Json = await socket.timeout(3000).emitWithAck('join', room);
    joins.push(ack?.ok === true);
  }
  return { socket, events, joins, close: () => socket.disconnect() };
}

export async function waitFor<T>(fn: () => T | undefined | false | Promise<T | undefined | false>, what: string, ms = 10_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
