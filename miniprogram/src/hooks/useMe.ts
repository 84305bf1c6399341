import { useCallback, useEffect, useSyncExternalStore } from 'react';
import { ApiError, errorMessage } from '../services/api';
import { fetchMe } from '../services/resident';
import { onResync } from '../services/realtime';
import { onSessionChange, getAccessToken } from '../services/session';
import type { Me } from '../services/types';

/** /api/me, shared by every page (dwellings, roles, language, subscriptions): one request, re-read on demand. */
interface MeState {
  me?: Me;
  loading: boolean;
  error: string | null;
  status: number | null;
}

let state: MeState = { loading: false, error: null, status: null };
let inflight: Promise<void> | null = null;
const listeners = new Set<() => void>();
const set = (patch: Partial<MeState>) => {
  state = { ...state, ...patch };
  listeners.forEach((l) => l());
};

export function reloadMe(): Promise<void> {
  if (!getAccessToken()) {
    set({ me: undefined, loading: false, error: null, status: 401 });
    return Promise.resolve();
  }
  inflight ??= (async () => {
    set({ loading: true, error: null });
    try {
      set({ me: await fetchMe(), loading: false, status: null });
    } catch (e) {
      set({ loading: false, error: errorMessage(e), status: e instanceof ApiError ? e.status : null });
    } finally {
      inflight = null;
    }
  })();
  return inflight;
}

onSessionChange(() => {
  state = { loading: false, error: null, status: null };
  listeners.forEach((l) => l());
  // A new login: the reset state equals the old one, so no page effect would notice; load the new user's /me here.
  if (getAccessToken()) void reloadMe();
});
onResync(() => void reloadMe());

const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => listeners.delete(l);
};
const snapshot = () => state;

/** `me` loads on first use; `reload()` after a claim or a settings change. */
export function useMe() {
  const s = useSyncExternalStore(subscribe, snapshot, snapshot);
  useEffect(() => {
    if (!s.me && !s.loading && !s.error && getAccessToken()) void reloadMe();
  }, [s.me, s.loading, s.error]);
  const reload = useCallback(() => void reloadMe(), []);
  return { ...s, loading: s.loading || (!s.me && !s.error && Boolean(getAccessToken())), reload };
}

/** Active bindings, and those of them where this user may cast an owners' ballot. */
export const activeBindings = (me: Me | undefined) => (me?.bindings ?? []).filter((b) => b.status === 'active');
