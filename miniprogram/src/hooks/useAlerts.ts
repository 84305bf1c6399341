import { useCallback, useState } from 'react';
import { fetchAlerts, type OwnerAlert } from '../services/binding';
import { useRealtimeEvent } from './useRealtime';
import { useRemote } from './useRemote';

/** The owner's alerts, re-read when the server announces a new one on the user's room. */
export function useAlerts(enabled = true) {
  const remote = useRemote(() => (enabled ? fetchAlerts() : Promise.resolve([] as OwnerAlert[])), [enabled]);
  // A disputed or dismissed card keeps its new state on screen until the next load.
  const [changed, setChanged] = useState<Record<string, OwnerAlert>>({});
  useRealtimeEvent('identity.alert', remote.reload);
  const items = (remote.data ?? []).map((a) => changed[a.id] ?? a);
  const update = useCallback((a: OwnerAlert) => setChanged((c) => ({ ...c, [a.id]: a })), []);
  return { ...remote, items, update };
}
