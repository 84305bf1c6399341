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

/** Loads once on mount, again on `reload()`, and after a realtime reconnect (missed events). */
export function useRemote<T>(fetcher: () => Promise<T>, deps: unknown[] = []): Remote<T> {
  const [data, setData] = useState<T>();
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<number | null>(null);
  const seq = useRef(0);

  const run = useCallback(() => {
    const mine = ++seq.current;
    setLoading(true);
    setError(null);
    fetcher().then(
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
  }, deps);

  useEffect(run, [run]);
  useResync(run);
  return { data, loading, error, status, reload: run };
}
