/**
 * Counting failed attempts in a sliding-free fixed window (pure): after `maxFailures` within
 * `windowMs`, further attempts are refused until `lockMs` after the last failure.
 */
export interface FailurePolicy {
  maxFailures: number;
  windowMs: number;
  lockMs: number;
}

export interface FailureWindow {
  /** When the current window began (ms since epoch). */
  since: number;
  failures: number;
  /** The last failure, from which a lock is counted. */
  lastAt: number;
}

export function recordFailure(window: FailureWindow | undefined, now: number, policy: FailurePolicy): FailureWindow {
  if (!window || now - window.since > policy.windowMs) return { since: now, failures: 1, lastAt: now };
  return { since: window.since, failures: window.failures + 1, lastAt: now };
}

/** Milliseconds until attempts are accepted again; 0 when they are now. */
export function lockRemainingMs(window: FailureWindow | undefined, now: number, policy: FailurePolicy): number {
  if (!window || window.failures < policy.maxFailures) return 0;
  return Math.max(0, window.lastAt + policy.lockMs - now);
}
