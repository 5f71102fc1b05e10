import { describe, expect, it } from 'vitest';
import { waitAfterFailures, waitRemainingMs, type BackoffPolicy } from '../../server/auth/failure-window.ts';

const policy: BackoffPolicy = { freeFailures: 3, firstWaitMs: 10_000, maxWaitMs: 60_000, windowSeconds: 3600 };

describe('backoff over failed attempts', () => {
  it('asks for no wait below the free allowance, then doubles the wait with each failure up to the cap', () => {
    expect([0, 1, 2].map((failures) => waitAfterFailures(failures, policy))).toEqual([0, 0, 0]);
    expect([3, 4, 5, 6, 7, 50].map((failures) => waitAfterFailures(failures, policy))).toEqual([10_000, 20_000, 40_000, 60_000, 60_000, 60_000]);
    expect(waitAfterFailures(10_000, policy)).toBe(60_000);
  });

  it('counts the wait down from the latest failure, and never refuses below the allowance', () => {
    expect(waitRemainingMs({ failures: 2, lastAt: 5_000 }, 5_000, policy)).toBe(0);
    const locked = { failures: 4, lastAt: 5_000 };
    expect(waitRemainingMs(locked, 5_000, policy)).toBe(20_000);
    expect(waitRemainingMs(locked, 20_000, policy)).toBe(5_000);
    expect(waitRemainingMs(locked, 25_000, policy)).toBe(0);
    expect(waitRemainingMs(locked, 99_000, policy)).toBe(0);
  });
});
