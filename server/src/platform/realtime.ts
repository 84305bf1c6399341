import type http from 'node:http';
import jwt from 'jsonwebtoken';
import { Server, type Socket } from 'socket.io';
import type { AuthUser } from './http/route';
import { userFromToken } from './http/auth';
import { logger } from './logger';
import { thrownLike } from './errors';

type RoomPolicy = (user: AuthUser, id: string) => Promise<boolean>;
const policies = new Map<string, RoomPolicy>();
let io: Server | undefined;

/*
 * A socket lives no longer than the session that opened it: it joins `session:<sid>` so a logout or revocation on
 * any instance disconnects it (disconnectSockets goes through the Redis adapter), a timer ends it when the token
 * expires, and a change of a user's bindings or roles re-checks every room its sockets are in (fetchSockets + leave,
 * across instances too). One user cannot flood the server: a cap on sockets per user, a join rate and an event
 * budget per socket, all answered in memory before any database work.
 */
export const SOCKET_LIMITS = { perUser: 8, joinsPerWindow: 30, eventsPerWindow: 120, windowMs: 10_000, roomsPerSocket: 40 };

/** Rooms are `<prefix>:<id>`; a join is refused unless the prefix's policy allows it (deny by default). */
export function registerRoomPolicy(prefix: string, policy: RoomPolicy) {
  policies.set(prefix, policy);
}

// Every user may join their own room.
registerRoomPolicy('user', async (user, id) => user.id === id);

