import type http from 'node:http';
import { Server, type Socket } from 'socket.io';
import type { AuthUser } from './http/route';
import { userFromToken } from './http/auth';
import { logger } from './logger';

type RoomPolicy = (user: AuthUser, id: string) => Promise<boolean>;
const policies = new Map<string, RoomPolicy>();
let io: Server | undefined;

/** Rooms are `<prefix>:<id>`; a join is refused unless the prefix's policy allows it (deny by default). */
export function registerRoomPolicy(prefix: string, policy: RoomPolicy) {
  policies.set(prefix, policy);
}

// Every user may join their own room.
registerRoomPolicy('user', async (user, id) => user.id === id);

export async function mayJoin(user: AuthUser, room: string): Promise<boolean> {
  const m = /^([a-z_]+):([A-Za-z0-9_-]{1,64})$/.exec(room);
  if (!m) return false;
  const policy = policies.get(m[1]);
  if (!policy) return false;
  try {
    return await policy(user, m[2]);
  } catch {
    return false;
  }
}

export function emitToRoom(room: string, event: string, payload: unknown) {
  io?.to(room).emit(event, payload);
}

export function getIo() {
  return io;
}

export async function attachRealtime(server: http.Server, opts: { redisUrl?: string; corsOrigins: string[] }) {
  io = new Server(server, {
    path: '/socket.io',
    cors: { origin: opts.corsOrigins, credentials: false },
    serveClient: false,
    connectTimeout: 5000,
  });
  if (opts.redisUrl) {
    const { createAdapter } = await import('@socket.io/redis-adapter');
    const { Redis } = await import('ioredis');
    const pub = new Redis(opts.redisUrl, { lazyConnect: false, maxRetriesPerRequest: 2 });
    const sub = pub.duplicate();
    io.adapter(createAdapter(pub, sub));
    io.engine.on('close', () => { pub.disconnect(); sub.disconnect(); });
    logger.info('socket.io uses the Redis adapter');
  }
  // Authenticate in the handshake: a missing or bad token is refused at once.
  io.use(async (socket, next) => {
    const token = (socket.handshake.auth as { token?: string } | undefined)?.token;
    if (!token) return next(Object.assign(new Error('UNAUTHORIZED'), { data: { code: 'UNAUTHORIZED', message: '请先登录' } }));
    try {
      socket.data.user = await userFromToken(token);
      next();
    } catch (e: any) {
      next(Object.assign(new Error(e.code ?? 'UNAUTHORIZED'), { data: { code: e.code ?? 'UNAUTHORIZED', message: e.message } }));
    }
  });
  io.on('connection', (socket: Socket) => {
    const user = socket.data.user as AuthUser;
    socket.join(`user:${user.id}`);
    socket.on('join', async (room: unknown, ack?: (r: unknown) => void) => {
      const ok = typeof room === 'string' && (await mayJoin(user, room));
      if (ok) socket.join(room as string);
      if (typeof ack === 'function') ack(ok ? { ok: true } : { ok: false, error: { code: 'FORBIDDEN', message: '没有权限订阅' } });
    });
    socket.on('leave', (room: unknown, ack?: (r: unknown) => void) => {
      if (typeof room === 'string') socket.leave(room);
      if (typeof ack === 'function') ack({ ok: true });
    });
  });
  return io;
}

export async function closeRealtime() {
  if (!io) return;
  const s = io;
  io = undefined;
  s.disconnectSockets(true);
  await new Promise<void>((resolve) => s.close(() => resolve()));
}
