import { useCallback, useState } from 'react';
import type { ApiError } from '../../api/api-error.ts';
import { RequestError } from '../../realtime/socket.ts';
import { toApiError } from './room-view.ts';

/**
 * Runs one room request at a time from a panel: which one is in flight (to disable its button)
 * and the last refusal, shown next to the controls.
 */
export function useRoomAction() {
  const [busy, setBusy] = useState<string>();
  const [error, setError] = useState<ApiError>();
  const run = useCallback(async (key: string, action: () => Promise<unknown>): Promise<boolean> => {
    setBusy(key);
    setError(undefined);
    try {
      await action();
      return true;
    } catch (caught) {
      setError(toApiError(caught instanceof RequestError ? caught.body : { code: 'internal', message: caught instanceof Error ? caught.message : String(caught) }));
      return false;
    } finally {
      setBusy(undefined);
    }
  }, []);
  const clear = useCallback(() => setError(undefined), []);
  return { busy, error, run, clear };
}
