// Fetch-on-change with reload, dropping answers that arrive after a newer request was made (a fast
// filter change must not be overwritten by the slower response of the previous one).
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';

export interface Resource<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  /** Fetch again; `quiet` keeps the current data on screen while it runs. */
  reload(quiet?: boolean): Promise<void>;
  set(update: (prev: T | undefined) => T | undefined): void;
}

export function useResource<T>(fetcher: () => Promise<T>, deps: unknown[]): Resource<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const latest = useRef(0);
  const fetcherRef = useRef(fetcher);
  fetcherRef.current = fetcher;

  const reload = useCallback(async (quiet = false) => {
    const ticket = ++latest.current;
    if (!quiet) setLoading(true);
    try {
      const value = await fetcherRef.current();
      if (ticket !== latest.current) return;
      setData(value);
      setError(null);
    } catch (err) {
      if (ticket !== latest.current) return;
      setError(err);
    } finally {
      if (ticket === latest.current) setLoading(false);
    }
  }, []);

  useEffect(() => {
    void reload();
  }, deps);

  return { data, error, loading, reload, set: setData };
}

/** Calls `fn` at most once per `ms`, with the last arguments (trailing edge). */
export function useDebounced(fn: () => void, ms: number): () => void {
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const fnRef = useRef(fn);
  fnRef.current = fn;
  useEffect(() => () => clearTimeout(timer.current), []);
  return useCallback(() => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => fnRef.current(), ms);
  }, [ms]);
}
