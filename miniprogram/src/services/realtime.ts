import Taro from '@tarojs/taro';
import { io, type Socket } from 'socket.io-client';
import { useEffect, useRef, useSyncExternalStore } from 'react';
import { API_BASE, refreshAccessToken } from './api';
import { getAccessToken } from './session';
import { TaroWebSocketTransport } from './taroSocketTransport';

export type RealtimeStatus = 'idle' | 'connecting' | 'connected' | 'disconnected';

let socket: Socket | null = null;
let status: RealtimeStatus = 'idle';
let everConnected = false;
let refreshTried = false;
const rooms = new Set<string>();
const statusListeners = new Set<() => void>();
const resyncListeners = new Set<() => void>();

function setStatus(s: RealtimeStatus) {
  status = s;
  statusListeners.forEach((l) => l());
}

/** Weapp has no `location`, so it needs an absolute origin; H5 uses the page's own origin when API_BASE is ''. */
function serverUrl(): string | undefined {
  if (API_BASE) return API_BASE;
  return process.env.TARO_ENV === 'h5' ? undefined : 'http://localhost:3000';
}

function joinNow(room: string): Promise<boolean> {
  return new Promise((resolve) => {
    if (!socket?.connected) return resolve(false);
    socket.timeout(5000).emit('join', room, (err: Error | null, res?: { ok: boolean }) => resolve(!err && !!res?.ok));
  });
}

/** Connects once (idempotent). Needs a stored access token; the server refuses anonymous sockets. */
export function connectRealtime(): Socket | null {
  if (socket) return socket;
  if (!getAccessToken()) return null;
  const opts = {
    path: '/socket.io',
    // A function, so every reconnect sends the current (possibly refreshed) token.
    auth: (cb: (data: object) => void) => cb({ token: getAccessToken() }),
    reconnection: true,
    reconnectionDelay: 1000,
    reconnectionDelayMax: 10000,
    timeout: 10000,
  };
  const url = serverUrl();
  const s = process.env.TARO_ENV === 'h5' ? (url ? io(url, opts) : io(opts)) : io(url!, { ...opts, transports: [TaroWebSocketTransport] as never });
  socket = s;
  setStatus('connecting');

  s.on('connect', () => {
    refreshTried = false;
    setStatus('connected');
    rooms.forEach((room) => void joinNow(room));
    // After a gap, events may have been missed: let pages re-fetch what they show.
    if (everConnected) resyncListeners.forEach((l) => l());
    everConnected = true;
  });
  s.on('disconnect', () => setStatus('disconnected'));
  s.on('connect_error', async (err: Error & { data?: { code?: string } }) => {
    setStatus('disconnected');
    // A refused handshake is not retried by socket.io; renew the token once and try again.
    if (!s.active && !refreshTried) {
      refreshTried = true;
      if (err.data?.code && (await refreshAccessToken())) s.connect();
    }
  });
  return s;
}

export function disconnectRealtime() {
  socket?.disconnect();
  socket = null;
  everConnected = false;
  rooms.clear();
  setStatus('idle');
}

/** Subscribe to a room (`consultation:<id>`, `area:<code>`); kept across reconnects. */
export function joinRoom(room: string): Promise<boolean> {
  rooms.add(room);
  return joinNow(room);
}

export function leaveRoom(room: string) {
  rooms.delete(room);
  socket?.emit('leave', room);
}

export function onResync(cb: () => void): () => void {
  resyncListeners.add(cb);
  return () => resyncListeners.delete(cb);
}

export function onRealtime<T = unknown>(event: string, cb: (payload: T) => void): () => void {
  const s = connectRealtime();
  s?.on(event, cb as (...args: unknown[]) => void);
  return () => s?.off(event, cb as (...args: unknown[]) => void);
}

export function useRealtimeStatus(): RealtimeStatus {
  const sub = (l: () => void) => {
    statusListeners.add(l);
    return () => statusListeners.delete(l);
  };
  return useSyncExternalStore(
    sub,
    () => status,
    () => status,
  );
}

/** Calls `refetch` after every reconnect (not the first connect). */
export function useResync(refetch: () => void) {
  const ref = useRef(refetch);
  ref.current = refetch;
  useEffect(() => onResync(() => ref.current()), []);
}

// Mini-programs drop sockets in the background; reconnecting on show is cheaper than waiting for a ping timeout.
if (process.env.TARO_ENV !== 'h5') {
  Taro.onAppShow?.(() => {
    if (socket && !socket.connected) socket.connect();
  });
}
