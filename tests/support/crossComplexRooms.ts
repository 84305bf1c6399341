// Socket.io rooms of complex B, tried by every actor of A (refused, and deaf to what is sent there) and by B's own
// actors (admitted: proves the room names are live).
import fs from 'node:fs';
import path from 'node:path';
import { io as ioc, type Socket } from 'socket.io-client';
import { emitToRoom } from '../../server/src/platform/realtime';
import { B, type CrossWorld } from './crossComplexWorld';

/** Per registered prefix: B's rooms of that kind and the actor of B who may join the first of them. */
export const roomFixtures: Record<string, { rooms: (w: CrossWorld) => string[]; control: string }> = {
  consultation: { rooms: (w) => [`consultation:${w.b.openB}`, `consultation:${w.b.closedB}`], control: 'residentB' },
  project: { rooms: (w) => [`project:${w.b.design}`, `project:${w.b.done}`], control: 'residentB' },
  area: { rooms: () => [B.complex, B.building, B.entrance, B.community, B.street, B.county].map((c) => `area:${c}`), control: 'residentB' },
  user: { rooms: (w) => [`user:${w.b.residentB}`, `user:${w.b.committeeB}`], control: 'residentB' },
};

/** Prefixes passed to registerRoomPolicy anywhere in server/src (read from the source, so none can hide). */
export function roomPrefixesInSource(): string[] {
  const out = new Set<string>();
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (p.endsWith('.ts')) for (const m of fs.readFileSync(p, 'utf8').matchAll(/registerRoomPolicy\(\s*['"`]([a-z_]+)['"`]/g)) out.add(m[1]);
    }
  };
  walk(path.resolve(__dirname, '../../server/src'));
  return [...out].sort();
}

function connect(url: string, token: string | undefined): Promise<Socket | Error> {
  const sock = ioc(url, { path: '/socket.io', transports: ['websocket'], auth: token ? { token } : {}, reconnection: false });
  return new Promise((resolve) => {
    sock.once('connect', () => resolve(sock));
    sock.once('connect_error', (e) => {
      sock.close();
      resolve(e);
    });
  });
}
const join = async (sock: Socket, room: string) => ((await sock.timeout(3000).emitWithAck('join', room)) as { ok?: boolean })?.ok === true;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function tryRooms(w: CrossWorld) {
  const wrong: string[] = [];
  let tried = 0;
  const anon = await connect(w.s.url, undefined);
  const anonymousRefused = anon instanceof Error;
  if (!(anon instanceof Error)) anon.close();
  const heard: string[] = [];
  const socks: Socket[] = [];
  try {
    for (const [actor, token] of Object.entries(w.actorsA)) {
      if (!token) continue;
      const sock = await connect(w.s.url, token);
      if (sock instanceof Error) {
        wrong.push(`${actor} could not connect: ${sock.message}`);
        continue;
      }
      socks.push(sock);
      sock.onAny((event: string, payload: { room?: string }) => {
        if (event === 'crosscheck') heard.push(`${actor} heard what was sent to ${payload?.room}`);
      });
      for (const [prefix, f] of Object.entries(roomFixtures)) {
        for (const room of f.rooms(w)) {
          tried++;
          if (await join(sock, room)) wrong.push(`${actor} joined ${room} (${prefix})`);
        }
      }
    }
    // Controls: B's actor is admitted to the first room of each kind and hears what is sent there.
    const own = new Map<string, Socket>();
    for (const [prefix, f] of Object.entries(roomFixtures)) {
      const sock = own.get(f.control) ?? (await connect(w.s.url, w.tokens[f.control]));
      if (sock instanceof Error) {
        wrong.push(`${f.control} could not connect`);
        continue;
      }
      own.set(f.control, sock);
      socks.push(sock);
      if (!(await join(sock, f.rooms(w)[0]))) wrong.push(`control: ${f.control} was refused ${f.rooms(w)[0]} (${prefix}) — the fixture names no live room`);
    }
    const got: string[] = [];
    for (const sock of own.values()) sock.onAny((event: string) => got.push(event));
    for (const f of Object.values(roomFixtures)) for (const room of f.rooms(w)) emitToRoom(room, 'crosscheck', { room });
    await sleep(300);
    wrong.push(...heard);
    if (!got.includes('crosscheck')) wrong.push("control: B's own socket heard nothing sent to its rooms");
  } finally {
    for (const sock of socks) sock.close();
  }
  return { wrong, tried, anonymousRefused };
}
