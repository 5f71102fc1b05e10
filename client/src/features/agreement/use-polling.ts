import { useEffect, useEffectEvent } from 'react';

/**
 * Calls `tick` every `intervalMs` while the page is visible: how an open agreement page learns
 * of the other side's saves and signatures without a socket (the room's socket pushes reach only
 * members of the live room).
 */
export function usePolling(tick: () => void, intervalMs: number, enabled = true): void {
  const run = useEffectEvent(tick);
  useEffect(() => {
    if (!enabled) return;
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') run();
    }, intervalMs);
    // Coming back to the tab: catch up at once rather than at the next tick.
    const onVisible = () => {
      if (document.visibilityState === 'visible') run();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [intervalMs, enabled]);
}
