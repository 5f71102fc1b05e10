import { useCallback, useEffect, useEffectEvent, useRef, useState } from 'react';
import { asApiError, type ApiError } from './api-error.ts';

export interface ApiData<T> {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  reload: () => void;
  /** Replace the data with a newer copy the caller already has (e.g. from a command's response). */
  setData: (data: T) => void;
}

/**
 * Loads with `load` whenever `key` changes. A response that arrives after a newer request was
 * started is dropped, so a slow answer for an old filter cannot overwrite the current one.
 */
export function useApiData<T>(key: string, load: () => Promise<T>): ApiData<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<ApiError>();
  const [loading, setLoading] = useState(true);
  const [generation, setGeneration] = useState(0);
  const latest = useRef(0);
  const run = useEffectEvent(load);

  // biome-ignore lint/correctness/useExhaustiveDependencies: key and generation are what start a load; the load itself is an effect event
  useEffect(() => {
    const request = ++latest.current;
    setLoading(true);
    run()
      .then((value) => {
        if (request !== latest.current) return;
        setData(value);
        setError(undefined);
      })
      .catch((caught: unknown) => {
        if (request === latest.current) setError(asApiError(caught));
      })
      .finally(() => {
        if (request === latest.current) setLoading(false);
      });
  }, [key, generation]);

  const reload = useCallback(() => setGeneration((n) => n + 1), []);
  const replace = useCallback((value: T) => {
    // Supersedes any load still in flight.
    latest.current++;
    setData(value);
    setError(undefined);
    setLoading(false);
  }, []);
  return { data, error, loading, reload, setData: replace };
}