export async function mayJoin(user: AuthUser, room: string): Promise<boolean> {
  const m = /^([a-z_]+):([A-Za-z0-9_-]{1,64})$/.exec(room);
  if (!m || m[1] === 'session') return false;
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

/** Logout, reuse detection or an administrator ended the session: its sockets go, on every instance. */
export function endSessionSockets(sessionId: string) {
  io?.in(`session:${sessionId}`).disconnectSockets(true);
}

/**
 * A user's bindings or roles changed: each of their sockets (on any instance) is re-authorised from its token and
 * leaves the rooms it may no longer see; a socket whose session has ended is disconnected.
 */
export async function recheckUserSockets(userIds: string[]): Promise<void> {
  if (!io) return;
  for (const userId of new Set(userIds)) {
    let sockets;
    try {
      sockets = await io.in(`user:${userId}`).fetchSockets();
    } catch (e) {
      logger.warn({ err: e, userId }, 'socket recheck failed');
      continue;
    }
    for (const s of sockets) {
      let user: AuthUser;
      try {
        user = await userFromToken(s.data.token);
      } catch {
        s.disconnect(true);
        continue;
      }
      for (const room of s.rooms) {
        if (room === s.id || room.startsWith('session:') || room === `user:${user.id}`) continue;
        if (!(await mayJoin(user, room))) s.leave(room);
      }
    }
  }
}

const refuse = (code: string, message: string) => Object.assign(new Error(code), { data: { code, message } });
const ackError = (code: string, message: string) => ({ ok: false, error: { code, message } });

/** A fixed-window counter per socket: how many events of one kind it may send per window. */
function budget(limit: number) {
  let start = Date.now();
  let used = 0;
  return () => {
    const now = Date.now();
    if (now - start >= SOCKET_LIMITS.windowMs) {
      start = now;
      used = 0;
    }
    return ++used <= limit;
  };
}

export async function attachRealtime(server: http.Server, opts: { redisUrl?: string; corsOrigins: string[] }) {
  io = new Server(server, {
    path: '/socket.io',
    cors: { origin: opts.corsOrigins, credentials: false },
    serveClient: false,
    connectTimeout: 5000,
    maxHttpBufferSize: 16 * 1024, // events are room names and acks, never documents
  });
  const server_ = io;
  if (opts.redisUrl) {
    const { createAdapter } = await import('@socket.io/redis-adapter');
    const { Redis } = await import('ioredis');
    const pub = new Redis(opts.redisUrl, { lazyConnect: false, maxRetriesPerRequest: 2 });
    const sub = pub.duplicate();
    io.adapter(createAdapter(pub, sub, { requestsTimeout: 3000 }));
    io.engine.on('close', () => {
      pub.disconnect();
      sub.disconnect();
    });
    logger.info('socket.io uses the Redis adapter');
  }
  // Sockets per user on this instance, counted before any await so a burst of handshakes cannot slip past the cap.
  const local = new Map<string, number>();
  const release = (userId: string) => {
    const n = (local.get(userId) ?? 1) - 1;
    if (n <= 0) local.delete(userId);
    else local.set(userId, n);
  };
  // Authenticate in the handshake: a missing or bad token is refused at once.
  io.use(async (socket, next) => {
    const token = (socket.handshake.auth as { token?: string } | undefined)?.token;
    if (typeof token !== 'string' || !token) return next(refuse('UNAUTHORIZED', '请先登录'));
    let user: AuthUser;
    try {
      user = await userFromToken(token);
    } catch (e) {
      return next(refuse(String(thrownLike(e).code ?? 'UNAUTHORIZED'), String(thrownLike(e).message ?? '请先登录')));
    }
    const mine = (local.get(user.id) ?? 0) + 1;
    local.set(user.id, mine);
    socket.data.counted = true;
    const tooMany = () => refuse('TOO_MANY_CONNECTIONS', '同时在线的连接过多，请关闭其他页面后重试');
    if (mine > SOCKET_LIMITS.perUser) {
      release(user.id);
      socket.data.counted = false;
      return next(tooMany());
    }
    try {
      // Across instances (through the adapter): the user's sockets elsewhere count too.
      const everywhere = await server_.in(`user:${user.id}`).fetchSockets();
      if (everywhere.length + 1 > SOCKET_LIMITS.perUser) {
        release(user.id);
        socket.data.counted = false;
        return next(tooMany());
      }
    } catch {
      /* another instance did not answer: the local count still holds */
    }
    const claims = jwt.decode(token) as { sid?: string; exp?: number } | null;
    socket.data.user = user;
    socket.data.token = token;
    socket.data.sid = claims?.sid;
    socket.data.exp = claims?.exp;
    next();
  });
  io.on('connection', (socket: Socket) => {
    const user = socket.data.user as AuthUser;
    socket.on('disconnect', () => {
      if (socket.data.counted) release(user.id);
    });
    socket.join(`user:${user.id}`);
    if (socket.data.sid) socket.join(`session:${socket.data.sid}`);
    // The access token's expiry ends the socket: the client reconnects with a refreshed token.
    const left = (socket.data.exp ?? 0) * 1000 - Date.now();
    const expiry = setTimeout(() => socket.disconnect(true), Math.max(0, Math.min(left, 2 ** 31 - 1)));
    socket.on('disconnect', () => clearTimeout(expiry));

    const events = budget(SOCKET_LIMITS.eventsPerWindow);
    socket.use((_packet, next) => {
      if (events()) return next();
      logger.warn({ userId: user.id }, 'socket over its event budget: disconnected');
      socket.disconnect(true);
    });
    const joins = budget(SOCKET_LIMITS.joinsPerWindow);
    socket.on('join', async (room: unknown, ack?: (r: unknown) => void) => {
      const reply = typeof ack === 'function' ? ack : () => undefined;
      if (!joins()) return reply(ackError('RATE_LIMITED', '订阅过于频繁，请稍后再试'));
      if (typeof room !== 'string') return reply(ackError('FORBIDDEN', '没有权限订阅'));
      if (socket.rooms.has(room)) return reply({ ok: true });
      if (socket.rooms.size >= SOCKET_LIMITS.roomsPerSocket + 3) return reply(ackError('TOO_MANY_ROOMS', '订阅的频道过多'));
      const ok = await mayJoin(user, room);
      if (ok && socket.connected) socket.join(room);
      reply(ok ? { ok: true } : ackError('FORBIDDEN', '没有权限订阅'));
    });
    socket.on('leave', (room: unknown, ack?: (r: unknown) => void) => {
      if (typeof room === 'string' && !room.startsWith('session:') && room !== `user:${user.id}`) socket.leave(room);
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
