/**
 * Exponential backoff over a count of failed attempts (pure): the first `freeFailures` cost nothing; after
 * that, each failure asks for a wait before the next attempt, twice as long as the one before, up to a cap.
 * A wait that grows without a hard lock keeps guessing slow without ever shutting the door for good.
 */
export interface BackoffPolicy {
  freeFailures: number;
  /** The wait after failure number `freeFailures`. */
  firstWaitMs: number;
  maxWaitMs: number;
  /** How long a count lasts from its first failure, in seconds (the counter's TTL in the store). */
  windowSeconds: number;
}

export interface FailureCount {
  failures: number;
  /** The latest failure (ms since epoch), from which its wait is counted. */
  lastAt: number;
}

/** The wait (ms) that failure number `failures` asks for before the next attempt. */
export function waitAfterFailures(failures: number, policy: BackoffPolicy): number {
  if (failures < policy.freeFailures) return 0;
  return Math.min(policy.maxWaitMs, policy.firstWaitMs * 2 ** (failures - policy.freeFailures));
}

/** Milliseconds until the next attempt is accepted; 0 when it is now. */
export function waitRemainingMs(count: FailureCount, now: number, policy: BackoffPolicy): number {
  return Math.max(0, count.lastAt + waitAfterFailures(count.failures, policy) - now);
}
