import { useCallback, useState } from 'react';
import { asApiError, type ApiError } from './api-error.ts';

/**
 * One API call at a time from a card or form: whether it is in flight (to disable its buttons) and
 * its refusal, to show beside them. `run` resolves to the call's result, or undefined when refused.
 */
export function useApiAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const run = useCallback(async <T,>(call: () => Promise<T>): Promise<T | undefined> => {
    setBusy(true);
    setError(undefined);
    try {
      return await call();
    } catch (caught) {
      setError(asApiError(caught));
      return undefined;
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, setError, run };
}
