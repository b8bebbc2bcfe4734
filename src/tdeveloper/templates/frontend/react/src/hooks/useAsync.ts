import { type DependencyList, useEffect, useState } from "react";

export interface AsyncState<T> {
  data: T | undefined;
  error: Error | null;
  loading: boolean;
}

/**
 * The outcome of `load()`, run again whenever `deps` change. The previous data stays while the
 * next load runs, so a list does not flash empty between pages; an answer that arrives after
 * newer deps (or after the page is left) is dropped.
 */
export function useAsync<T>(load: () => Promise<T>, deps: DependencyList): AsyncState<T> {
  const [state, setState] = useState<AsyncState<T>>({ data: undefined, error: null, loading: true });
  useEffect(() => {
    let current = true;
    setState((previous) => ({ data: previous.data, error: null, loading: true }));
    load().then(
      (data) => current && setState({ data, error: null, loading: false }),
      (error: unknown) =>
        current && setState({ data: undefined, error: asError(error), loading: false }),
    );
    return () => {
      current = false;
    };
    // The caller lists what `load` reads: `load` itself is a new function on every render.
  }, deps);
  return state;
}

export function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
