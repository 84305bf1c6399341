import { useRef } from 'react';

/**
 * The latest value behind a stable ref. An effect that should run when *other* values change reads current props and
 * callbacks through it, instead of re-running whenever a parent passes a new function.
 */
export function useLatest<T>(value: T): { readonly current: T } {
  const ref = useRef(value);
  ref.current = value;
  return ref;
}
