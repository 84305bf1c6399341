import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, errorMessage } from '../services/api';
import { useResync } from '../services/realtime';

export interface Remote<T> {
  data: T | undefined;
  loading: boolean;
  error: string | null;
  /** HTTP status of the last failure (401 → show a login button). */
  status: number | null;
  reload: () => void;
}

/** Counts the renders at which `deps` changed (shallow, like React's own comparison): a stable key for them. */
function useDepsVersion(deps: readonly unknown[]): number {
  const last = useRef(deps);
  const version = useRef(0);
  if (deps.length !== last.current.length || deps.some((d, i) => !Object.is(d, last.current[i]))) {
    last.current = deps;
    version.current += 1;
  }
  return version.current;
}

/**
 * Loads once on mount, again when `deps` change, on `reload()`, and after a realtime reconnect (missed events).
 * The latest `fetcher` is always the one called, so it may read any props without listing them twice.
 */
export function useRemote<T>(fetcher: () => Promise<T>, deps: unknown[] = []): Remote<T> {
  const [data, setData] = useState<T>();
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<number | null>(null);
  const seq = useRef(0);
  const latest = useRef(fetcher);
  latest.current = fetcher;
  const version = useDepsVersion(deps);

  const run = useCallback(() => {
    const mine = ++seq.current;
    setLoading(true);
    setError(null);
    latest.current().then(
      (d) => {
        if (mine !== seq.current) return; // a newer load superseded this one
        setData(d);
        setStatus(null);
        setLoading(false);
      },
      (e: unknown) => {
        if (mine !== seq.current) return;
        setError(errorMessage(e));
        setStatus(e instanceof ApiError ? e.status : null);
        setLoading(false);
      },
    );
  }, []);

  // Runs on mount and whenever a dep changed (version counts those changes).
  useEffect(run, [run, version]);
  useResync(run);
  return { data, loading, error, status, reload: run };
}
