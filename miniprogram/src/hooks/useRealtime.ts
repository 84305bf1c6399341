import { useEffect, useRef } from 'react';
import { joinRoom, leaveRoom, onRealtime } from '../services/realtime';

// Several mounted pages may watch one room (a tab page stays mounted under a detail page): leave on the last one.
const holders = new Map<string, number>();
function hold(room: string) {
  holders.set(room, (holders.get(room) ?? 0) + 1);
  void joinRoom(room);
}
function release(room: string) {
  const n = (holders.get(room) ?? 1) - 1;
  if (n > 0) holders.set(room, n);
  else {
    holders.delete(room);
    leaveRoom(room);
  }
}

/**
 * Joins `room` while the component is mounted and calls `onEvent` for `event`. After a reconnect the socket rejoins
 * its rooms by itself and useRemote re-fetches, so nothing missed in the gap stays stale.
 */
export function useRealtimeRoom<T>(room: string | null, event: string, onEvent: (payload: T) => void) {
  const cb = useRef(onEvent);
  cb.current = onEvent;
  useEffect(() => {
    if (!room) return undefined;
    hold(room);
    const off = onRealtime<T>(event, (p) => cb.current(p));
    return () => {
      off();
      release(room);
    };
  }, [room, event]);
}

/** Listens to an event on rooms joined elsewhere (the user's own room is joined by the server). */
export function useRealtimeEvent<T>(event: string, onEvent: (payload: T) => void) {
  const cb = useRef(onEvent);
  cb.current = onEvent;
  useEffect(() => onRealtime<T>(event, (p) => cb.current(p)), [event]);
}

/** Joins several rooms (e.g. the notice rooms the server lists for this user) for as long as mounted. */
export function useRooms(rooms: readonly string[] | undefined) {
  const key = (rooms ?? []).join('|');
  useEffect(() => {
    const list = key ? key.split('|') : [];
    list.forEach(hold);
    return () => list.forEach(release);
  }, [key]);
}
